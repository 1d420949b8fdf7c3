"""The webhook worker: an ASGI app (Starlette, served by uvicorn with any number of workers).

Telegram POSTs each update to the webhook path with the secret in X-Telegram-Bot-Api-Secret-Token;
a wrong or missing secret gets 403 and nothing is processed. Workers share nothing in memory — all
state a button needs travels in its callback_data — so any worker can take any update.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update

from bot.app import build_application, start_services, stop_services
from bot.settings import Settings, load_settings

log = logging.getLogger(__name__)
MAX_BODY = 1_000_000
DEFAULT_PATH = "/telegram"


def webhook_path(settings: Settings) -> str:
    """The path part of WEBHOOK_URL, or /telegram."""
    if not settings.webhook_url:
        return DEFAULT_PATH
    return urlsplit(settings.webhook_url).path or DEFAULT_PATH


def create_app(settings: Settings | None = None) -> Starlette:
    """Build the ASGI app (uvicorn calls this once in every worker process)."""
    settings = settings or load_settings()
    _url, secret = settings.require_webhook()
    application = build_application(settings, updater=False)

    async def receive(request: Request) -> Response:
        given = request.headers.get("x-telegram-bot-api-secret-token", "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return Response(status_code=403)
        body = await request.body()
        if len(body) > MAX_BODY:
            return Response(status_code=413)
        try:
            update = Update.de_json(json.loads(body), application.bot)
        except (ValueError, TypeError, KeyError):
            return Response(status_code=400)
        if update is None:
            return Response(status_code=400)
        await application.process_update(update)
        return Response(status_code=200)

    async def health(_request: Request) -> Response:
        engine = application.bot_data.knowledge.engine
        return JSONResponse({"status": "ok", "occupations": len(engine.kb.occupations)})

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        async with application:
            await start_services(application)
            await application.start()
            yield
            await application.stop()
            await stop_services(application)

    routes = [
        Route(webhook_path(settings), receive, methods=["POST"]),
        Route("/healthz", health, methods=["GET"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan)


def factory() -> Any:
    """Entry point for `uvicorn --factory bot.web:factory`."""
    return create_app()
