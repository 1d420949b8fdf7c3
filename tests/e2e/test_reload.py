"""Knowledge reload without restart: SIGHUP swaps in a valid file, and keeps serving on a broken one."""

from __future__ import annotations

import shutil
import signal
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import ADMIN_ID, ROOT, Chat, _stop, start_polling_bot

pytestmark = pytest.mark.e2e
TOKEN = "654321:RELOAD-TOKEN"  # its own bot: the session's bot polls the usual token on the same emulator


def test_sighup_reloads_and_a_broken_file_keeps_the_last_good_one(emulator_url: str, tmp_path: Path) -> None:
    careers = tmp_path / "careers.yaml"
    shutil.copy(ROOT / "careers.yaml", careers)
    process = start_polling_bot(emulator_url, tmp_path, TOKEN, CAREERS_PATH=str(careers))
    try:
        student = Chat(emulator_url, token=TOKEN)
        admin = Chat(emulator_url, user_id=ADMIN_ID, token=TOKEN)
        assert student.send("/start o_han")["text"].startswith("Hàn (thợ hàn)")

        careers.write_text(
            careers.read_text(encoding="utf-8").replace("name: Hàn (thợ hàn)", "name: Hàn (thợ hàn, thợ hàn điện)"),
            encoding="utf-8",
        )
        process.send_signal(signal.SIGHUP)
        time.sleep(1.0)
        assert student.send("/start o_han")["text"].startswith("Hàn (thợ hàn, thợ hàn điện)")

        careers.write_text("version: [1\n", encoding="utf-8")
        process.send_signal(signal.SIGHUP)
        notice = admin.reply(timeout=10)["text"]  # the admin is told what is wrong
        assert notice.startswith("careers.yaml was not reloaded:")
        assert "careers.yaml:2: YAML syntax error" in notice
        assert student.send("/start o_han")["text"].startswith("Hàn (thợ hàn, thợ hàn điện)")  # still serving
        assert process.poll() is None
        student.close()
        admin.close()
    finally:
        _stop(process)
