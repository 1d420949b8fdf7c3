"""End-to-end fixtures: the Bot API emulator and the real bot (`careerbot run`) as child processes.

Only the bot's base URL differs from production. Tests play the user through `Chat`, which reads like
a conversation: `chat.send("hok biet hoc nghe j")`, `chat.click("Học phí và chính sách")`.
"""

from __future__ import annotations

import html
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.emulator.tta_client import TTAUser

EMULATOR = Path(__file__).resolve().parent / "emulator"
ROOT = EMULATOR.parent.parent.parent
TOKEN = "123456:TEST-TOKEN"
ADMIN_ID = 4242
# Random, not a counter: this module can be imported twice (as conftest and by a test for typing).
_user_ids = random.SystemRandom()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def emulator_available() -> str | None:
    """Why the emulator cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (EMULATOR / "node_modules" / "telegram-test-api").exists():
        return "the emulator is not installed (run `make emulator`)"
    return None


@pytest.fixture(scope="session")
def emulator_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    missing = emulator_available()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"end-to-end tests must run in CI, but {missing}")
        pytest.skip(missing)
    port = _free_port()
    log_path = tmp_path_factory.mktemp("logs") / "emulator.log"
    command = ["node", str(EMULATOR / "tta_ptb_shim.js"), "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    process = start_server(command, os.environ.copy(), EMULATOR, log_path, f"{url}/shim/health")
    yield url
    _stop(process)


def start_server(
    command: list[str], env: dict[str, str], cwd: Path, log_path: Path, health: str
) -> subprocess.Popen[bytes]:
    """Start a server process and return once its health URL answers 200 (or fail with its log)."""
    with log_path.open("w") as log:
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(health, timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            _stop(process)
            pytest.fail(f"{command[-1]} did not start:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.1)


def bot_environment(emulator: str, database: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=f"{emulator}/bot",
        DATABASE_URL=f"sqlite:///{database}",
        ADMIN_IDS=str(ADMIN_ID),
        FLOOD_LIMIT="12",
        PSEUDONYM_KEY="test-key-0123456789abcdef",
        LOG_LEVEL="INFO",
        CAREERS_PATH=str(ROOT / "careers.yaml"),
    )
    env.update(extra)
    return env


def start_polling_bot(emulator_url: str, folder: Path, token: str = TOKEN, **env: str) -> subprocess.Popen[bytes]:
    """`careerbot run` against the emulator, exactly as an operator starts it; returns once it polls."""
    settings = {**bot_environment(emulator_url, folder / "careerbot.db", **env), "PYTHONPATH": str(ROOT)}
    settings["TELEGRAM_BOT_TOKEN"] = token
    with (folder / "bot.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run"], env=settings, cwd=folder, stdout=log, stderr=subprocess.STDOUT
        )
    watcher = TTAUser(emulator_url, token)
    try:
        watcher.wait_for("deleteWebhook", timeout=30, any_chat=True)  # polling starts right after
    except TimeoutError:
        _stop(process)
        pytest.fail(f"the bot did not start polling:\n{(folder / 'bot.log').read_text()[-3000:]}")
    finally:
        watcher.close()
    return process


@pytest.fixture(scope="session")
def polling_bot(emulator_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[subprocess.Popen[bytes]]:
    """The bot most end-to-end tests talk to."""
    process = start_polling_bot(emulator_url, tmp_path_factory.mktemp("bot"))
    yield process
    _stop(process)


def shown(message: dict[str, Any]) -> dict[str, Any]:
    """The message as Telegram displays it: HTML markup rendered away (the raw text kept as 'html')."""
    raw = message.get("text", "")
    return {**message, "html": raw, "text": html.unescape(re.sub(r"<[^>]+>", "", raw))}


class Chat:
    """One user talking to the bot: send text or commands, read replies, click buttons by label."""

    def __init__(
        self, emulator: str, user_id: int | None = None, language_code: str = "vi", token: str = TOKEN
    ) -> None:
        user_id = user_id or _user_ids.randrange(10**6, 10**9)
        self.user = TTAUser(emulator, token, user_id=user_id, language_code=language_code)
        self.user.events()  # skip what happened before this user existed
        self.last: dict[str, Any] | None = None
        self.pending: list[dict[str, Any]] = []  # events read from the emulator, not yet looked at
        self.callback_answer: str | None = None

    def _events(self, timeout: float) -> list[dict[str, Any]]:
        """Bot API calls in this chat (or chat-less ones), buffered so none is lost between reads."""
        if not self.pending:
            self.pending = [
                e for e in self.user.events(timeout=timeout) if e.get("chat_id") in (None, self.user.chat_id)
            ]
        found, self.pending = self.pending, []
        return found

    def _next(self, methods: tuple[str, ...], timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            events = self._events(min(2.0, max(0.1, deadline - time.monotonic())))
            for i, event in enumerate(events):
                if event["method"] in methods:
                    self.pending = events[i + 1 :] + self.pending
                    return event
        raise TimeoutError(f"the bot did not call {methods} within {timeout}s")

    def close(self) -> None:
        self.user.close()

    def send(self, text: str, timeout: float = 10) -> dict[str, Any]:
        """Send a message (or a /command) and return the bot's reply message."""
        if text.startswith("/"):
            command, _sep, payload = text.partition(" ")
            self.user.send_command(command, payload or None)
        else:
            self.user.send_text(text)
        return self.reply(timeout)

    def reply(self, timeout: float = 10) -> dict[str, Any]:
        """The bot's next message in this chat."""
        self.last = shown(self._next(("sendMessage",), timeout)["result"])
        return self.last

    def buttons(self, message: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
        message = message or self.last or {}
        rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
        return {b["text"]: b for row in rows for b in row}

    def click(self, label: str, timeout: float = 10) -> dict[str, Any]:
        """Press the button with this label under the last message; return what the bot showed."""
        assert self.last is not None, "nothing to click on yet"
        button = self.buttons()[label]
        self.user.press_button(self.last["message_id"], button["callback_data"])
        return self.after_click(timeout)

    def press(self, callback_data: str, timeout: float = 10) -> dict[str, Any]:
        """Press a button with arbitrary (possibly forged) data under the last message."""
        assert self.last is not None
        self.user.press_button(self.last["message_id"], callback_data)
        return self.after_click(timeout)

    def after_click(self, timeout: float) -> dict[str, Any]:
        answer = self._next(("answerCallbackQuery",), timeout)
        self.callback_answer = answer["params"].get("text")
        self.last = shown(self._next(("editMessageText", "sendMessage"), timeout)["result"])
        return self.last

    def silence(self, seconds: float = 1.5) -> list[dict[str, Any]]:
        """Messages the bot sent in this chat during `seconds` (often expected: none)."""
        deadline = time.monotonic() + seconds
        seen = []
        while time.monotonic() < deadline:
            seen += [
                shown(e["result"])
                for e in self._events(max(0.1, deadline - time.monotonic()))
                if e["method"] == "sendMessage"
            ]
        return seen


@pytest.fixture
def chat(emulator_url: str, polling_bot: subprocess.Popen[bytes]) -> Iterator[Chat]:
    conversation = Chat(emulator_url)
    yield conversation
    conversation.close()
