"""Inline mode for counselors: `@bot điện` in a class group offers cards to share.

Each result carries the card and a button that opens the bot on that card (a deep link).
"""

from __future__ import annotations

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode

from bot.links import payload_for, start_url
from handlers.common import Context, prepare
from handlers.render import html_paragraphs, split_messages
from knowledge.i18n import _

MAX_RESULTS = 8


async def inline_query(update: Update, context: Context) -> None:
    """Offer the best-matching cards (or the trades list when nothing is typed yet)."""
    query = update.inline_query
    if query is None:
        return
    engine = prepare(update, context)
    text = query.query.strip()[:200]
    if text:
        actions = [f"{m.kind}:{m.id}" for m in engine.rank(text)[:MAX_RESULTS]]
    else:
        actions = [f"occupation:{o.id}" for o in engine.kb.occupations[:MAX_RESULTS]]
    username = context.bot.username
    results = []
    for action in actions:
        card = engine.open(action)
        if card is None:
            continue
        body = split_messages(html_paragraphs(card))[0]
        markup = None
        if username:
            button = InlineKeyboardButton(_("Mở trong careerbot"), url=start_url(username, payload_for(action)))
            markup = InlineKeyboardMarkup([[button]])
        results.append(
            InlineQueryResultArticle(
                id=action.replace(":", "_")[:64],
                title=card.paragraphs[0][:100],
                description=(card.paragraphs[1] if len(card.paragraphs) > 1 else "")[:120],
                input_message_content=InputTextMessageContent(body, parse_mode=ParseMode.HTML),
                reply_markup=markup,
            )
        )
    await query.answer(results, cache_time=300, is_personal=False)
