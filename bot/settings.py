"""Settings from environment variables (and an optional .env file), validated in one place.

Each setting's name, default and help live here and only here; the README table is checked against
this list by a test, so a setting cannot be added without being documented. Settings are built by
`load_settings()` when a command starts, never at import time.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

BUNDLED_CAREERS = Path(__file__).resolve().parent.parent / "careers.yaml"
TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{3,}$")
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,256}$")

# name → (what it is, what to do when it is wrong). One line each, shown to people who deploy.
HELP: dict[str, str] = {
    "TELEGRAM_BOT_TOKEN": "the bot's token from @BotFather, like 123456:ABC-DEF",
    "TELEGRAM_API_BASE_URL": "Bot API prefix, default https://api.telegram.org/bot (tests: the emulator's)",
    "WEBHOOK_URL": "public https URL Telegram posts updates to (careerbot serve)",
    "WEBHOOK_SECRET": "16–256 letters, digits, _ or -; Telegram sends it in X-Telegram-Bot-Api-Secret-Token",
    "DATABASE_URL": "SQLAlchemy URL of the signal store, default sqlite:///careerbot.db",
    "ADMIN_IDS": "comma-separated Telegram user ids allowed to /reload and /stats",
    "DEFAULT_LANGUAGE": "vi or en, used when a user's Telegram language is neither",
    "LOG_LEVEL": "DEBUG, INFO, WARNING or ERROR",
    "CAREERS_PATH": "the knowledge file, default the bundled careers.yaml",
    "PSEUDONYM_KEY": "key for keyed hashes of user ids (16+ characters); unset: one is generated, kept in the database",
    "BOT_USERNAME": "the bot's @username without @, for t.me links when Telegram cannot be asked",
    "FLOOD_LIMIT": "messages one user may send in 10 seconds before the bot asks them to slow down (default 20)",
    "SIGNAL_PERIOD_DAYS": "days one pseudonym key lasts before it is destroyed (distinct-user counting period)",
    "REPORT_DIR": "folder of the latest `careerbot report` output, read by /stats",
}


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line that says what to do."""


class Settings(BaseSettings):
    """Everything careerbot reads from its environment."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: str = ""
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    webhook_url: str = ""
    webhook_secret: str = ""
    database_url: str = "sqlite:///careerbot.db"
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    default_language: str = "vi"
    log_level: str = "INFO"
    careers_path: Path = BUNDLED_CAREERS
    pseudonym_key: str = ""
    bot_username: str = ""
    flood_limit: int = 20
    signal_period_days: int = 1
    report_dir: Path = Path("reports")

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            if not all(p.lstrip("-").isdigit() for p in parts):
                raise ValueError("use comma-separated numbers, e.g. 12345,67890")
            return frozenset(int(p) for p in parts)
        return value

    @field_validator("default_language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in ("vi", "en"):
            raise ValueError("use vi or en")
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.upper() not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ValueError("use DEBUG, INFO, WARNING or ERROR")
        return value.upper()

    @field_validator("telegram_api_base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+(/\S*)?$", value):
            raise ValueError("use a full URL such as https://api.telegram.org/bot")
        return value.rstrip("/")

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, value: str) -> str:
        if value and not SECRET_PATTERN.match(value):
            raise ValueError("use 16–256 letters, digits, _ or -")
        return value

    @field_validator("flood_limit")
    @classmethod
    def _flood(cls, value: int) -> int:
        if not 1 <= value <= 1000:
            raise ValueError("use a whole number from 1 to 1000")
        return value

    @field_validator("signal_period_days")
    @classmethod
    def _period(cls, value: int) -> int:
        if not 1 <= value <= 31:
            raise ValueError("use a whole number of days from 1 to 31")
        return value

    @field_validator("pseudonym_key")
    @classmethod
    def _key(cls, value: str) -> str:
        if value and len(value) < 16:
            raise ValueError("use at least 16 characters")
        return value

    @property
    def file_base_url(self) -> str:
        """The file-download prefix derived from the API prefix (…/bot → …/file/bot)."""
        head, _sep, tail = self.telegram_api_base_url.rpartition("/")
        return f"{head}/file/{tail}"

    def require_token(self) -> str:
        """The token, or a SettingsError that says how to get one (or try without)."""
        if not self.telegram_bot_token:
            raise SettingsError("set TELEGRAM_BOT_TOKEN (from @BotFather), or try `make chat` without Telegram")
        if not TOKEN_PATTERN.match(self.telegram_bot_token):
            raise SettingsError("TELEGRAM_BOT_TOKEN looks malformed: expected digits:letters, like 123456:ABC-DEF")
        return self.telegram_bot_token

    def require_webhook(self) -> tuple[str, str]:
        """The webhook URL and secret, or a SettingsError naming what is missing."""
        if not self.webhook_secret:
            raise SettingsError("set WEBHOOK_SECRET (16–256 letters, digits, _ or -) before `careerbot serve`")
        return self.webhook_url, self.webhook_secret


def load_settings(**overrides: Any) -> Settings:
    """Read the environment (and .env) into Settings, or raise one clear SettingsError."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]).upper() if error["loc"] else "a setting"
        reason = str(error["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"{name}: {reason} ({HELP.get(name, '')})") from None


FIELD_NAMES = tuple(name.upper() for name in Settings.model_fields)
