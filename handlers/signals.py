"""Recording what users look at, for the planners' report: one call, after the answer is sent.

Only kinds, entry ids, the day, the language and a period pseudonym reach the recorder; see
bot/signals/models.py. Opted-out users are skipped by the recorder itself.
"""

from __future__ import annotations

from telegram import Update

from bot.signals.models import EventKind
from handlers.common import Context, services
from knowledge.i18n import current_language

CARD_KINDS = ("occupation", "school", "policy", "faq")


def record(update: Update, context: Context, kind: EventKind, **fields: str | None) -> None:
    """Queue one anonymous event for the user of this update (never raises)."""
    user = update.effective_user
    recorder = getattr(services(context), "signals", None)
    if user is None or recorder is None:
        return
    recorder.record(kind, user.id, current_language(), **fields)


def record_card(update: Update, context: Context, action: str, campaign: str | None = None) -> None:
    """A card was shown (by a button, a deep link or an answer)."""
    kind, _sep, entry_id = action.partition(":")
    if kind in CARD_KINDS and entry_id:
        record(update, context, EventKind.CARD_OPENED, entry_kind=kind, entry_id=entry_id, campaign=campaign)
