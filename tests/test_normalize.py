"""The normalizer: one folded form for every way a student can type a word."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.normalize import TEENCODE, has_diacritics, normalize, strip_diacritics, words


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Học nghề Hàn", "hoc nghe han"),
        ("ĐIỆN dân dụng", "dien dan dung"),
        ("hoà bình", "hoa binh"),
        ("hòa bình", "hoa binh"),
        ("thuỷ sản", "thuy san"),
        ("e thích nấu ăn mà hok bít học nghề j 😅", "em thich nau an ma khong biet hoc nghe gi"),
        ("trg cđ y tế", "truong cao dang y te"),
        ("hoc phi bn", "hoc phi bao nhieu"),
        ("đc ko", "duoc khong"),
        ("ntn z", "nhu the nao"),
        ("tc hay cd", "trung cap hay cao dang"),
        ("Học\u200b nghề\u0007!!!", "hoc nghe"),
        ("9+ là gì?", "9+ la gi"),
        ("", ""),
        ("🙂🙂", ""),
    ],
    ids=lambda v: v if isinstance(v, str) and v else "empty",
)
def test_normalize_examples(typed: str, expected: str) -> None:
    assert normalize(typed) == expected


def test_nfd_input_equals_nfc_input() -> None:
    text = "Kỹ thuật máy lạnh và điều hòa không khí"
    assert normalize(unicodedata.normalize("NFD", text)) == normalize(text)


def test_tone_placement_gives_the_same_accent_key() -> None:
    assert words("hoà")[0].accent_key == words("hòa")[0].accent_key
    assert words("thuỷ")[0].accent_key == words("thủy")[0].accent_key


def test_accent_keys_keep_meaningful_differences() -> None:
    assert words("máy")[0].accent_key != words("may")[0].accent_key
    assert words("may")[0].accent_key is None
    assert words("hàn")[0].folded == words("Hàn")[0].folded == "han"


def test_teencode_expansions_are_already_normal() -> None:
    # Expanding twice must change nothing, or normalize would not be idempotent.
    for expansion in TEENCODE.values():
        for word in expansion.split():
            assert TEENCODE.get(word, word) == word


def test_has_diacritics() -> None:
    assert has_diacritics("hàn")
    assert has_diacritics("đi")
    assert not has_diacritics("han")


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_normalize_ignores_diacritics(text: str) -> None:
    assert normalize(strip_diacritics(text)) == normalize(text)


@given(st.text(alphabet=st.characters(), max_size=5000))
def test_normalize_never_raises_and_is_clean(text: str) -> None:
    result = normalize(text)
    assert result == result.strip()
    assert "  " not in result
    assert result.isascii()
