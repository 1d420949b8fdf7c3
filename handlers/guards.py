"""Before and after every handler: the flood guard and the error handler.

No update can stop the bot; nothing about the user (id, name, text) reaches a log line.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from handlers.common import Context, prepare, send, services
from knowledge.answers import Button, Reply
from knowledge.i18n import _

log = logging.getLogger(__name__)


async def flood_guard(update: Update, context: Context) -> None:
    """More than 20 messages in 10 s: one polite "slow down", then silence for a while."""
    user = update.effective_user
    if user is None or update.inline_query is not None:
        return
    data = services(context)
    verdict = data.flood.check(data.preferences.key_for(user.id))
    if verdict == "ok":
        return
    if verdict == "warn":
        prepare(update, context)
        await send(update, context, Reply((_("Em gửi nhanh quá! Nghỉ một chút rồi hỏi tiếp nhé."),)))
    raise ApplicationHandlerStop


async def on_error(update: object, context: Context) -> None:
    """Log the failure (type and update id only) and tell the user politely."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("update %s failed", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        prepare(update, context)
        reply = Reply(
            (_("Xin lỗi, mình gặp trục trặc khi trả lời. Em thử lại sau ít phút hoặc chọn trong menu nhé."),),
            (Button(_("Menu"), "menu"),),
        )
        await send(update, context, reply)
    except Exception:
        log.warning("could not send the apology for update %s", update_id)
