"""Button presses: everything needed is in callback_data, so any worker can answer any press."""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest

from bot.catalogs import translations
from bot.links import parse
from bot.signals.models import EventKind
from handlers.common import Context, edit_or_send, prepare, send, services
from handlers.signals import record, record_card
from knowledge.answers import Reply
from knowledge.i18n import _, use_language
from knowledge.survey import is_answer

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
    if data.startswith("fb:"):
        await feedback(update, context, data)
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
    remember(update, context, data)


def remember(update: Update, context: Context, action: str) -> None:
    """After showing what a button led to: count it, or store an "about me" choice."""
    record_card(update, context, action)
    answered = is_answer(action)
    if answered is not None:
        level, stream = answered
        record(update, context, EventKind.SURVEY_ANSWER, entry_id=level, value=stream)
    code = services(context).knowledge.engine.interest_quiz.result_code(action)
    if code is not None:  # a quiz result: only its Holland code is counted
        record(update, context, EventKind.QUIZ_RESULT, value=code)
    parts = action.split(":")
    user = update.effective_user
    if user is not None and len(parts) == 3 and parts[0] == "me":
        field = {"a": "audience", "r": "area"}.get(parts[1])
        if field:
            services(context).preferences.set(user.id, **{field: parts[2]})


async def feedback(update: Update, context: Context, data: str) -> None:
    """👍/👎 under an answer: count it for the entry it was about, thank the user, change nothing else."""
    query = update.callback_query
    parts = data.split(":")
    link = parse(parts[2]) if len(parts) == 3 and parts[1] in ("up", "down") else None
    if query is None:
        return
    if link is None or link.action is None:
        await query.answer()
        return
    kind, _sep, entry_id = link.action.partition(":")
    record(update, context, EventKind.FEEDBACK, entry_kind=kind, entry_id=entry_id, value=parts[1])
    await query.answer(_("Cảm ơn em đã góp ý!"))


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
