"""build_application(settings): the one Application used by polling, webhook workers and tests.

Handlers are registered here, in one place, in the order that matters (commented where it does).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from telegram import BotCommand, Update
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.services import BotData, FloodGuard, KnowledgeHolder
from bot.settings import Settings
from bot.signals.migrate import upgrade as upgrade_schema
from bot.signals.recorder import SignalRecorder
from bot.store import PreferenceStore, make_engine
from handlers import buttons, commands, guards, inline, messages

log = logging.getLogger(__name__)
NETWORK_RETRIES = 3


class RetryingRateLimiter(AIORateLimiter):
    """Telegram's limits (30 msg/s overall, 1/s per chat, 20/min per group) plus retries.

    AIORateLimiter waits out RetryAfter; network errors and timeouts are retried here too, with
    exponential back-off, so a blip on the line does not lose an answer.
    """

    async def process_request(
        self,
        callback: Any,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        delay = 0.5
        for attempt in range(NETWORK_RETRIES + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except RetryAfter:
                raise
            except (TimedOut, NetworkError):
                if attempt == NETWORK_RETRIES:
                    raise
                log.info("network error on %s; retrying in %.1f s", endpoint, delay)
                await asyncio.sleep(delay)
                delay *= 2
        return None


COMMANDS = (
    ("start", "Bắt đầu"),
    ("menu", "Menu chính"),
    ("help", "Hướng dẫn"),
    ("lang", "Ngôn ngữ / Language"),
    ("privacy", "Quyền riêng tư"),
    ("optout", "Thôi đếm lượt xem của em"),
    ("forget", "Xóa dữ liệu của em"),
)


async def start_services(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """After initialize(): the signal writer and the commands menu (PTB runs this itself only in run_*)."""
    application.bot_data.signals.start()
    try:
        await application.bot.set_my_commands([BotCommand(name, text) for name, text in COMMANDS])
    except (NetworkError, TimedOut) as exc:  # not fatal: the commands menu is a convenience
        log.warning("could not set the commands menu: %s", type(exc).__name__)


async def stop_services(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Before exit: write every queued event (a clean shutdown loses nothing), close the database."""
    await application.bot_data.signals.stop()
    application.bot_data.signals.engine.dispose()


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    updater: bool = True,
    flood: FloodGuard | None = None,
    rate_limiter: bool = True,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """Wire the bot: services in bot_data, handlers in order, the error handler, the rate limiter."""
    # PTB logs every Bot API call with its parameters (chat ids, texts) at DEBUG, and httpx logs URLs
    # that contain the token at INFO: neither may reach a log, whatever LOG_LEVEL says.
    logging.getLogger("telegram").setLevel(max(logging.INFO, logging.getLogger("telegram").level))
    logging.getLogger("httpx").setLevel(logging.WARNING)
    builder = (
        ApplicationBuilder()
        .token(settings.require_token())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.file_base_url)
        .context_types(ContextTypes(bot_data=BotData))
        .concurrent_updates(True)
        .post_init(start_services)
        .post_shutdown(stop_services)
    )
    if rate_limiter:  # off only in the throughput bench, which measures the bot, not Telegram's limits
        builder = builder.rate_limiter(RetryingRateLimiter(max_retries=3))  # type: ignore[arg-type]
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if not updater:
        builder = builder.updater(None)
    application = builder.build()

    data: BotData = application.bot_data
    data.settings = settings
    data.knowledge = KnowledgeHolder(settings.careers_path)
    database = make_engine(settings.database_url)
    try:
        upgrade_schema(database)
    except SQLAlchemyError as exc:  # down at start: answers go on, signals wait (see recorder.py)
        log.warning("database unavailable at start (%s); signals will wait", type(exc).__name__)
    data.preferences = PreferenceStore(database, settings.pseudonym_key)
    data.signals = SignalRecorder(database, data.preferences, settings.signal_period_days)
    data.flood = flood or FloodGuard(limit=settings.flood_limit)

    # The flood guard runs before everything else and can stop an update.
    application.add_handler(TypeHandler(Update, guards.flood_guard), group=-1)
    # Deep links are /start with an argument: the same handler reads context.args.
    application.add_handler(CommandHandler("start", commands.start))
    application.add_handler(CommandHandler("help", commands.help_command))
    application.add_handler(CommandHandler("menu", commands.menu))
    application.add_handler(CommandHandler("lang", commands.lang))
    application.add_handler(CommandHandler("privacy", commands.privacy))
    application.add_handler(CommandHandler("reload", commands.reload))
    application.add_handler(CommandHandler("stats", commands.stats))
    application.add_handler(CommandHandler("optout", commands.optout))
    application.add_handler(CommandHandler("optin", commands.optin))
    application.add_handler(CommandHandler("forget", commands.forget))
    # Any other command gets the help text (after the known ones, which it would swallow).
    application.add_handler(MessageHandler(filters.COMMAND & filters.UpdateType.MESSAGE, commands.help_command))
    application.add_handler(CallbackQueryHandler(buttons.button))
    application.add_handler(InlineQueryHandler(inline.inline_query))
    # Edited messages are ignored on purpose: answering twice would confuse more than help.
    application.add_handler(MessageHandler(filters.TEXT & filters.UpdateType.MESSAGE, messages.text))
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & ~filters.TEXT, messages.not_text))
    application.add_error_handler(guards.on_error)
    return application
