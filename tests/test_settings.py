"""Settings: every variable documented, bad values explained in one line, no token → a clear hint."""

from __future__ import annotations

import pytest

from bot.settings import FIELD_NAMES, HELP, SettingsError, load_settings
from tests.conftest import ROOT, run_cli


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert set(FIELD_NAMES) == set(HELP)
    for name in FIELD_NAMES:
        assert f"| `{name}` |" in readme, f"{name} is not in the README's settings table"


def test_required_names_are_the_agreed_ones() -> None:
    agreed = {
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_API_BASE_URL",
        "WEBHOOK_URL",
        "WEBHOOK_SECRET",
        "DATABASE_URL",
        "ADMIN_IDS",
        "DEFAULT_LANGUAGE",
        "LOG_LEVEL",
        "CAREERS_PATH",
    }
    assert agreed <= set(FIELD_NAMES)


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("ADMIN_IDS", "12,abc", "ADMIN_IDS: use comma-separated numbers"),
        ("DEFAULT_LANGUAGE", "fr", "DEFAULT_LANGUAGE: use vi or en"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL: use DEBUG, INFO, WARNING or ERROR"),
        ("TELEGRAM_API_BASE_URL", "not a url", "TELEGRAM_API_BASE_URL: use a full URL"),
        ("WEBHOOK_SECRET", "short", "WEBHOOK_SECRET: use 16–256 letters"),
        ("FLOOD_LIMIT", "0", "FLOOD_LIMIT: use a whole number from 1 to 1000"),
    ],
    ids=lambda v: v if isinstance(v, str) and v.isupper() else None,
)
def test_malformed_settings_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, says: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).startswith(says)
    assert "\n" not in str(caught.value)


def test_file_url_is_derived_from_the_api_prefix() -> None:
    settings = load_settings(telegram_api_base_url="http://127.0.0.1:9000/bot")
    assert settings.file_base_url == "http://127.0.0.1:9000/file/bot"


@pytest.mark.parametrize("command", ["run", "serve"])
def test_no_token_is_one_clear_line(command: str) -> None:
    result = run_cli(command, env={"TELEGRAM_BOT_TOKEN": "", "WEBHOOK_SECRET": "0123456789abcdef"})
    assert result.returncode == 2
    assert result.stderr == "careerbot: set TELEGRAM_BOT_TOKEN (from @BotFather), or try `make chat` without Telegram\n"


def test_serve_without_a_secret_says_so() -> None:
    result = run_cli("serve", env={"TELEGRAM_BOT_TOKEN": "123456:ABC", "WEBHOOK_SECRET": ""})
    assert result.returncode == 2
    assert "set WEBHOOK_SECRET" in result.stderr
    assert "Traceback" not in result.stderr
