"""Make an unanswered question safe to keep for curators: no contact details, no names, short.

Curators need to see what students ask that the bot cannot answer, but a message can carry a phone
number, an e-mail, a link, an @handle, an id number or a name ("tên em là …"). Those are removed
before anything is stored, and the text is cut to 200 characters.
"""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 200
_PATTERNS = [
    re.compile(r"\S+@\S+\.\S+"),  # e-mail
    re.compile(r"(?:https?://|www\.)\S+|\b\S+\.(?:com|vn|net|org|edu|gov)(?:/\S*)?", re.IGNORECASE),  # links
    re.compile(r"@\w+"),  # handles
    re.compile(r"\+?\d[\d .\-]{7,}\d"),  # phone numbers, with spaces or dots
    re.compile(r"\d{6,}"),  # any run of 6+ digits (ids, phones)
    # "tên em là Lan", "tôi là Nguyễn Văn A", "mình tên là …", "em là …": drop the words after it
    re.compile(
        r"\b(?:tên\s+(?:em|tôi|mình|con|cháu|tớ)\s+là|(?:em|tôi|mình|tớ)\s+tên\s+là|(?:tôi|mình|tớ)\s+là|"
        r"my\s+name\s+is|i\s+am|i'm)\s+[^,.!?\n]{1,40}",
        re.IGNORECASE,
    ),
]
_INVISIBLE = re.compile(r"[\u0000-\u001f\u007f\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]")


def scrub(text: str) -> str:
    """The question with contact details and self-introductions removed, at most 200 characters."""
    cleaned = _INVISIBLE.sub(" ", unicodedata.normalize("NFC", text))
    for pattern in _PATTERNS:
        cleaned = pattern.sub("[…]", cleaned)
    cleaned = " ".join(cleaned.split())
    return cleaned[:MAX_CHARS]
