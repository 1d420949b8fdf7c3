"""`careerbot serve`: two uvicorn workers behind one port, answering webhook updates via the emulator."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import ROOT, Chat, _free_port, _stop, bot_environment, start_server

pytestmark = pytest.mark.e2e
SECRET = "webhook-secret-0123456789"


@pytest.fixture(scope="module")
def webhook_server(emulator_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("webhook")
    port = _free_port()
    env = bot_environment(
        emulator_url,
        folder / "careerbot.db",
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
        PYTHONPATH=str(ROOT),
    )
    log_path = folder / "serve.log"
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "bot.cli", "serve", "--port", str(port), "--workers", "2"]
    process = start_server(command, env, folder, log_path, f"{url}/healthz")
    yield url
    _stop(process)
    assert "Started parent process" in log_path.read_text()  # uvicorn's multi-worker supervisor


def update(update_id: int, chat_id: int, text: str) -> dict[str, object]:
    sender = {"id": chat_id, "is_bot": False, "first_name": "Minh", "language_code": "vi"}
    message = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private"},
        "from": sender,
        "text": text,
    }
    return {"update_id": update_id, "message": message}


def test_health_endpoint(webhook_server: str) -> None:
    response = httpx.get(f"{webhook_server}/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_updates_with_the_right_secret_are_answered_by_any_worker(webhook_server: str, emulator_url: str) -> None:
    watcher = Chat(emulator_url)
    chat_id = watcher.user.chat_id
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    for number, text in enumerate(["hàn", "điều dưỡng", "học phí", "trường việt đức"], start=1):
        response = httpx.post(
            f"{webhook_server}/telegram", json=update(number, chat_id, text), headers=headers, timeout=10
        )
        assert response.status_code == 200
    replies = [m["text"].split("\n")[0] for m in watcher.silence(3.0)]
    assert len(replies) == 4
    assert any(r.startswith("Hàn") for r in replies)
    assert any(r.startswith("Trường Cao đẳng Công nghiệp Việt Đức") for r in replies)
    watcher.close()


@pytest.mark.parametrize(
    "headers", [{}, {"X-Telegram-Bot-Api-Secret-Token": "wrong-secret-000000"}], ids=["missing", "wrong"]
)
def test_wrong_or_missing_secret_is_rejected_and_nothing_is_sent(
    webhook_server: str, emulator_url: str, headers: dict[str, str]
) -> None:
    watcher = Chat(emulator_url)
    response = httpx.post(f"{webhook_server}/telegram", json=update(99, watcher.user.chat_id, "hàn"), headers=headers)
    assert response.status_code == 403
    assert watcher.silence(1.5) == []
    watcher.close()


def test_malformed_body_is_a_400(webhook_server: str) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "content-type": "application/json"}
    assert httpx.post(f"{webhook_server}/telegram", content=b"{not json", headers=headers).status_code == 400


def test_set_webhook_registers_the_url_and_secret(emulator_url: str, tmp_path: Path) -> None:
    from tests.e2e.emulator.tta_client import TTAUser

    token = "777777:SETHOOK-TOKEN"
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    env = bot_environment(
        emulator_url,
        tmp_path / "careerbot.db",
        TELEGRAM_BOT_TOKEN=token,
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_URL=url,
        PYTHONPATH=str(ROOT),
    )
    watcher = TTAUser(emulator_url, token)
    watcher.events()
    with (tmp_path / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "serve", "--port", str(port), "--workers", "1", "--set-webhook"],
            env=env,
            cwd=tmp_path,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        registered = watcher.wait_for("setWebhook", timeout=30, any_chat=True)
        assert registered["params"]["url"] == url
        assert registered["params"]["secret_token"] == SECRET
    finally:
        _stop(process)
        watcher.close()
