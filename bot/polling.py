"""Long polling for a small install, with SIGHUP reloading careers.yaml; webhook registration."""

from __future__ import annotations

import asyncio
import logging
import signal

from telegram import Bot

from bot.app import build_application, start_services, stop_services
from bot.services import BotData
from bot.settings import Settings

log = logging.getLogger(__name__)


async def reload_and_tell_admins(data: BotData, bot: Bot) -> None:
    """Reload the knowledge file; when it is invalid, keep serving and tell each admin why."""
    ok, message = data.knowledge.reload()
    log.info("knowledge reload: %s", "ok" if ok else "refused")
    if ok:
        return
    for admin in data.settings.admin_ids:
        try:
            await bot.send_message(admin, f"careers.yaml was not reloaded:\n{message}"[:4000])
        except Exception:
            log.warning("could not notify an admin about the failed reload")


async def _poll(settings: Settings) -> None:
    application = build_application(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    loop.add_signal_handler(
        signal.SIGHUP,
        lambda: asyncio.ensure_future(reload_and_tell_admins(application.bot_data, application.bot)),
    )
    async with application:
        await start_services(application)
        await application.start()
        assert application.updater is not None  # noqa: S101  (built with an updater)
        await application.updater.start_polling(drop_pending_updates=False)
        log.info("careerbot is polling as @%s", application.bot.username)
        await stop.wait()
        await application.updater.stop()
        await application.stop()
        await stop_services(application)


def run_polling(settings: Settings) -> None:
    """Poll until SIGINT/SIGTERM."""
    asyncio.run(_poll(settings))


def register_webhook(settings: Settings) -> None:
    """Tell Telegram where to POST updates, with the secret it must send back."""

    async def register() -> None:
        bot = Bot(settings.require_token(), base_url=settings.telegram_api_base_url)
        async with bot:
            await bot.set_webhook(settings.webhook_url, secret_token=settings.webhook_secret)

    asyncio.run(register())
