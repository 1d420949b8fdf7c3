"""Cards: the reply for one entry, built only from what careers.yaml says about it.

A field the file leaves out is never guessed: the card says whom to ask instead. Every card ends
with its sources and the date its facts were last verified, so a parent can judge how fresh it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.answers import Button, Reply
from knowledge.formatting import day, fill_figures
from knowledge.i18n import _, current_language
from knowledge.models import Entry, Faq, KnowledgeBase, Occupation, Policy, School, SchoolStatus

MAX_REPLY_CHARS = 3800  # Telegram allows 4,096; leave room for the channel's own decoration
MAX_LIST = 6


def fees_hint() -> str:
    """The line added when a question about a school or trade also asks about fees."""
    return _(
        "Học phí: mỗi trường tự công bố mức thu; trường công lập không được thu quá mức trần của Nhà nước. "
        "Xem mức trần và các diện được miễn, giảm ở mục «Học phí và chính sách»."
    )


@dataclass(frozen=True, slots=True)
class Focus:
    """Which part of a card the question asked about, so that part comes first."""

    schools: bool = False
    fees: bool = False


def _english() -> bool:
    return current_language() == "en"


def _pick(vietnamese: str, english: str | None) -> str:
    """The English field for English readers when the file has one."""
    return english if english and _english() else vietnamese


def _vietnamese_only_note() -> str:
    return _("Một số thông tin dưới đây chỉ có bằng tiếng Việt.")


def _join(items: list[str]) -> str:
    return "; ".join(items)


def _footer(entry: Entry) -> str:
    parts = []
    if entry.sources:
        parts.append(_("Nguồn: {sources}").format(sources=_join(list(entry.sources[:3]))))
    if entry.verified:
        parts.append(_("Cập nhật: {date}").format(date=day(entry.verified)))
    return " · ".join(parts)


def _fit(paragraphs: list[str]) -> tuple[str, ...]:
    """Keep whole paragraphs while they fit, so no reply exceeds Telegram's limit."""
    kept: list[str] = []
    used = 0
    for paragraph in paragraphs:
        if used + len(paragraph) + 2 > MAX_REPLY_CHARS:
            room = MAX_REPLY_CHARS - used - 2
            if room > 200:
                kept.append(paragraph[: room - 1].rstrip() + "…")
            break
        kept.append(paragraph)
        used += len(paragraph) + 2
    return tuple(kept)


