"""What every handler needs, typed: the answer engine (reloadable), preferences, the flood guard.

Shared services travel in one `BotData` object (PTB's bot_data), not as string keys.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from bot.settings import Settings
from bot.signals.recorder import SignalRecorder
from bot.store import PreferenceStore
from knowledge.engine import Engine
from knowledge.loader import KnowledgeError, load_knowledge

log = logging.getLogger(__name__)


class KnowledgeHolder:
    """The current engine; a reload validates the file first and swaps atomically.

    An invalid file keeps the last good engine serving, and the reason is returned for the admins.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = Engine(load_knowledge(path).knowledge)
        self._lock = threading.Lock()

    def reload(self) -> tuple[bool, str]:
        """(True, summary) after a swap, (False, the problems) when the old engine stays."""
        with self._lock:
            try:
                result = load_knowledge(self.path)
            except KnowledgeError as exc:
                lines = [p.render(exc.filename) for p in exc.problems[:10]]
                more = len(exc.problems) - len(lines)
                if more > 0:
                    lines.append(f"… and {more} more")
                log.warning("knowledge reload refused: %d problem(s)", len(exc.problems))
                return False, "\n".join(lines)
            self.engine = Engine(result.knowledge)  # one assignment: readers see old or new, never half
        kb = result.knowledge
        counts = f"{len(kb.occupations)} occupations, {len(kb.schools)} schools, {len(kb.policies)} policies"
        return True, f"{counts}, {len(kb.faqs)} FAQs"


@dataclass
class FloodGuard:
    """At most `limit` messages per `window` seconds per user; then one warning and a pause."""

    limit: int = 20
    window: float = 10.0
    pause: float = 30.0
    _seen: dict[str, deque[float]] = field(default_factory=dict)
    _paused_until: dict[str, float] = field(default_factory=dict)

    def check(self, user_key: str, now: float | None = None) -> str:
        """'ok', 'warn' (the first message over the limit) or 'drop'."""
        now = time.monotonic() if now is None else now
        if self._paused_until.get(user_key, 0.0) > now:
            return "drop"
        times = self._seen.setdefault(user_key, deque())
        times.append(now)
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) > self.limit:
            self._paused_until[user_key] = now + self.pause
            times.clear()
            return "warn"
        if len(self._seen) > 50_000:  # forget idle users so memory stays bounded
            for key in [k for k, v in self._seen.items() if not v or v[-1] <= now - self.window]:
                del self._seen[key]
        return "ok"


class BotData:
    """PTB's bot_data: filled in by build_application before the first update."""

    settings: Settings
    knowledge: KnowledgeHolder
    preferences: PreferenceStore
    signals: SignalRecorder
    flood: FloodGuard
