"""Messages: free text goes to the answer engine; anything else gets a polite word (or silence)."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType, MessageEntityType

from bot.links import payload_for
from bot.signals.models import EventKind
from bot.signals.scrub import scrub
from handlers.common import Context, prepare, send
from handlers.signals import record
from knowledge.answers import Button, Intent, Reply
from knowledge.i18n import _


def _addressed_to_bot(update: Update, context: Context) -> bool:
    """In a group, answer only when the bot is mentioned or replied to."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or chat.type == ChatType.PRIVATE:
        return True
    replied = message.reply_to_message
    if replied and replied.from_user and replied.from_user.id == context.bot.id:
        return True
    username = (context.bot.username or "").lower()
    for entity, text in message.parse_entities([MessageEntityType.MENTION]).items():
        if entity.type == MessageEntityType.MENTION and text.lower() == f"@{username}":
            return True
    return False


async def text(update: Update, context: Context) -> None:
    """A question in words: the engine's answer with its suggested buttons."""
    message = update.effective_message
    if message is None or not message.text or not _addressed_to_bot(update, context):
        return
    question = message.text
    if context.bot.username:
        question = question.replace(f"@{context.bot.username}", " ")
    answer = prepare(update, context).answer(question)
    reply = answer.reply
    if answer.matches and answer.intent is not Intent.QUIZ:
        top = answer.matches[0]
        code = payload_for(f"{top.kind}:{top.id}")
        reply = Reply(
            reply.paragraphs,
            (*reply.buttons, Button("👍", f"fb:up:{code}"), Button("👎", f"fb:down:{code}")),
            reply.subject,
        )
    await send(update, context, reply)
    if answer.intent is Intent.UNKNOWN:
        record(update, context, EventKind.QUESTION_UNANSWERED, value=scrub(question))
    elif answer.matches:
        top = answer.matches[0]
        record(update, context, EventKind.QUESTION_ANSWERED, entry_kind=top.kind, entry_id=top.id)


async def not_text(update: Update, context: Context) -> None:
    """Stickers, photos, voice, files, locations: say what the bot can read (private chats only)."""
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return
    prepare(update, context)
    reply = Reply(
        (_("Mình chỉ đọc được tin nhắn chữ. Em hãy gõ câu hỏi, ví dụ: «học hàn ở đâu», hoặc chọn trong menu."),),
        (Button(_("Menu"), "menu"),),
    )
    await send(update, context, reply)