class CardBuilder:
    """Builds cards for one loaded knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.occupations = {o.id: o for o in kb.occupations}
        self.schools = {s.id: s for s in kb.schools}
        self.policies = {p.id: p for p in kb.policies}
        self.faqs = {f.id: f for f in kb.faqs}
        self.schools_for: dict[str, list[str]] = {}
        for occ in kb.occupations:
            self.schools_for.setdefault(occ.id, []).extend(occ.schools)
        for school in kb.schools:
            for program in school.programs:
                if school.id not in self.schools_for.setdefault(program, []):
                    self.schools_for[program].append(school.id)

    def title(self, kind: str, entry_id: str) -> str:
        """The display title of an entry, in the reader's language where the file has it."""
        entry = self.entry(kind, entry_id)
        if isinstance(entry, Policy):
            return _pick(entry.title, entry.title_en)
        if isinstance(entry, Faq):
            return _pick(entry.question, entry.question_en)
        if isinstance(entry, Occupation | School):
            return _pick(entry.name, entry.name_en)
        return entry_id

    @staticmethod
    def vietnamese_title(entry: Entry) -> str:
        """The title the evaluation and the logs use, whatever the reader's language."""
        if isinstance(entry, Policy):
            return entry.title
        if isinstance(entry, Faq):
            return entry.question
        if isinstance(entry, Occupation | School):
            return entry.name
        return entry.id

    def entry(self, kind: str, entry_id: str) -> Entry | None:
        """Look an entry up by kind and id."""
        table: dict[str, dict[str, Entry]] = {
            "occupation": self.occupations,  # type: ignore[dict-item]
            "school": self.schools,  # type: ignore[dict-item]
            "policy": self.policies,  # type: ignore[dict-item]
            "faq": self.faqs,  # type: ignore[dict-item]
        }
        return table.get(kind, {}).get(entry_id)

    def card(self, kind: str, entry_id: str, focus: Focus | None = None) -> Reply | None:
        """The reply for one entry, or None when no such entry exists (any more)."""
        entry = self.entry(kind, entry_id)
        focus = focus or Focus()
        reply: Reply | None = None
        if isinstance(entry, Occupation):
            reply = self.occupation(entry, focus)
        elif isinstance(entry, School):
            reply = self.school(entry, focus)
        elif isinstance(entry, Policy):
            reply = self.policy(entry)
        elif isinstance(entry, Faq):
            reply = self.faq(entry)
        if reply is None:
            return None
        paragraphs = reply.paragraphs
        if _english():
            paragraphs = (paragraphs[0], _vietnamese_only_note(), *paragraphs[1:])
        return Reply(_fit(list(paragraphs)), reply.buttons, subject=f"{kind}:{entry_id}")

    def _text(self, text: str) -> str:
        return fill_figures(text, self.kb.figures)

    def occupation(self, occ: Occupation, focus: Focus) -> Reply:
        """What the trade is, who it suits, how and where to learn it, its outlook."""
        school_ids = [s for s in self.schools_for.get(occ.id, []) if s in self.schools]
        school_names = [self._school_label(self.schools[s]) for s in school_ids[:MAX_LIST]]
        if school_names:
            where = _("Học ở đâu tại Thái Nguyên: {schools}.").format(schools=_join(school_names))
        else:
            where = _(
                "Học ở đâu: chưa có danh sách trường đã kiểm chứng cho nghề này. Hãy hỏi Sở GD&ĐT "
                "Thái Nguyên hoặc trung tâm GDNN-GDTX gần nhà."
            )
        if occ.training:
            levels = [f"{t.level}" + (_(" (mã {code})").format(code=t.code) if t.code else "") for t in occ.training]
            training = _("Trình độ đào tạo: {levels}.").format(levels=", ".join(levels))
        else:
            training = _("Trình độ và thời gian học: hỏi phòng tuyển sinh của trường.")
        paragraphs = [_pick(occ.name, occ.name_en), self._text(_pick(occ.description, occ.description_en))]
        if occ.tasks:
            paragraphs.append(_("Công việc: {tasks}.").format(tasks=_join(list(occ.tasks))))
        if occ.suits:
            paragraphs.append(_("Phù hợp với: {suits}.").format(suits=_join(list(occ.suits))))
        if focus.schools:
            paragraphs[1:1] = [where]
            paragraphs.append(training)
        else:
            paragraphs += [training, where]
        if occ.outlook:
            paragraphs.append(_("Việc làm ở Thái Nguyên: {text}").format(text=self._text(occ.outlook)))
        if occ.pay:
            paragraphs.append(_("Thu nhập: {text}").format(text=self._text(occ.pay)))
        if focus.fees:
            paragraphs.append(fees_hint())
        paragraphs.append(_footer(occ))
        buttons = [Button(self._short(self.title("school", s)), f"school:{s}") for s in school_ids[:3]]
        buttons += [
            Button(self.title("occupation", r), f"occupation:{r}") for r in occ.related[:2] if r in self.occupations
        ]
        return Reply(tuple(paragraphs), tuple(buttons))

    def _school_label(self, school: School) -> str:
        name = self.title("school", school.id)
        if school.status == SchoolStatus.MERGED:
            return _("{name} (đã sáp nhập)").format(name=name)
        return name

    @staticmethod
    def _short(text: str, limit: int = 40) -> str:
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

    def school(self, school: School, focus: Focus | None = None) -> Reply:
        """Where it is, what it teaches, and plainly whether it still exists under this name."""
        paragraphs = [_pick(school.name, school.name_en)]
        if focus and focus.fees:
            paragraphs.append(fees_hint())
        if school.status != SchoolStatus.ACTIVE and school.status_note:
            paragraphs.append(f"⚠️ {self._text(school.status_note)}")
        if school.description:
            paragraphs.append(self._text(school.description))
        facts = []
        if school.owner:
            facts.append(_("Cơ quan chủ quản: {owner}").format(owner=school.owner))
        if school.area or school.former_area:
            place = school.area or ""
            if school.former_area:
                place = (place + " " if place else "") + _("(trước đây: {old})").format(old=school.former_area)
            facts.append(_("Khu vực: {place}").format(place=place))
        if school.address:
            facts.append(_("Địa chỉ: {address}").format(address=school.address))
        if school.website:
            facts.append(_("Website: {site}").format(site=school.website))
        if school.phone:
            facts.append(_("Điện thoại: {phone}").format(phone=school.phone))
        if facts:
            paragraphs.append("\n".join(facts))
        programs = [self.title("occupation", p) for p in school.programs if p in self.occupations]
        if programs:
            paragraphs.append(_("Ngành, nghề: {programs}.").format(programs=_join(programs[:12])))
        if school.programs_note:
            paragraphs.append(self._text(school.programs_note))
        if school.boarding:
            paragraphs.append(_("Ký túc xá: {text}").format(text=self._text(school.boarding)))
        if not school.address and not school.phone:
            paragraphs.append(
                _(
                    "Địa chỉ, số điện thoại và chỉ tiêu tuyển sinh: hỏi phòng tuyển sinh của trường "
                    "hoặc Sở GD&ĐT Thái Nguyên."
                )
            )
        paragraphs.append(_footer(school))
        buttons: list[Button] = []
        if school.merged_into and school.merged_into in self.schools:
            target = self.schools[school.merged_into]
            buttons.append(Button(self._short(self.title("school", target.id)), f"school:{target.id}"))
        buttons += [
            Button(self.title("occupation", p), f"occupation:{p}") for p in school.programs[:3] if p in self.occupations
        ]
        return Reply(tuple(paragraphs), tuple(buttons))

    def policy(self, policy: Policy) -> Reply:
        """Who qualifies, what they get, how to apply, the legal basis and what changed."""
        paragraphs = [
            _pick(policy.title, policy.title_en),
            _("Ai được hưởng: {text}").format(text=self._text(policy.who)),
            _("Được hưởng gì: {text}").format(text=self._text(policy.benefits)),
        ]
        if policy.how_to_apply:
            paragraphs.append(_("Cách làm: {text}").format(text=self._text(policy.how_to_apply)))
        if policy.legal_basis:
            paragraphs.append(_("Căn cứ: {docs}").format(docs=_join(list(policy.legal_basis))))
        if policy.changes:
            paragraphs.append(_("Điều gì đã thay đổi: {text}").format(text=self._text(policy.changes)))
        paragraphs.append(
            _("Hỏi thêm: {text}").format(
                text=self._text(policy.ask) if policy.ask else _("phòng đào tạo của trường hoặc Sở GD&ĐT Thái Nguyên.")
            )
        )
        paragraphs.append(_footer(policy))
        return Reply(tuple(paragraphs), ())

    def faq(self, faq: Faq) -> Reply:
        """The answer, with buttons to the entries it mentions."""
        paragraphs = [
            faq.question,
            *[p.strip() for p in self._text(faq.answer).split("\n\n") if p.strip()],
        ]
        paragraphs.append(_footer(faq))
        buttons = []
        for ref in faq.related[:4]:
            for kind in ("occupation", "school", "policy", "faq"):
                if self.entry(kind, ref) is not None:
                    buttons.append(Button(self._short(self.title(kind, ref)), f"{kind}:{ref}"))
                    break
        return Reply(tuple(paragraphs), tuple(buttons))
