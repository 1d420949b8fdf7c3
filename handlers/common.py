"""What every handler does first (find the services, set the reader's language) and last (reply)."""

from __future__ import annotations

from typing import Any

from telegram import MaybeInaccessibleMessage, Message, Update
from telegram.constants import ParseMode
from telegram.ext import CallbackContext, ExtBot

from bot.catalogs import translations
from bot.services import BotData
from handlers.render import render
from knowledge.answers import Reply
from knowledge.engine import Engine
from knowledge.i18n import use_language
from knowledge.quiz import is_result

Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]


def services(context: Context) -> BotData:
    """The typed bot_data."""
    return context.bot_data


def language_of(update: Update, context: Context) -> str:
    """The stored choice, else the user's Telegram language, else the default."""
    user = update.effective_user
    data = services(context)
    if user is not None:
        preference = data.preferences.get(user.id)
        if preference is not None and preference.language:
            return preference.language
        code = (user.language_code or "").lower()
        if code.startswith("vi"):
            return "vi"
        if code.startswith("en"):
            return "en"
    return data.settings.default_language


def prepare(update: Update, context: Context) -> Engine:
    """Set the reader's language for this update and return the current engine."""
    language = language_of(update, context)
    use_language(language, translations(language))
    return services(context).knowledge.engine


async def send(update: Update, context: Context, reply: Reply) -> Message | None:
    """Reply in the update's chat with as many messages as the text needs."""
    chat = update.effective_chat
    if chat is None:
        return None
    last = None
    for text, markup in render(reply, context.bot.username if context.bot else None):
        last = await context.bot.send_message(chat.id, text, parse_mode=ParseMode.HTML, reply_markup=markup)
    return last


def stays(message: MaybeInaccessibleMessage) -> bool:
    """A quiz result (the message with "Xem lại kết quả") stays in the chat to come back to.

    What its buttons open comes as a new message below it instead of replacing it.
    """
    markup = message.reply_markup if isinstance(message, Message) else None
    buttons = [b for row in markup.inline_keyboard for b in row] if markup else []
    return any(isinstance(b.callback_data, str) and is_result(b.callback_data) for b in buttons)


async def edit_or_send(update: Update, context: Context, reply: Reply) -> None:
    """Show a button's result in place of the message that had the button (a card, a list)."""
    query = update.callback_query
    messages = render(reply, context.bot.username if context.bot else None)
    if query is not None and query.message is not None and len(messages) == 1 and not stays(query.message):
        text, markup = messages[0]
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
        return
    await send(update, context, reply)
