"""Recording signals without ever slowing or breaking an answer.

Handlers call `record()`, which only computes a pseudonym and appends to a bounded in-memory queue.
A background task writes the queue in batches (one INSERT per batch). When the database is down or
locked, answers go on and events wait in the queue; they are written when it returns. A clean
shutdown flushes.

Bounds, documented for operators: the queue holds at most QUEUE_BOUND events (about 2 MB); when it is
full the oldest are dropped and counted. A crash loses what is queued: normally under a second of
traffic, at most QUEUE_BOUND events while the database is unreachable.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import hmac
import logging
import secrets
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from bot.signals.models import Event, EventKind, PeriodKey
from bot.store import PreferenceStore

log = logging.getLogger(__name__)
EVENTS = cast(Table, Event.__table__)  # type: ignore[attr-defined]
PERIOD_KEYS = cast(Table, PeriodKey.__table__)  # type: ignore[attr-defined]
QUEUE_BOUND = 10_000
BATCH = 1_000
FLUSH_SECONDS = 1.0


def today() -> dt.date:
    """The current day in UTC (events keep a day, never a time)."""
    return dt.datetime.now(dt.UTC).date()


@dataclass
class _PeriodKeyCache:
    start: dt.date
    key: bytes
    saved: bool


class SignalRecorder:
    """Queue and batch-write anonymous events."""

    def __init__(self, engine: Engine, preferences: PreferenceStore, period_days: int = 1) -> None:
        self.engine = engine
        self.preferences = preferences
        self.period_days = period_days
        self.queue: deque[dict[str, Any]] = deque()
        self.dropped = 0
        self.written = 0
        self._period: _PeriodKeyCache | None = None
        self._lock = threading.Lock()
        self._task: asyncio.Task[None] | None = None

    # ---------------------------------------------------------------- recording (handler side)
    def period_start(self, day: dt.date) -> dt.date:
        """The first day of the counting period `day` falls in."""
        return dt.date.fromordinal(day.toordinal() - (day.toordinal() - 1) % self.period_days)

    def _key(self, day: dt.date) -> bytes:
        start = self.period_start(day)
        period = self._period
        if period is None or period.start != start:
            period = self._load_or_create_key(start)
            self._period = period
        return period.key

    def pseudonym(self, user_id: int, day: dt.date) -> str:
        """Counts one user once per period; unlinkable across periods once the key is gone."""
        return hmac.new(self._key(day), str(user_id).encode(), hashlib.sha256).hexdigest()[:32]

    def record(self, kind: EventKind, user_id: int, language: str, **fields: str | None) -> None:
        """Queue one event (never raises, never waits). Opted-out users are not recorded at all."""
        try:
            preference = self.preferences.get(user_id)
            if preference is not None and preference.optout:
                return
            day = today()
            event = {
                "day": day,
                "kind": str(kind),
                "language": language,
                "pseudonym": self.pseudonym(user_id, day),
                "audience": preference.audience if preference else None,
                "area": preference.area if preference else None,
                "entry_kind": None,
                "entry_id": None,
                "campaign": None,
                "value": None,
            }
            event.update({k: v for k, v in fields.items() if k in event})
            with self._lock:
                if len(self.queue) >= QUEUE_BOUND:
                    self.queue.popleft()
                    self.dropped += 1
                self.queue.append(event)
        except Exception:
            log.exception("could not queue a signal")

    # ---------------------------------------------------------------- writing (background side)
    def _load_or_create_key(self, start: dt.date) -> _PeriodKeyCache:
        """The period's key from the database (created if absent); older keys are destroyed."""
        try:
            with self.engine.begin() as connection:
                connection.execute(delete(PERIOD_KEYS).where(PERIOD_KEYS.c.period_start < start))
                found = connection.execute(
                    select(PERIOD_KEYS.c.key).where(PERIOD_KEYS.c.period_start == start)
                ).scalar()
                if found is None:
                    found = secrets.token_hex(32)
                    connection.execute(insert(PERIOD_KEYS).values(period_start=start, key=found))
            return _PeriodKeyCache(start, bytes.fromhex(found), saved=True)
        except IntegrityError:  # another worker created it at the same moment: use theirs
            return self._load_or_create_key(start)
        except SQLAlchemyError as exc:
            # The database is down: count with a key of our own for now and store it later.
            log.warning("period key unavailable (%s); using a temporary one", type(exc).__name__)
            return _PeriodKeyCache(start, secrets.token_bytes(32), saved=False)

    def _save_pending_key(self) -> None:
        period = self._period
        if period is None or period.saved:
            return
        with self.engine.begin() as connection:
            found = connection.execute(
                select(PERIOD_KEYS.c.key).where(PERIOD_KEYS.c.period_start == period.start)
            ).scalar()
            if found is None:
                connection.execute(insert(PERIOD_KEYS).values(period_start=period.start, key=period.key.hex()))
        period.saved = True

    def flush(self, limit: int | None = None) -> int:
        """Write queued events in batches; on a database error keep them queued. Returns rows written."""
        written = 0
        while self.queue and (limit is None or written < limit):
            with self._lock:
                batch = [self.queue.popleft() for _ in range(min(BATCH, len(self.queue)))]
            try:
                self._save_pending_key()
                with self.engine.begin() as connection:
                    connection.execute(insert(EVENTS), batch)
            except SQLAlchemyError as exc:
                with self._lock:
                    self.queue.extendleft(reversed(batch))
                    while len(self.queue) > QUEUE_BOUND:
                        self.queue.popleft()
                        self.dropped += 1
                log.warning("signals wait in memory (%d queued): %s", len(self.queue), type(exc).__name__)
                break
            written += len(batch)
        self.written += written
        return written

    async def run(self) -> None:
        """Flush every second until cancelled; then flush what is left."""
        try:
            while True:
                await asyncio.sleep(FLUSH_SECONDS)
                if self.queue:
                    await asyncio.to_thread(self.flush)
        finally:
            await asyncio.to_thread(self.flush)

    def start(self) -> None:
        """Start the background writer on the running event loop."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self.run())

    async def stop(self) -> None:
        """Stop the writer after a last flush (a clean shutdown loses nothing)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        else:
            await asyncio.to_thread(self.flush)

    def forget_current_period(self, user_id: int) -> int:
        """Delete this user's events of the current period (the only ones that can be found)."""
        day = today()
        pseudonym = self.pseudonym(user_id, day)
        with self._lock:
            kept = deque(e for e in self.queue if e["pseudonym"] != pseudonym)
            removed = len(self.queue) - len(kept)
            self.queue = kept
        start = self.period_start(day)
        with self.engine.begin() as connection:
            result = connection.execute(
                delete(EVENTS).where(EVENTS.c.pseudonym == pseudonym).where(EVENTS.c.day >= start)
            )
        return removed + (result.rowcount or 0)
