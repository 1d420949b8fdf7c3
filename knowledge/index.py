"""The search index: every name, alias, interest and FAQ variant as a weighted phrase.

A question is scored against phrases, not against whole entries: "tiếng Hàn" must beat "hàn" when
both words are there, and a long parent question should be judged by the phrase it contains, not
diluted by everything else it says.

Vietnamese words are often two syllables ("máy tính", "trung cấp") and single syllables are
ambiguous without diacritics ("may" sew / "máy" machine), so each phrase is indexed by its syllables
*and* by its adjacent syllable pairs. A question that has the pair gets the pair's (rare, heavy)
weight; one that merely has both syllables somewhere does not. Function words count a little, so that
"đi Hàn" is not reduced to "Hàn", but cannot find a phrase on their own.

Lookups go through an inverted index (feature → phrases), so the cost of a question depends on its
words, not on the size of the knowledge base. Typos are repaired per syllable: unknown syllables
through a one-edit deletion index and through Vietnamese spelling confusions (ch/tr, s/x, d/gi/r, l/n).
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rapidfuzz.distance import DamerauLevenshtein

from knowledge.lexicon import STOPWORDS
from knowledge.normalize import Word, words

# How much a phrase field says about its entry.
FIELD_WEIGHTS: dict[str, float] = {
    "name": 1.0,
    "alias": 1.0,
    "title": 1.0,
    "english": 0.95,
    "interest": 0.9,
    "variant": 0.9,
    "keyword": 0.9,
}
NAMING_FIELDS = frozenset({"name", "alias", "title", "english"})
STOPWORD_SHARE = 0.15  # a function word weighs this much of a topic word
PAIR_SHARE = 0.6  # a syllable pair weighs this much of its idf
CROWDED_POSTINGS = 400  # a feature in more phrases than this only narrows, never widens, the search
MIN_COVERAGE = 0.3  # below both of these a phrase cannot reach a confident score: not scored
MIN_EXPLAINED = 0.5
MAX_SCORED = 48  # at most this many phrases (the likeliest, by their best possible score) are scored
TYPO_CREDIT = 0.8  # a syllable repaired from a typo counts this much
ACCENT_PENALTY = 0.75  # a phrase whose every syllable was typed with other diacritics
LONE_ACCENT_PENALTY = 0.4  # one syllable, other tone: "mưa" (rain) is not "múa" (dance)
EXPLAIN_SHARE = 0.2  # of two phrases covered alike, the one explaining more of the question wins this much
POSITION_SHARE = 0.1  # the topic usually comes first: a match at the end loses up to this share
BARE_SYLLABLE = 0.8  # one accented syllable matched by a question typed without any diacritics
CLAIMED_SYLLABLE = 0.5  # one syllable the question uses inside another entry's name ("tiếng Hàn")
_PHONETIC_INITIALS = (("tr", "ch"), ("gi", "d"), ("r", "d"), ("x", "s"), ("n", "l"), ("k", "c"), ("q", "c"))


@dataclass(frozen=True, slots=True)
class Phrase:
    """One searchable phrase of one entry, with its features and their weights."""

    kind: str
    entry_id: str
    field: str
    text: str
    syllables: tuple[str, ...]
    accents: tuple[str | None, ...]
    features: frozenset[str]
    topical: frozenset[str]  # features with at least one syllable that is not a function word
    content: frozenset[str]  # syllables that are not function words
    weight: float
    only_function_words: bool
    total: float = 0.0  # the summed weight of all features, known once the whole index is built
    light_total: float = 0.0  # the part of `total` that function words make up


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """How well a question covers one phrase."""

    phrase: Phrase
    score: float
    coverage: float
    explained: float
    matched: frozenset[str]


def phonetic_key(token: str) -> str:
    """Fold the spelling confusions Vietnamese students make into one key ("chu" ~ "tru")."""
    for written, said in _PHONETIC_INITIALS:
        if token.startswith(written):
            return said + token[len(written) :]
    return token


def _deletes(token: str) -> set[str]:
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


def _features(syllables: tuple[str, ...]) -> list[str]:
    """Syllables plus adjacent pairs ("may tinh" → may, tinh, may_tinh)."""
    pairs = [f"{a}_{b}" for a, b in itertools.pairwise(syllables)]
    return list(dict.fromkeys([*syllables, *pairs]))


@dataclass
class SearchIndex:
    """Phrases plus the lookup structures built from them once, at load time."""

    phrases: list[Phrase] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    _deletion_index: dict[str, set[str]] = field(default_factory=dict)
    _phonetic_index: dict[str, set[str]] = field(default_factory=dict)
    _crowded: dict[str, frozenset[int]] = field(default_factory=dict)
    _syllables: set[str] = field(default_factory=set)
    _right_of: dict[str, set[str]] = field(default_factory=dict)
    _pair_owners: dict[str, set[str]] = field(default_factory=dict)
    _function_phrases: dict[str, list[int]] = field(default_factory=dict)
    _standalone: set[str] = field(default_factory=set)
    _light: set[str] = field(default_factory=set)  # function words and pairs of them: never a topic

    @classmethod
    def build(cls, items: Iterable[tuple[str, str, str, str]]) -> SearchIndex:
        """Index (kind, entry_id, field, text) items."""
        index = cls()
        postings: dict[str, list[int]] = defaultdict(list)
        for kind, entry_id, field_name, text in items:
            found = words(text)
            if not found:
                continue
            syllables = tuple(w.folded for w in found)
            features = frozenset(_features(syllables))
            phrase = Phrase(
                kind=kind,
                entry_id=entry_id,
                field=field_name,
                text=text,
                syllables=syllables,
                accents=tuple(w.accent_key for w in found),
                features=features,
                topical=frozenset(f for f in features if not set(f.split("_")) <= STOPWORDS),
                content=frozenset(s for s in syllables if s not in STOPWORDS),
                weight=FIELD_WEIGHTS[field_name],
                only_function_words=all(s in STOPWORDS for s in syllables),
            )
            number = len(index.phrases)
            index.phrases.append(phrase)
            if len(syllables) == 1:
                index._standalone.add(syllables[0])
            if phrase.only_function_words:
                index._function_phrases.setdefault(syllables[0], []).append(number)
            for feature in phrase.features:
                postings[feature].append(number)
                if "_" in feature and field_name in NAMING_FIELDS and not set(feature.split("_")) & STOPWORDS:
                    index._pair_owners.setdefault(feature, set()).add(entry_id)
        index.postings = dict(postings)
        total = len(index.phrases) or 1
        for feature, found_in in postings.items():
            idf = math.log(1 + total / len(found_in))
            if "_" in feature:
                index.weights[feature] = idf * PAIR_SHARE
                left, right = feature.split("_", 1)
                index._right_of.setdefault(left, set()).add(right)
            else:
                index.weights[feature] = idf * (STOPWORD_SHARE if feature in STOPWORDS else 1.0)
                index._syllables.add(feature)
        for syllable in index._syllables:
            if len(syllable) >= 3:
                for deleted in _deletes(syllable) | {syllable}:
                    index._deletion_index.setdefault(deleted, set()).add(syllable)
            index._phonetic_index.setdefault(phonetic_key(syllable), set()).add(syllable)
        index._crowded = {f: frozenset(p) for f, p in postings.items() if len(p) > CROWDED_POSTINGS}
        index._light = {f for f in postings if set(f.split("_")) <= STOPWORDS}
        index.phrases = [replace(p, total=sum(index.weights[f] for f in p.features)) for p in index.phrases]
        return index

    def correct(self, syllable: str) -> str | None:
        """The indexed syllable a typo most likely meant (itself when known), or None."""
        if syllable in self._syllables or syllable.isdigit() or syllable in STOPWORDS:
            return syllable
        candidates = set(self._phonetic_index.get(phonetic_key(syllable), ()))
        if not candidates and len(syllable) >= 3:
            for key in _deletes(syllable) | {syllable}:
                candidates |= self._deletion_index.get(key, set())
            candidates = {c for c in candidates if DamerauLevenshtein.distance(c, syllable, score_cutoff=1) <= 1}
        if not candidates:
            return None
        return max(candidates, key=lambda c: (len(self.postings[c]), c))

    def _repair_in_context(self, syllables: list[str], repaired: set[str]) -> None:
        """Fix a known syllable that is a typo here: "vay vố" → "vay vốn", "nội chú" → "nội trú".

        A pair the index has never seen, after a topic syllable that pairs with exactly one
        syllable one edit (or one spelling confusion) away, most likely meant that pair.
        """
        for i in range(len(syllables) - 1):
            left, right = syllables[i], syllables[i + 1]
            if f"{left}_{right}" in self.postings:
                continue
            if left in STOPWORDS or right in self._standalone:
                continue  # a function word says nothing; a word that is a name on its own is meant
            fix = self._near(right, self._right_of.get(left, set()))
            if fix is not None:
                syllables[i + 1] = fix
                repaired.add(fix)

    def _claims(self, syllables: list[str]) -> dict[str, set[str] | None]:
        """For each syllable, the entries whose names use it at every place the question has it.

        None means at least one occurrence stands on its own, so the syllable is free to match.
        """
        claims: dict[str, set[str] | None] = {}
        for i, syllable in enumerate(syllables):
            owners: set[str] = set()
            if i > 0:
                owners |= self._pair_owners.get(f"{syllables[i - 1]}_{syllable}", set())
            if i + 1 < len(syllables):
                owners |= self._pair_owners.get(f"{syllable}_{syllables[i + 1]}", set())
            earlier = claims.get(syllable, set())
            if syllable not in claims:
                claims[syllable] = owners or None
            elif earlier is not None:
                claims[syllable] = (earlier | owners) if owners else None
        return claims

    @staticmethod
    def _near(syllable: str, options: set[str]) -> str | None:
        if syllable in STOPWORDS or len(syllable) < 2:
            return None
        key = phonetic_key(syllable)
        close = [
            o
            for o in options
            if o not in STOPWORDS
            and (phonetic_key(o) == key or DamerauLevenshtein.distance(o, syllable, score_cutoff=1) <= 1)
        ]
        return min(close) if len(close) == 1 else None

    def _candidates(self, present: set[str], asked: float) -> list[int]:
        """Phrases sharing a topic feature with the question that could still score.

        Weights of topic features are accumulated along their postings; function words and
        crowded features are counted as if every phrase had them (an upper bound), so a phrase that
        cannot reach the coverage of a plausible answer even in the best case is never scored.
        """
        reached: dict[int, float] = defaultdict(float)
        optimistic = light_present = 0.0
        crowded: list[frozenset[int]] = []
        weights, postings, light = self.weights, self.postings, self._light
        for feature in present:
            found_in = postings.get(feature)
            if found_in is None:
                continue
            weight = weights[feature]
            if feature in light:
                light_present += weight
            elif feature in self._crowded:
                optimistic += weight
                crowded.append(self._crowded[feature])
            else:
                for number in found_in:
                    reached[number] += weight
        pool = reached.keys() if reached else (frozenset.intersection(*crowded) if crowded else ())
        phrases = self.phrases
        keep: list[tuple[float, int]] = []
        for number in pool:
            phrase = phrases[number]
            best_case = reached.get(number, 0.0) + optimistic + min(light_present, phrase.light_total)
            coverage = best_case / phrase.total if phrase.total else 0.0
            explained = best_case / asked if asked else 0.0
            if coverage >= MIN_COVERAGE or explained >= MIN_EXPLAINED:
                # The best score this phrase could reach (see _score), to score the likeliest first.
                keep.append((max(coverage * coverage, math.sqrt(min(1.0, coverage)) * explained), number))
        if len(keep) > MAX_SCORED:
            keep.sort(reverse=True)
            del keep[MAX_SCORED:]
        return [number for _bound, number in keep]

    def search(self, query: tuple[Word, ...], accented: bool) -> list[PhraseHit]:
        """Score every phrase that shares a feature with the question, best first."""
        syllables: list[str] = []
        typed: dict[str, str | None] = {}
        repaired: set[str] = set()
        for word in query:
            fixed = self.correct(word.folded)
            if fixed is None:
                syllables.append(word.folded)
                continue
            syllables.append(fixed)
            if fixed != word.folded:
                repaired.add(fixed)
            typed.setdefault(fixed, word.accent_key)
        self._repair_in_context(syllables, repaired)
        present = set(_features(tuple(syllables)))
        claimed = self._claims(syllables)
        positions: dict[str, int] = {}
        for place, syllable in enumerate(s for s in syllables if s not in STOPWORDS):
            positions.setdefault(syllable, place)
        asked = sum(self.weights.get(f, 0.0) for f in present)
        candidates = set(self._candidates(present, asked))
        if accented:  # "Dược" is a function word's spelling unless typed with its own accents
            for syllable in typed:
                candidates.update(self._function_phrases.get(syllable, ()))
        hits = [
            self._score(self.phrases[n], present, asked, typed, repaired, accented, claimed, positions)
            for n in candidates
        ]
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits

    def _score(
        self,
        phrase: Phrase,
        present: set[str],
        asked: float,
        typed: dict[str, str | None],
        repaired: set[str],
        accented: bool,
        claimed: dict[str, set[str] | None],
        positions: dict[str, int],
    ) -> PhraseHit:
        matched = phrase.features & present
        weights = self.weights
        got = sum(weights[f] for f in matched)
        if repaired:
            got -= sum(weights[f] for f in matched & repaired) * (1 - TYPO_CREDIT)
        accent_factor = 1.0
        accents_agree = True
        mismatched = 0
        for syllable, accent in zip(phrase.syllables, phrase.accents, strict=True):
            if syllable not in typed:
                continue
            user = typed[syllable]
            if accent is not None and user is not None and user != accent:
                accents_agree = False
            # In a question typed with diacritics, a word typed without any means the plain word.
            if accented and syllable not in repaired and (user or syllable) != (accent or syllable):
                mismatched += 1
        if mismatched:
            if len(phrase.syllables) == 1:
                accent_factor = LONE_ACCENT_PENALTY
            else:
                accent_factor = 1 - (1 - ACCENT_PENALTY) * mismatched / len(phrase.syllables)
        if not matched & phrase.topical and not (phrase.only_function_words and accented and accents_agree and matched):
            return PhraseHit(phrase, 0.0, 0.0, 0.0, frozenset())
        if len(phrase.syllables) == 1:
            owners = claimed.get(phrase.syllables[0])
            if owners and phrase.entry_id not in owners:
                accent_factor *= CLAIMED_SYLLABLE
            if not accented and phrase.accents[0] is not None:
                accent_factor *= BARE_SYLLABLE
        coverage = got / phrase.total if phrase.total else 0.0
        # A long phrase the question almost entirely restates is as good as a short one it contains.
        explained = got / asked if asked else 0.0
        content = len(matched & phrase.content)
        length_bonus = 1.0 + 0.08 * min(5, max(0, content - 1))
        # Of two phrases the question covers equally, the one that explains more of it wins.
        fit = max(coverage * coverage, math.sqrt(coverage) * explained) * (
            1 - EXPLAIN_SHARE + EXPLAIN_SHARE * explained
        )
        first = min((positions[c] for c in matched & phrase.content if c in positions), default=0)
        place = 1 - POSITION_SHARE * first / max(1, len(positions))
        score = fit * phrase.weight * accent_factor * length_bonus * place
        return PhraseHit(phrase, score, coverage, explained, frozenset(matched))
