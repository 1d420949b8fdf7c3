"""One normalizer for every piece of text the bot compares: questions, names, aliases, FAQ variants.

Students type without diacritics, in teencode ("hok bít học j"), with either tone-mark placement
("hoà"/"hòa") and in NFC or NFD. Everything is folded to one comparable form here, so the index and
the question always agree. Two views are kept per word: the *folded* form (no diacritics, đ→d), which
decides whether words match at all, and the *accent key* (the diacritics as typed, tone placement
made canonical), which lets a question typed with diacritics prefer entries spelt the same way
("hàn" the trade over "Hàn" the country; "máy" over "may").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Tone marks move between vowels depending on spelling habits; the vowel-quality marks
# (circumflex, breve, horn) do not, so only tones are pulled out to make "hoà" equal "hòa".
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD_SEPARATOR = re.compile(r"[^0-9a-zđ+]+")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\u00ad]")

# Teencode and abbreviations → standard words (keys and values are folded, single words map to
# one or more words). Kept here, in one table, because both the index and questions use it.
TEENCODE: dict[str, str] = {
    "k": "khong",
    "ko": "khong",
    "kh": "khong",
    "khg": "khong",
    "hok": "khong",
    "hem": "khong",
    "kg": "khong",
    "j": "gi",
    "ji": "gi",
    "dc": "duoc",
    "dk": "duoc",
    "bn": "bao nhieu",
    "bnh": "bao nhieu",
    "nhiu": "nhieu",
    "ntn": "nhu the nao",
    "mik": "minh",
    "mk": "minh",
    "mjk": "minh",
    "z": "",  # "vậy": a filler, and "vay" (borrow) is a topic word
    "v": "",
    "cd": "cao dang",
    "tc": "trung cap",
    "thcs": "thcs",
    "thpt": "thpt",
    "trg": "truong",
    "e": "em",
    "ak": "a",
    "bit": "biet",
    "bik": "biet",
    "mun": "muon",
    "vs": "voi",
    "ae": "anh em",
    "hs": "hoc sinh",
    "sv": "sinh vien",
    "ng": "nguoi",
    "oto": "o to",
    "xm": "xe may",
    "ns": "noi",
    "ok": "duoc",
    "lm": "lam",
    "hc": "hoc",
    "r": "roi",
    "cx": "cung",
    "ck": "chong",
    "tn": "thai nguyen",
    "cn": "cong nghiep",
    "cty": "cong ty",
    "ktx": "ky tuc xa",
    "free": "mien phi",
    "it": "cong nghe thong tin",
    "cntt": "cong nghe thong tin",
    "gddt": "giao duc dao tao",
}


# Multi-word ways of saying the same thing, folded; applied after teencode.
SYNONYMS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("cap", "3"): ("thpt",),
    ("cap", "ba"): ("thpt",),
    ("cap", "2"): ("thcs",),
    ("cap", "hai"): ("thcs",),
}


@dataclass(frozen=True, slots=True)
class Word:
    """One word of normalized text.

    Attributes:
        folded: lower case, no diacritics, đ→d — what matching compares.
        accent_key: the word as typed with tone placement made canonical, or None when it was
            typed without any diacritic (then it carries no evidence about diacritics).
    """

    folded: str
    accent_key: str | None


def strip_diacritics(text: str) -> str:
    """Remove every combining mark and turn đ/Đ into d/D."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D")


def _accent_key(word: str) -> str:
    """Canonical spelling of a lower-case word: tone mark moved to the end of the word."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONE_MARKS]
    rest = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    return rest + "".join(tones)


def _raw_words(text: str) -> list[str]:
    """Split into lower-case words, dropping emoji, punctuation and invisible characters."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text)).lower()
    # Letters with diacritics must survive the split, so separate on their folded shape.
    folded = strip_diacritics(text)
    if len(folded) != len(text):  # a character folded to more or fewer characters: be simple
        return [w for w in _WORD_SEPARATOR.split(folded) if w]
    words: list[str] = []
    start = None
    for i, ch in enumerate(folded):
        inside = ch.isascii() and (ch.isalnum() or ch == "+")
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            words.append(text[start:i])
            start = None
    if start is not None:
        words.append(text[start:])
    return words


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[Word, ...]:
    """Normalize text into words with teencode expanded.

    Never raises; any string (emoji, control characters, 4,096 characters) gives a tuple.
    """
    result: list[Word] = []
    for raw in _raw_words(text):
        folded = strip_diacritics(raw)
        expansion = TEENCODE.get(folded)
        if expansion is not None:
            result.extend(Word(part, None) for part in expansion.split())  # "" drops a filler
            continue
        key = _accent_key(raw) if folded != raw else None
        result.append(Word(folded, key))
    return _apply_synonyms(result)


def _apply_synonyms(found: list[Word]) -> tuple[Word, ...]:
    out: list[Word] = []
    i = 0
    while i < len(found):
        pair = tuple(w.folded for w in found[i : i + 2])
        replacement = SYNONYMS.get(pair) if len(pair) == 2 else None
        if replacement is not None:
            out.extend(Word(part, None) for part in replacement)
            i += 2
            continue
        out.append(found[i])
        i += 1
    return tuple(out)


def normalize(text: str) -> str:
    """Folded, teencode-expanded, single-spaced form of text (idempotent)."""
    return " ".join(w.folded for w in words(text))


def has_diacritics(text: str) -> bool:
    """Whether the user typed any Vietnamese diacritic (or đ)."""
    return strip_diacritics(text) != text
