"""The answer engine: a question in, an honest Answer out.

Ranking is phrase-based (see index.py). On top of it the engine decides the intent: greetings and
help are recognised first; topics the bot must not pretend to know are refused; an open "which trade
suits me" becomes the quiz unless a trade was clearly named; and anything below the confidence
threshold gets the honest fallback — closest topics as suggestions, never presented as the answer.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache, lru_cache

from knowledge.answers import Answer, Button, Intent, Match, Reply
from knowledge.cards import CardBuilder, Focus
from knowledge.i18n import _, current_language
from knowledge.index import NAMING_FIELDS, PhraseHit, SearchIndex
from knowledge.lexicon import (
    CONTACT_WORDS,
    FEE_CUES,
    GREETINGS,
    HELP_PHRASES,
    KIND_CUES,
    OUT_OF_SCOPE,
    PERSON_WORDS,
    QUIZ_CUES,
)
from knowledge.menus import Menus
from knowledge.models import KnowledgeBase
from knowledge.normalize import has_diacritics, normalize, words
from knowledge.quiz import InterestQuiz, bundled_quiz
from knowledge.survey import about_me, survey

MAX_QUESTION_CHARS = 1000  # longer messages are read up to here; Telegram allows 4,096
MAX_ACTION_CHARS = 64  # Telegram's callback_data and deep-link limit
ANSWER_CACHE = 4096
CONFIDENT = 0.42  # below this the best match is only a suggestion
SUGGEST = 0.12  # below this a match is not even worth suggesting
STRONG_TRADE = 0.6
FULLY_EXPLAINED = 0.95
VAGUE_WHEN = 3  # this many topics containing the whole question make it too vague to pick one
SECOND_PHRASE_SHARE = 0.4  # a second, different phrase of the same entry adds this share of its score
FULL_ENOUGH = 0.6  # a phrase covered this much may set the bar for how much of a question is explainable
EXPLAIN_GAP = 0.5  # what a phrase loses per unit of the question it leaves unexplained (vs the best)
CUE_BOOST = 1.3
NAMED = 0.9  # a name or alias covered this fully counts as named outright
NAMED_ENTITY_FAQ_FACTOR = 0.7
MAX_MATCHES = 5
RANKED = 12  # entries kept after ranking: answers, suggestions and a margin
QUIZ_FAQ_ID = "chon-nghe-phu-hop"


def name_phrases(name: str) -> list[str]:
    """A name and, separately, its parts: "Hàn (thợ hàn)" → "Hàn", "thợ hàn".

    People type either part, rarely both, and the whole would dilute each.
    """
    head, _sep, rest = name.partition("(")
    inner = rest.split(")", 1)[0]
    parts = [head.strip(), *(p.strip() for p in re.split(r"[,;/]", inner))]
    return [p for p in parts if p] or [name]


def _searchable(kb: KnowledgeBase) -> Iterator[tuple[str, str, str, str]]:
    for occ in kb.occupations:
        yield from (("occupation", occ.id, "name", n) for n in name_phrases(occ.name))
        yield from (("occupation", occ.id, "alias", a) for a in occ.aliases)
        yield from (("occupation", occ.id, "english", a) for a in (occ.name_en, *occ.aliases_en) if a)
        yield from (("occupation", occ.id, "interest", a) for a in occ.interests)
    for school in kb.schools:
        yield from (("school", school.id, "name", n) for n in name_phrases(school.name))
        yield from (("school", school.id, "alias", a) for a in school.short_names)
        if school.name_en:
            yield "school", school.id, "english", school.name_en
    for policy in kb.policies:
        yield "policy", policy.id, "title", policy.title
        yield from (("policy", policy.id, "alias", a) for a in policy.aliases)
        yield from (("policy", policy.id, "english", a) for a in (policy.title_en, *policy.aliases_en) if a)
    for faq in kb.faqs:
        yield "faq", faq.id, "title", faq.question
        yield from (("faq", faq.id, "variant", v) for v in faq.variants)
        yield from (("faq", faq.id, "keyword", k) for k in faq.keywords)
        yield from (("faq", faq.id, "english", v) for v in (faq.question_en, *faq.variants_en) if v)


@cache
def _pattern(phrases: tuple[str, ...] | frozenset[str]) -> re.Pattern[str]:
    # Cue phrases go through the same normalizer as questions ("free fire" → "mien phi fire").
    forms = {normalize(p) for p in phrases} - {""}
    alternatives = "|".join(re.escape(p) for p in sorted(forms, key=len, reverse=True))
    return re.compile(f" (?:{alternatives}) ")


def _contains(padded: str, phrases: tuple[str, ...] | frozenset[str]) -> bool:
    """Whether the padded, normalized text contains one of the phrases as whole words."""
    return _pattern(phrases).search(padded) is not None


class Engine:
    """Answers questions from one loaded knowledge base. Build once; `answer` is cheap."""

    def __init__(self, kb: KnowledgeBase, cache_size: int = ANSWER_CACHE) -> None:
        self.kb = kb
        self.cards = CardBuilder(kb)
        self.menus = Menus(kb, self.cards)
        self.interest_quiz = InterestQuiz(bundled_quiz(), self.cards)
        self.index = SearchIndex.build(_searchable(kb))
        # Answers depend only on the text, the reader's language and this (immutable) knowledge
        # base, and students ask the same things again and again: remember recent ones.
        self._answer_cached = lru_cache(maxsize=cache_size)(self._answer)
        self._open_cached = lru_cache(maxsize=cache_size)(self._open)

    def answer(self, text: str) -> Answer:
        """Understand one message and build the reply (in the current reader's language)."""
        return self._answer_cached(text[:MAX_QUESTION_CHARS], current_language())

    def open(self, action: str) -> Reply | None:
        """What a button or a deep link leads to; None for an unknown, forged or stale action.

        Actions are 'kind:id' for a card, 'menu', 'menu:<list>[:page]', 'sector:<id>[:page]', 'lang'
        and 'quiz'. Everything needed travels in the action, so any worker can answer any press.
        """
        return self._open_cached(action[:MAX_ACTION_CHARS], current_language())

    def rank(self, text: str) -> list[Match]:
        """Entries ranked for a question, best first (no intent logic)."""
        return self._rank(text)[0]

    def _rank(self, text: str) -> tuple[list[Match], bool]:
        """Ranked entries, and whether the question is too vague to pick one of them."""
        query = words(text[:MAX_QUESTION_CHARS])
        hits = self.index.search(query, has_diacritics(text))
        matches = self._aggregate(hits, f" {normalize(text[:MAX_QUESTION_CHARS])} ")
        return matches, self._vague(hits)

    @staticmethod
    def _vague(hits: list[PhraseHit]) -> bool:
        """Several topics contain everything the question says and none is named by it ("chăm sóc")."""
        live = [h for h in hits if h.score > 0]
        if any(h.coverage >= NAMED for h in live):
            return False
        explainers = {(h.phrase.kind, h.phrase.entry_id) for h in live if h.explained >= FULLY_EXPLAINED}
        return len(explainers) >= VAGUE_WHEN

    def _aggregate(self, hits: list[PhraseHit], padded: str) -> list[Match]:
        by_entry: dict[tuple[str, str], list[PhraseHit]] = defaultdict(list)
        for hit in hits:  # best first, so each entry's list starts with its best phrase
            if hit.score > 0:
                by_entry[(hit.phrase.kind, hit.phrase.entry_id)].append(hit)
        boosts = {kind: CUE_BOOST for kind, cues in KIND_CUES.items() if _contains(padded, cues)}
        if any(
            h.phrase.kind in ("occupation", "school") and h.phrase.field in NAMING_FIELDS and h.coverage >= NAMED
            for h in hits
        ):
            # A trade or school named outright is the subject; a generic FAQ is not the answer.
            boosts["faq"] = boosts.get("faq", 1.0) * NAMED_ENTITY_FAQ_FACTOR
        # A short phrase the question merely contains ("học phí") yields to a fuller match that
        # explains much more of what was asked ("học phí trung học nghề").
        best_explained = max((h.explained for h in hits if h.score > 0 and h.coverage >= FULL_ENOUGH), default=0.0)

        def adjusted(hit: PhraseHit) -> float:
            return hit.score * (1 - EXPLAIN_GAP * max(0.0, best_explained - hit.explained))

        scored = []
        for (kind, entry_id), entry_hits in by_entry.items():
            entry_hits.sort(key=adjusted, reverse=True)
            top = entry_hits[0]
            # A second phrase adds only when it names something the first did not.
            extra = next((h for h in entry_hits[1:] if (h.matched - top.matched) & h.phrase.content), None)
            score = adjusted(top) + (SECOND_PHRASE_SHARE * adjusted(extra) if extra else 0.0)
            scored.append((score * boosts.get(kind, 1.0), kind, entry_id))
        scored.sort(key=lambda item: (-item[0], item[1], item[2]))
        return [
            Match(kind, entry_id, self.cards.title(kind, entry_id), score) for score, kind, entry_id in scored[:RANKED]
        ]

    def _answer(self, text: str, _language: str) -> Answer:
        normalized = normalize(text)
        padded = f" {normalized} "
        if not normalized:
            return self._fallback([], out_of_scope=False)
        if normalized in GREETINGS or normalized.removesuffix(" a") in GREETINGS:
            return Answer(Intent.GREETING, (), self.welcome())
        if normalized in HELP_PHRASES:
            return Answer(Intent.HELP, (), self.welcome())
        if _contains(padded, OUT_OF_SCOPE) or (_contains(padded, CONTACT_WORDS) and _contains(padded, PERSON_WORDS)):
            return self._fallback([], out_of_scope=True)
        matches, vague = self._rank(text)
        top = matches[0] if matches else None
        if _contains(padded, QUIZ_CUES) and self._wants_quiz(top, padded):
            return self._quiz()
        if top is None or top.score < CONFIDENT or vague:
            return self._fallback([m for m in matches if m.score >= SUGGEST][:3], out_of_scope=False)
        chosen = tuple(m for m in matches if m.score >= max(CONFIDENT, top.score * 0.6))[:MAX_MATCHES]
        focus = Focus(
            schools=_contains(padded, KIND_CUES["school"]),
            fees=_contains(padded, KIND_CUES["policy"]) or _contains(padded, FEE_CUES),
        )
        card = self.cards.card(top.kind, top.id, focus)
        if card is None:  # cannot happen: ranked ids come from the same knowledge base
            return self._fallback([], out_of_scope=False)
        others = tuple(Button(m.title, f"{m.kind}:{m.id}") for m in chosen[1:3])
        reply = Reply(card.paragraphs, (*card.buttons, *others, Button(_("Menu"), "menu")), card.subject)
        return Answer(Intent(top.kind), chosen, reply)

    @staticmethod
    def _wants_quiz(top: Match | None, padded: str) -> bool:
        """An open "which trade suits me" question, unless it clearly names something we know."""
        if top is None or (top.kind, top.id) == ("faq", QUIZ_FAQ_ID) or top.score < STRONG_TRADE:
            return True
        # A policy answers "which trade" only when the question is also about money.
        return top.kind == "policy" and not _contains(padded, KIND_CUES["policy"])

    def _open(self, action: str, _language: str) -> Reply | None:
        parts = action.split(":")
        kind, key = parts[0], parts[1] if len(parts) > 1 else ""
        if kind in ("occupation", "school", "policy", "faq") and len(parts) == 2:
            card = self.cards.card(kind, key)
            if card is None:
                return None
            back = self.menus.back(kind, key)
            return Reply(card.paragraphs, (*card.buttons, back), card.subject)
        if action == "menu":
            return self.menus.welcome()
        if kind == "quiz":
            return self.quiz(action)
        if kind == "sv":
            return survey(action)
        if kind == "me":
            return about_me(action)
        if action == "lang":
            return Reply((_("Chọn ngôn ngữ:"),), (Button("Tiếng Việt", "lang:vi"), Button("English", "lang:en")))
        return self.menus.listing(parts)

    def quiz(self, action: str) -> Reply:
        """The interest quiz (knowledge/quiz.py): 'quiz' starts it, 'quiz:…' carries its progress."""
        return self.interest_quiz.open(action)

    def welcome(self) -> Reply:
        """What the bot can do, with the main menu."""
        return self.menus.welcome()

    def _quiz(self) -> Answer:
        faq = self.cards.faqs.get(QUIZ_FAQ_ID)
        paragraphs: tuple[str, ...] = (
            _("Em chưa biết mình hợp với nghề gì? Bài trắc nghiệm sở thích ngắn sẽ gợi ý vài nghề để bắt đầu."),
        )
        matches: tuple[Match, ...] = ()
        buttons: tuple[Button, ...] = (Button(_("Trắc nghiệm sở thích"), "quiz"),)
        if faq is not None:
            card = self.cards.faq(faq)
            paragraphs = card.paragraphs[1:-1] + paragraphs
            matches = (Match("faq", faq.id, faq.question, 1.0),)
            buttons += card.buttons
        return Answer(Intent.QUIZ, matches, Reply(paragraphs, (*buttons, Button(_("Menu"), "menu"))))

    def _fallback(self, suggestions: list[Match], *, out_of_scope: bool) -> Answer:
        if out_of_scope:
            first = _(
                "Câu này nằm ngoài những gì mình biết. Mình chỉ trả lời về nghề, trường nghề, tuyển sinh, "
                "học phí và chính sách hỗ trợ ở Thái Nguyên."
            )
        else:
            first = _("Mình chưa có câu trả lời chắc chắn cho câu này, nên không muốn đoán.")
        paragraphs = [first]
        if suggestions:
            paragraphs.append(_("Có thể em muốn hỏi một trong các mục dưới đây?"))
        paragraphs.append(
            _(
                "Em có thể hỏi thầy cô tư vấn hướng nghiệp ở trường, phòng tuyển sinh của trường nghề, "
                "hoặc Sở GD&ĐT Thái Nguyên; hay chọn một mục trong menu."
            )
        )
        buttons = (*tuple(Button(m.title, f"{m.kind}:{m.id}") for m in suggestions), Button(_("Menu"), "menu"))
        return Answer(Intent.UNKNOWN, (), Reply(tuple(paragraphs), buttons))
