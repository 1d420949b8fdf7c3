"""The search index: every name, alias, interest and FAQ variant as a weighted phrase.

A question is scored against phrases, not against whole entries: "tiếng Hàn" must beat "hàn" when
both words are there, and a long parent question should be judged by the phrase it contains, not
diluted by everything else it says. Lookups go through an inverted index (word → phrases), so the cost
of a question depends on its words, not on the size of the knowledge base. Typos are repaired twice:
unknown words through a one-edit deletion index and Vietnamese spelling confusions (ch/tr, s/x, d/gi/r,
l/n), and a phrase's missing word is credited when the question has a word one edit away from it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz.distance import DamerauLevenshtein

from knowledge.lexicon import STOPWORDS
from knowledge.normalize import Word, words

# How much a phrase field says about its entry.
FIELD_WEIGHTS: dict[str, float] = {
    "name": 1.0,
    "alias": 1.0,
    "english": 0.95,
    "interest": 0.9,
    "variant": 0.9,
    "title": 1.0,
}
CROWDED_POSTINGS = 400  # a word in more phrases than this only narrows, never widens, the search
TYPO_CREDIT = 0.8  # a word one edit away counts this much of the real word
ACCENT_PENALTY = 0.75  # typed with other diacritics than the phrase's: still a match, ranked lower
_PHONETIC_INITIALS = (
    ("tr", "ch"),
    ("gi", "d"),
    ("r", "d"),
    ("x", "s"),
    ("n", "l"),
    ("k", "c"),
    ("q", "c"),
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """One searchable phrase of one entry."""

    kind: str
    entry_id: str
    field: str
    text: str
    tokens: tuple[str, ...]
    accents: tuple[str | None, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """How well a question covers one phrase."""

    phrase: Phrase
    score: float
    coverage: float
    matched: frozenset[str]


def content_words(text: str) -> tuple[Word, ...]:
    """Normalized words without function words (all of them when nothing else is left)."""
    all_words = words(text)
    kept = tuple(w for w in all_words if w.folded not in STOPWORDS)
    return kept or all_words


def phonetic_key(token: str) -> str:
    """Fold the spelling confusions Vietnamese students make into one key ("chu" ~ "tru")."""
    for written, said in _PHONETIC_INITIALS:
        if token.startswith(written):
            return said + token[len(written) :]
    return token


def _deletes(token: str) -> set[str]:
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


@dataclass
class SearchIndex:
    """Phrases plus the lookup structures built from them once, at load time."""

    phrases: list[Phrase] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    _deletion_index: dict[str, set[str]] = field(default_factory=dict)
    _phonetic_index: dict[str, set[str]] = field(default_factory=dict)
    _posting_sets: dict[str, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, items: Iterable[tuple[str, str, str, str]]) -> SearchIndex:
        """Index (kind, entry_id, field, text) items."""
        index = cls()
        postings: dict[str, list[int]] = defaultdict(list)
        for kind, entry_id, field_name, text in items:
            kept = content_words(text)
            if not kept:
                continue
            phrase = Phrase(
                kind,
                entry_id,
                field_name,
                text,
                tuple(w.folded for w in kept),
                tuple(w.accent_key for w in kept),
                FIELD_WEIGHTS[field_name],
            )
            number = len(index.phrases)
            index.phrases.append(phrase)
            for token in set(phrase.tokens):
                postings[token].append(number)
        index.postings = dict(postings)
        total = len(index.phrases) or 1
        index.idf = {t: math.log(1 + total / len(p)) for t, p in postings.items()}
        for token in postings:
            if len(token) >= 3:
                for deleted in _deletes(token) | {token}:
                    index._deletion_index.setdefault(deleted, set()).add(token)
            index._phonetic_index.setdefault(phonetic_key(token), set()).add(token)
        index._posting_sets = {t: frozenset(p) for t, p in postings.items() if len(p) > CROWDED_POSTINGS}
        return index

    def correct(self, token: str) -> str | None:
        """The indexed word a typo most likely meant, or None."""
        if token in self.postings or token.isdigit():
            return token
        candidates = set(self._phonetic_index.get(phonetic_key(token), ()))
        if not candidates and len(token) >= 3:
            for key in _deletes(token) | {token}:
                candidates |= self._deletion_index.get(key, set())
            candidates = {c for c in candidates if DamerauLevenshtein.distance(c, token, score_cutoff=1) <= 1}
        if not candidates:
            return None
        return max(candidates, key=lambda c: (len(self.postings[c]), c))

    def _candidates(self, tokens: set[str]) -> set[int]:
        narrow = [t for t in tokens if t in self.postings and t not in self._posting_sets]
        found: set[int] = set()
        for token in narrow:
            found.update(self.postings[token])
        if not found:
            crowded = [self._posting_sets[t] for t in tokens if t in self._posting_sets]
            if crowded:
                found = set(frozenset.intersection(*crowded)) if len(crowded) > 1 else set(crowded[0])
        return found

    def search(self, query: tuple[Word, ...], accented: bool) -> list[PhraseHit]:
        """Score every phrase that shares a word with the query, best first."""
        typed: dict[str, str | None] = {}
        repaired: dict[str, str] = {}
        for word in query:
            fixed = self.correct(word.folded)
            if fixed is None:
                continue
            if fixed != word.folded:
                repaired[fixed] = word.folded
            typed.setdefault(fixed, word.accent_key)
        leftovers = [w.folded for w in query if w.folded not in self.postings and len(w.folded) >= 3]
        hits = []
        for number in self._candidates(set(typed)):
            phrase = self.phrases[number]
            hits.append(self._score(phrase, typed, repaired, leftovers, accented))
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits

    def _score(
        self,
        phrase: Phrase,
        typed: dict[str, str | None],
        repaired: dict[str, str],
        leftovers: list[str],
        accented: bool,
    ) -> PhraseHit:
        total = matched_weight = 0.0
        matched: set[str] = set()
        accent_factor = 1.0
        for token, accent in zip(phrase.tokens, phrase.accents, strict=True):
            weight = self.idf.get(token, 1.0)
            total += weight
            if token in typed:
                credit = TYPO_CREDIT if token in repaired else 1.0
                matched_weight += weight * credit
                matched.add(token)
                user_accent = typed[token]
                if accented and accent is not None and user_accent != accent and token not in repaired:
                    accent_factor = ACCENT_PENALTY
            elif len(token) >= 3 and any(
                DamerauLevenshtein.distance(token, left, score_cutoff=1) <= 1 for left in leftovers
            ):
                matched_weight += weight * TYPO_CREDIT
                matched.add(token)
        coverage = matched_weight / total if total else 0.0
        length_bonus = 1.0 + 0.08 * min(3, len(matched) - 1) if matched else 1.0
        score = coverage * coverage * phrase.weight * accent_factor * length_bonus
        return PhraseHit(phrase, score, coverage, frozenset(matched))
