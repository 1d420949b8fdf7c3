"""Rules that span entries: ids, cross-references, alias collisions, freshness, sources.

The models check each entry alone; these checks need the whole file. Each finding is a
(path, message, severity) triple so the loader can attach the line number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from knowledge.models import (
    FIGURE_PLACEHOLDER,
    HOLLAND_LETTERS,
    Entry,
    Faq,
    KnowledgeBase,
    Occupation,
    Policy,
    School,
)
from knowledge.normalize import normalize

PathKey = tuple[str | int, ...]
Finding = tuple[PathKey, str, str]
MIN_OCCUPATIONS_PER_HOLLAND_TYPE = 4


def entries(kb: KnowledgeBase) -> Iterator[tuple[str, int, Entry]]:
    """Every searchable entry with its section name and index."""
    for section in ("occupations", "schools", "policies", "faqs"):
        for index, entry in enumerate(getattr(kb, section)):
            yield section, index, entry


def names_of(entry: Entry) -> list[tuple[str, str]]:
    """(field, text) pairs that name an entry and must point to it alone."""
    if isinstance(entry, Occupation):
        return [("name", entry.name), *(("aliases", a) for a in entry.aliases)]
    if isinstance(entry, School):
        return [("name", entry.name), *(("short_names", a) for a in entry.short_names)]
    if isinstance(entry, Policy):
        return [("title", entry.title), *(("aliases", a) for a in entry.aliases)]
    if isinstance(entry, Faq):
        return [("question", entry.question)]
    return []


def _texts(entry: Entry) -> Iterator[tuple[str, str]]:
    for field, value in entry:
        if isinstance(value, str):
            yield field, value
        elif isinstance(value, tuple):
            yield from ((field, v) for v in value if isinstance(v, str))


def check_semantics(kb: KnowledgeBase, today: dt.date, stale_after_days: int) -> list[Finding]:
    """All cross-entry findings, errors first in file order."""
    findings: list[Finding] = []
    ids: dict[str, PathKey] = {}
    for section, index, entry in entries(kb):
        path = (section, index, "id")
        if entry.id in ids:
            first = ids[entry.id]
            findings.append((path, f"duplicate id {entry.id!r} (also {first[0]}[{first[1]}])", "error"))
        else:
            ids[entry.id] = path
    findings += _references(kb, ids)
    findings += _collisions(kb)
    findings += _placeholders(kb)
    findings += _holland_coverage(kb)
    findings += _freshness(kb, today, stale_after_days)
    return findings


def _references(kb: KnowledgeBase, ids: dict[str, PathKey]) -> list[Finding]:
    occupations = {o.id for o in kb.occupations}
    schools = {s.id for s in kb.schools}
    sectors = {s.id for s in kb.sectors}
    findings: list[Finding] = []

    def need(path: PathKey, value: str, pool: set[str], what: str) -> None:
        if value not in pool:
            findings.append((path, f"unknown {what} id {value!r}", "error"))

    for i, occ in enumerate(kb.occupations):
        need(("occupations", i, "sector"), occ.sector, sectors, "sector")
        for j, ref in enumerate(occ.schools):
            need(("occupations", i, "schools", j), ref, schools, "school")
        for j, ref in enumerate(occ.related):
            need(("occupations", i, "related", j), ref, occupations, "occupation")
    for i, school in enumerate(kb.schools):
        for j, ref in enumerate(school.programs):
            need(("schools", i, "programs", j), ref, occupations, "occupation")
        if school.merged_into:
            need(("schools", i, "merged_into"), school.merged_into, schools, "school")
    for i, faq in enumerate(kb.faqs):
        for j, ref in enumerate(faq.related):
            need(("faqs", i, "related", j), ref, set(ids), "entry")
    return findings


def _collisions(kb: KnowledgeBase) -> list[Finding]:
    owners: dict[str, tuple[str, PathKey]] = {}
    findings: list[Finding] = []
    for section, index, entry in entries(kb):
        for field, text in names_of(entry):
            key = normalize(text)
            if not key:
                continue
            path: PathKey = (section, index, field)
            owner = owners.get(key)
            if owner and owner[0] != entry.id:
                findings.append(
                    (
                        path,
                        f"{text!r} also names {owner[0]!r}; a user typing it could mean either",
                        "error",
                    )
                )
            owners.setdefault(key, (entry.id, path))
    return findings


def _placeholders(kb: KnowledgeBase) -> list[Finding]:
    findings: list[Finding] = []
    for section, index, entry in entries(kb):
        for field, text in _texts(entry):
            for name in FIGURE_PLACEHOLDER.findall(text):
                if name not in kb.figures:
                    findings.append(((section, index, field), f"unknown figure {{{name}}}", "error"))
    return findings


def _holland_coverage(kb: KnowledgeBase) -> list[Finding]:
    findings: list[Finding] = []
    for letter in HOLLAND_LETTERS:
        count = sum(1 for o in kb.occupations if o.holland.startswith(letter))
        if count < MIN_OCCUPATIONS_PER_HOLLAND_TYPE:
            findings.append(
                (
                    ("occupations",),
                    f"only {count} occupations have Holland type {letter} first; the quiz needs "
                    f"at least {MIN_OCCUPATIONS_PER_HOLLAND_TYPE}",
                    "error",
                )
            )
    return findings


def _freshness(kb: KnowledgeBase, today: dt.date, stale_after_days: int) -> list[Finding]:
    findings: list[Finding] = []
    for section, index, entry in entries(kb):
        if not entry.sources:
            findings.append(((section, index, "sources"), f"{entry.id!r} has no sources", "warning"))
        if entry.verified is None:
            findings.append(((section, index, "verified"), f"{entry.id!r} has no verified date", "warning"))
        elif (today - entry.verified).days > stale_after_days:
            findings.append(
                (
                    (section, index, "verified"),
                    f"{entry.id!r} was last verified on {entry.verified.isoformat()}, over 12 months ago",
                    "warning",
                )
            )
    return findings
