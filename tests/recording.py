"""A Bot API stand-in for hermetic tests: the real Application, with only the network replaced.

Used where the emulator cannot go (inline queries, stickers, groups, a database that is down) and for
the throughput bench. Every call is recorded with its parameters; answers are minimal valid JSON.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

BUNDLED_CAREERS = Path(__file__).resolve().parent.parent / "careers.yaml"
BOT_USER = {"id": 999000, "is_bot": True, "first_name": "careerbot", "username": "careerbot_test_bot"}


class RecordingRequest(BaseRequest):
    """Answers every Bot API method locally and remembers what the bot asked for."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._ids = itertools.count(1)

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        self.calls.append((endpoint, params))
        if endpoint == "getMe":
            result: Any = BOT_USER
        elif endpoint in ("sendMessage", "editMessageText"):
            chat_id = params.get("chat_id", 1)
            result = {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
        else:
            result = True
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """Parameters of every call to `method`, in order."""
        return [params for name, params in self.calls if name == method]


def user(user_id: int = 777, language: str = "vi") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Lan", "username": "lan", "language_code": language}


def message_update(update_id: int, chat: dict[str, Any] | None = None, **content: Any) -> dict[str, Any]:
    """Update JSON for a message in a private chat (or `chat`), with `text=`, `sticker=` …"""
    sender = content.pop("sender", user())
    chat = chat or {"id": sender["id"], "type": "private"}
    message = {"message_id": update_id, "date": int(time.time()), "chat": chat, "from": sender, **content}
    return {"update_id": update_id, "message": message}


def to_update(data: dict[str, Any], bot: Any) -> Update:
    update = Update.de_json(data, bot)
    assert update is not None
    return update


@asynccontextmanager
async def running_bot(database_url: str, **settings: Any) -> AsyncIterator[tuple[Any, RecordingRequest]]:
    """The real Application from build_application, initialized, with the network recorded."""
    from bot.app import build_application
    from bot.settings import load_settings

    request = RecordingRequest()
    config = load_settings(
        telegram_bot_token="123456:TEST-TOKEN",
        database_url=database_url,
        careers_path=BUNDLED_CAREERS,
        pseudonym_key="0123456789abcdef-test",
        **settings,
    )
    application = build_application(config, request=request, updater=False)
    async with application:
        yield application, request
    application.bot_data.signals.engine.dispose()
