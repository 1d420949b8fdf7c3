"""Button presses: everything needed is in callback_data, so any worker can answer any press."""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest

from bot.catalogs import translations
from handlers.common import Context, edit_or_send, prepare, send, services
from knowledge.answers import Reply
from knowledge.i18n import _, use_language

LANGUAGES = ("vi", "en")


async def button(update: Update, context: Context) -> None:
    """Open what the button names; a forged or stale button gets a polite note and the menu."""
    query = update.callback_query
    if query is None:
        return
    data = query.data or ""
    engine = prepare(update, context)
    if data.startswith("lang:"):
        await choose_language(update, context, data.removeprefix("lang:"))
        return
    reply = engine.open(data)
    if reply is None:
        await query.answer(_("Mục này không còn nữa. Mời em chọn lại từ menu."))
        await send(update, context, engine.welcome())
        return
    await query.answer()
    try:
        await edit_or_send(update, context, reply)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def choose_language(update: Update, context: Context, language: str) -> None:
    """Remember the language (under a pseudonym) and show the menu in it."""
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None or language not in LANGUAGES:
        if query is not None:
            await query.answer()
        return
    services(context).preferences.set(user.id, language=language)
    use_language(language, translations(language))
    await query.answer()
    engine = services(context).knowledge.engine
    welcome = engine.welcome()
    await send(update, context, Reply((_("Đã chuyển sang tiếng Việt."), *welcome.paragraphs[1:]), welcome.buttons))
