"""The database: engine set-up and per-user preferences, keyed only by a keyed hash of the user id.

A preference (language, "I am a parent …", "do not count me") is the only thing kept per user. The key is an HMAC of
the Telegram user id with a secret, so the table holds no id; without the secret, a row cannot be
linked to a person. SQLite by default (WAL mode, created on first use); any SQLAlchemy URL works.
The schema itself is managed by the migrations in bot/signals (applied before this store is used).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets
import threading
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, create_engine, select

from bot.signals.models import Preference, StoredSecret

log = logging.getLogger(__name__)
CACHE_SECONDS = 30.0  # another worker sees a changed preference within this time


def make_engine(url: str) -> Engine:
    """An engine for the URL; SQLite files get WAL mode and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 5})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def pseudonym(key: bytes, user_id: int) -> str:
    """HMAC-SHA256 of the user id: stable under one key, meaningless without it."""
    return hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()


class PreferenceStore:
    """Reads and writes preferences; a database that is down only costs the preference."""

    def __init__(self, engine: Engine, configured_key: str = "") -> None:
        self.engine = engine
        self.key = configured_key.encode() if configured_key else self._stored_key()
        self._rows: dict[str, Preference] = {}
        self._loaded_at = -CACHE_SECONDS
        self._lock = threading.Lock()

    def _stored_key(self) -> bytes:
        with Session(self.engine) as session:
            row = session.get(StoredSecret, "preference-key")
            if row is None:
                row = StoredSecret(name="preference-key", value=secrets.token_hex(32))
                session.add(row)
                session.commit()
            return bytes.fromhex(row.value)

    def key_for(self, user_id: int) -> str:
        """The pseudonym rows are stored under."""
        return pseudonym(self.key, user_id)

    def get(self, user_id: int) -> Preference | None:
        """The user's preference (None if unknown, or if the database is down and it was never read).

        The whole (small) table is read at most every CACHE_SECONDS, so answering a message costs a
        dictionary lookup, not a query; a choice made on another worker shows here within that time.
        """
        now = time.monotonic()
        if now - self._loaded_at >= CACHE_SECONDS:
            self._refresh(now)
        return self._rows.get(self.key_for(user_id))

    def _refresh(self, now: float) -> None:
        try:
            with Session(self.engine) as session:
                rows = {row.user_key: row for row in session.exec(select(Preference))}
                for row in rows.values():
                    session.expunge(row)
        except SQLAlchemyError as exc:
            log.warning("preferences unavailable: %s", type(exc).__name__)
            self._loaded_at = now  # do not retry on every message; keep what we had
            return
        with self._lock:
            self._rows, self._loaded_at = rows, now

    def set(self, user_id: int, **changes: str | bool | None) -> bool:
        """Store changes (language=…, audience=…, optout=…); False when the database is down."""
        user_key = self.key_for(user_id)
        try:
            with Session(self.engine) as session:
                row = session.get(Preference, user_key) or Preference(
                    user_key=user_key, updated=dt.datetime.now(dt.UTC).date()
                )
                for name, value in changes.items():
                    setattr(row, name, value)
                row.updated = dt.datetime.now(dt.UTC).date()
                session.add(row)
                session.commit()
                session.refresh(row)
                session.expunge(row)
        except SQLAlchemyError as exc:
            log.warning("could not store a preference: %s", type(exc).__name__)
            return False
        with self._lock:
            self._rows[user_key] = row
        return True

    def forget(self, user_id: int) -> bool:
        """Delete the user's preference row."""
        user_key = self.key_for(user_id)
        try:
            with Session(self.engine) as session:
                for row in session.exec(select(Preference).where(Preference.user_key == user_key)):
                    session.delete(row)
                session.commit()
        except SQLAlchemyError as exc:
            log.warning("could not forget a preference: %s", type(exc).__name__)
            return False
        with self._lock:
            self._rows.pop(user_key, None)
        return True
