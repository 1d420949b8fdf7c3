"""Updates per second through Application.process_update, beside PTB's own ceiling, in one run.

10,000 realistic updates (free-text questions from the dev set, menu and card buttons, /start with
deep links) go through the real Application built by build_application; the Bot API calls are
answered locally by a recording request object, so only the bot's own work is timed. The same updates
then go through an Application whose only handler replies "ok": the practical ceiling of
python-telegram-bot on this machine. Per-update handling time (p50/p99) and peak memory are printed.

Run: `python bench/bench_bot.py [--updates N]`.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, MessageHandler, filters

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import build_application  # noqa: E402
from bot.services import FloodGuard  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from knowledge.engine import Engine  # noqa: E402
from tests.recording import RecordingRequest, message_update, user  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev-questions.yaml"
BUTTONS = [
    "menu",
    "menu:occupations",
    "sector:y-te",
    "occupation:han",
    "school:cd-thai-nguyen",
    "faq:lien-thong",
    "menu:schools:2",
]


def workload(count: int, seed: int = 3) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    questions = (
        [q["q"] for q in yaml.safe_load(DEV.read_text(encoding="utf-8"))] if DEV.exists() else ["hàn", "học phí"]
    )
    updates = []
    for number in range(1, count + 1):
        sender = user(10_000 + rng.randrange(2000))
        roll = rng.random()
        if roll < 0.6:
            updates.append(message_update(number, sender=sender, text=rng.choice(questions)))
        elif roll < 0.95:
            shown = {
                "message_id": number,
                "date": 0,
                "chat": {"id": sender["id"], "type": "private"},
                "text": "…",
            }
            press = {
                "id": str(number),
                "from": sender,
                "chat_instance": "x",
                "data": rng.choice(BUTTONS),
                "message": shown,
            }
            updates.append({"update_id": number, "callback_query": press})
        else:
            entities = [{"type": "bot_command", "offset": 0, "length": 6}]
            updates.append(message_update(number, sender=sender, text="/start o_dieu-duong", entities=entities))
    return updates


async def measure(
    application: Application[Any, Any, Any, Any, Any, Any], updates: list[dict[str, Any]]
) -> tuple[float, list[float]]:
    parsed = [Update.de_json(u, application.bot) for u in updates]
    latencies = []
    async with application:
        start = time.perf_counter()
        for update in parsed:
            begin = time.perf_counter()
            await application.process_update(update)
            latencies.append(time.perf_counter() - begin)
        total = time.perf_counter() - start
    return total, latencies


def ok_application() -> Application[Any, Any, Any, Any, Any, Any]:
    request = RecordingRequest()
    application = ApplicationBuilder().token("123456:TEST-TOKEN").request(request).updater(None).build()

    async def reply_ok(update: Update, _context: Any) -> None:
        if update.effective_chat is not None:
            await application.bot.send_message(update.effective_chat.id, "ok")

    application.add_handler(MessageHandler(filters.ALL, reply_ok))
    from telegram.ext import CallbackQueryHandler

    application.add_handler(CallbackQueryHandler(reply_ok))
    return application


def unique(updates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The workload with every question made distinct (a suffix number), so no answer repeats."""
    out = []
    for number, update in enumerate(updates):
        if "message" in update and not update["message"]["text"].startswith("/"):
            update = {
                **update,
                "message": {**update["message"], "text": f"{update['message']['text']} {number}"},
            }
        out.append(update)
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(label: str, total: float, latencies: list[float]) -> float:
    rate = len(latencies) / total
    print(
        f"{label:<38} {rate:8,.0f} updates/s   p50 {percentile(latencies, 0.5) * 1000:6.3f} ms"
        f"   p99 {percentile(latencies, 0.99) * 1000:6.3f} ms"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=10_000)
    args = parser.parse_args()
    updates = workload(args.updates)
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(
            telegram_bot_token="123456:TEST-TOKEN",
            database_url=f"sqlite:///{folder}/bench.db",
            pseudonym_key="bench-key-0123456789",
        )
        # The flood guard is off here: 10,000 updates from 2,000 users would trip it by design.
        # Telegram's own limits (the rate limiter) are off too: they cap sending at ~30 messages/s by
        # design, and this measures how much the bot itself can handle.
        careerbot = build_application(
            settings,
            request=RecordingRequest(),
            updater=False,
            flood=FloodGuard(limit=10**9),
            rate_limiter=False,
        )
        print(f"{len(updates):,} updates (60% questions, 35% buttons, 5% deep links), one process, sequential\n")
        ceiling = report("python-telegram-bot, handler replies ok", *asyncio.run(measure(ok_application(), updates)))
        ours = report("careerbot, full pipeline", *asyncio.run(measure(careerbot, updates)))
        # The same pipeline with the answer cache off: every question is ranked from scratch.
        uncached = build_application(
            settings,
            request=RecordingRequest(),
            updater=False,
            flood=FloodGuard(limit=10**9),
            rate_limiter=False,
        )
        holder = uncached.bot_data.knowledge
        holder.engine = Engine(holder.engine.kb, cache_size=0)
        from handlers.render import _render

        _render.cache_clear()
        cold = report("careerbot, answer cache off", *asyncio.run(measure(uncached, unique(updates))))
    print(f"\ncareerbot reaches {ours / ceiling:.0%} of the ceiling ({cold / ceiling:.0%} with every question new)")
    print(f"peak resident memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
