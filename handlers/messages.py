"""Messages: free text goes to the answer engine; anything else gets a polite word (or silence)."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType, MessageEntityType

from handlers.common import Context, prepare, send
from knowledge.answers import Button, Reply
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
    await send(update, context, answer.reply)


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
