"""Deep-link payloads: `t.me/<bot>?start=<payload>` opens a card, optionally tagged with a campaign.

Telegram allows 1–64 characters from [A-Za-z0-9_-] in a start payload. The grammar used here:
``<k>_<id>`` opens an entry (k: o occupation, s school, p policy, f faq), ``<k>_<id>__<tag>`` does the
same and names a counselor's campaign (a class or school), ``c__<tag>`` is a campaign alone.
Ids never contain "_", tags never contain "__", so parsing is unambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
TAG = re.compile(r"^[A-Za-z0-9-]{1,48}$")
KIND_CODES = {"o": "occupation", "s": "school", "p": "policy", "f": "faq"}
CODES = {kind: code for code, kind in KIND_CODES.items()}


@dataclass(frozen=True, slots=True)
class DeepLink:
    """What a start payload asks for."""

    action: str | None  # 'kind:id' to open, or None for the plain welcome
    campaign: str | None


def parse(payload: str) -> DeepLink | None:
    """The link's meaning, or None when the payload is malformed (then: the normal welcome)."""
    if not PAYLOAD.match(payload):
        return None
    target, _sep, campaign = payload.partition("__")
    if campaign and not TAG.match(campaign):
        return None
    if target == "c":
        return DeepLink(None, campaign or None) if campaign else None
    code, sep, entry_id = target.partition("_")
    if not sep or code not in KIND_CODES or not re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", entry_id):
        return None
    return DeepLink(f"{KIND_CODES[code]}:{entry_id}", campaign or None)


def payload_for(action: str | None, campaign: str | None = None) -> str:
    """The start payload for an action ('occupation:han') and an optional campaign tag.

    Raises:
        ValueError: when the tag is malformed or the payload would not fit in 64 characters.
    """
    if campaign is not None and not TAG.match(campaign):
        raise ValueError(f"campaign tag {campaign!r}: use letters, digits and -, at most 48 characters")
    if action is None:
        if campaign is None:
            raise ValueError("a link needs a target, a campaign, or both")
        target = "c"
    else:
        kind, _sep, entry_id = action.partition(":")
        if kind not in CODES or not entry_id:
            raise ValueError(f"cannot link to {action!r}: use occupation:ID, school:ID, policy:ID or faq:ID")
        target = f"{CODES[kind]}_{entry_id}"
    payload = f"{target}__{campaign}" if campaign else target
    if len(payload) > 64:
        raise ValueError(f"the link payload {payload!r} is {len(payload)} characters; Telegram allows 64")
    return payload


def start_url(bot_username: str, payload: str) -> str:
    """https://t.me/<bot>?start=<payload>."""
    return f"https://t.me/{bot_username}?start={payload}"


def share_url(bot_username: str, payload: str, text: str = "") -> str:
    """Telegram's share dialog for a deep link, so a card can be passed on to a friend or a class."""
    url = f"https://t.me/share/url?url={quote(start_url(bot_username, payload), safe='')}"
    return f"{url}&text={quote(text, safe='')}" if text else url
