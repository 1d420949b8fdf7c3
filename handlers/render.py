"""Turn a channel-neutral Reply into Telegram HTML and an inline keyboard.

Every dynamic string is HTML-escaped (a name with "<" or "&" cannot break the markup or inject any),
the heading is bold, and a reply longer than Telegram's 4,096 characters is split at paragraph
boundaries. Buttons carry their action as callback_data, which must fit in 64 bytes.
"""

from __future__ import annotations

import html
from functools import lru_cache
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.links import CODES, payload_for, share_url
from knowledge.answers import Reply
from knowledge.i18n import _, current_language

TELEGRAM_LIMIT = 4096
CALLBACK_LIMIT = 64
SHORT_LABEL = 18  # two buttons this short share a row


class Keyboard(InlineKeyboardMarkup):
    """An inline keyboard that turns itself into JSON once.

    Rendered replies are cached and reused, and python-telegram-bot would otherwise rebuild the same
    nested dictionaries for every message sent: a third of the bot's own time under load.
    """

    __slots__ = ("_as_dict",)

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        cached: dict[str, Any] | None = getattr(self, "_as_dict", None)
        if cached is None:
            cached = super().to_dict(recursive)
            with self._unfrozen():
                self._as_dict = cached
        return cached


def html_paragraphs(reply: Reply) -> list[str]:
    """Escaped paragraphs, the first one bold."""
    parts = [html.escape(p) for p in reply.paragraphs]
    if parts:
        parts[0] = f"<b>{parts[0]}</b>"
    return parts


def split_messages(paragraphs: list[str], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Group paragraphs into messages of at most `limit` characters; cut only a paragraph too long alone."""
    messages: list[str] = []
    current = ""
    for paragraph in paragraphs:
        while len(paragraph) > limit:
            if current:
                messages.append(current)
                current = ""
            messages.append(paragraph[: limit - 1] + "…")
            paragraph = paragraph[limit - 1 :]
        candidate = f"{current}\n\n{paragraph}" if current else paragraph
        if len(candidate) > limit:
            messages.append(current)
            current = paragraph
        else:
            current = candidate
    if current or not messages:
        messages.append(current or "…")
    return messages


def keyboard(reply: Reply, bot_username: str | None) -> InlineKeyboardMarkup | None:
    """Buttons, two short ones to a row, plus "share" for a card when the bot's username is known."""
    rows: list[list[InlineKeyboardButton]] = []
    pending: InlineKeyboardButton | None = None
    for button in reply.buttons:
        if len(button.action.encode()) > CALLBACK_LIMIT:
            continue  # cannot be sent; ids are validated to fit, so this is only a safety net
        item = InlineKeyboardButton(button.label, callback_data=button.action)
        if len(button.label) <= SHORT_LABEL:
            if pending is None:
                pending = item
                continue
            rows.append([pending, item])
            pending = None
        else:
            if pending is not None:
                rows.append([pending])
                pending = None
            rows.append([item])
    if pending is not None:
        rows.append([pending])
    if reply.subject and bot_username and reply.subject.split(":")[0] in CODES:
        url = share_url(bot_username, payload_for(reply.subject), reply.paragraphs[0] if reply.paragraphs else "")
        rows.insert(0, [InlineKeyboardButton(_("📤 Chia sẻ"), url=url)])
    return Keyboard(rows) if rows else None


def render(reply: Reply, bot_username: str | None) -> tuple[tuple[str, InlineKeyboardMarkup | None], ...]:
    """The messages to send: the keyboard goes under the last one."""
    return _render(reply, bot_username, current_language())


@lru_cache(maxsize=4096)
def _render(
    reply: Reply, bot_username: str | None, _language: str
) -> tuple[tuple[str, InlineKeyboardMarkup | None], ...]:
    # Replies are immutable values and PTB's markup objects are frozen: safe to reuse.
    texts = split_messages(html_paragraphs(reply))
    markup = keyboard(reply, bot_username)
    return tuple((text, markup if i == len(texts) - 1 else None) for i, text in enumerate(texts))
