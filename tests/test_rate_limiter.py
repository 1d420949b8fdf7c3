"""Telegram's limits and a flaky line: RetryAfter is waited out, network errors retried with back-off."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from telegram.error import NetworkError, RetryAfter, TimedOut

from bot import app
from bot.app import RetryingRateLimiter


class Flaky:
    """A Bot API call that fails `failures` times with `error`, then succeeds."""

    def __init__(self, failures: int, error: Exception) -> None:
        self.failures = failures
        self.error = error
        self.calls = 0

    async def __call__(self, *_args: Any, **_kwargs: Any) -> dict[str, Any]:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return {"ok": True}


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(app.asyncio, "sleep", fake_sleep)
    return slept


@pytest.mark.parametrize("error", [NetworkError("reset"), TimedOut()], ids=["network", "timeout"])
async def test_network_errors_are_retried_with_back_off(error: Exception, no_sleep: list[float]) -> None:
    limiter = RetryingRateLimiter()
    await limiter.initialize()
    call = Flaky(2, error)
    result = await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": 1}, None)
    assert result == {"ok": True}
    assert call.calls == 3
    assert no_sleep == [0.5, 1.0]


async def test_a_line_that_stays_down_gives_up_with_the_error() -> None:
    limiter = RetryingRateLimiter()
    await limiter.initialize()
    call = Flaky(99, NetworkError("down"))
    with pytest.raises(NetworkError):
        await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": 1}, None)
    assert call.calls == app.NETWORK_RETRIES + 1


async def test_retry_after_is_waited_out() -> None:
    limiter = RetryingRateLimiter(max_retries=2)
    await limiter.initialize()
    call = Flaky(1, RetryAfter(dt.timedelta(seconds=3)))
    assert await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": 1}, None) == {"ok": True}
    assert call.calls == 2
