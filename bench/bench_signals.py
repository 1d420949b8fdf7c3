"""Signal store at province scale: ingest and the planners' report on SQLite and PostgreSQL.

One school year of synthetic traffic for the whole province: 1,000,000 events from September to May,
200 campaigns (schools and classes), kinds, occupations (from careers.yaml), audiences, areas (the
former districts), languages and survey answers in realistic proportions, fewer users at weekends
and over Tết. Events are grouped in user-days, as the bot records them: one pseudonym per user and
day, the self-declared audience and area repeated on each event of the day.

Measured, for each database:
- ingest through SignalRecorder.flush (batched: one INSERT of up to 1,000 rows per transaction),
  the way the bot writes; generating the events is not timed;
- a naive baseline beside it: one INSERT and one commit per event, timed on a sample (2,000 events
  by default) written to a separate empty database and extrapolated to events/s — a sample, said so
  in the table;
- `careerbot report` over the whole year, run as a subprocess like an operator would; its wall time
  and its own peak resident memory (ru_maxrss of that child, read with os.wait4, the per-child form
  of getrusage(RUSAGE_CHILDREN), so the two reports are measured apart).
The report's user-days are checked against the number of user-days generated.

Targets (issue 4, §7): ingest ≥ 5,000 events/s, report ≤ 10 s, report RSS ≤ 300 MB.

Run: `python bench/bench_signals.py [--events N] [--postgres URL | --no-postgres]`.
PostgreSQL defaults to the test server (postgresql+psycopg://postgres@127.0.0.1:5432/test); the bench
works in its own schemas there and drops them afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from bot.signals.migrate import upgrade  # noqa: E402
from bot.signals.models import Event  # noqa: E402
from bot.signals.recorder import QUEUE_BOUND, SignalRecorder  # noqa: E402
from bot.store import PreferenceStore, make_engine  # noqa: E402
from knowledge.loader import load_knowledge  # noqa: E402
from knowledge.survey import AREAS, STREAMS_AFTER  # noqa: E402

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
START, END = dt.date(2025, 9, 5), dt.date(2026, 5, 31)
TET = (dt.date(2026, 2, 10), dt.date(2026, 2, 24))
AUDIENCES = {"grade9": 34, "grade12": 24, "parent": 15, "counselor": 3, None: 24}
# Rough weights: the former districts' share of the province's pupils; a third choose no area.
AREA_WEIGHTS = {
    "tp-thai-nguyen": 22,
    "pho-yen": 12,
    "song-cong": 6,
    "dai-tu": 11,
    "phu-binh": 9,
    "dong-hy": 7,
    "phu-luong": 7,
    "dinh-hoa": 6,
    "vo-nhai": 5,
    "tp-bac-kan": 3,
    "ba-be": 2,
    "pac-nam": 1,
    "ngan-son": 1,
    "cho-don": 2,
    "cho-moi": 2,
    "na-ri": 2,
    "bach-thong": 1,
    "khac": 1,
}
KINDS = {
    "card_opened": 36,
    "question_answered": 30,
    "question_unanswered": 9,
    "quiz_result": 5,
    "survey_answer": 4,
    "feedback": 6,
}
ENTRY_KINDS = {"occupation": 70, "school": 15, "policy": 10, "faq": 5}
STREAM_WEIGHTS = {
    "thcs": {
        "hoc-thpt": 62,
        "trung-hoc-nghe": 6,
        "trung-cap-so-cap": 12,
        "gdtx-nghe": 8,
        "di-lam": 3,
        "chua-quyet-dinh": 9,
    },
    "thpt": {"cao-dang": 22, "dai-hoc": 48, "trung-cap-so-cap": 8, "di-lam": 10, "chua-quyet-dinh": 12},
}
QUESTIONS = [
    "học phí trường y tế bao nhiêu",
    "làm sao đăng ký xét tuyển trung cấp online",
    "có được miễn học phí không nếu nhà em nghèo",
    "học nghề xong có đi xuất khẩu lao động được không",
    "học song ngành là gì",
    "trường nào dạy lái máy xúc",
    "ngành logistics ra trường lương bao nhiêu",
    "em học kém toán thì học nghề gì",
    "có ký túc xá cho nữ không",
    "học trung cấp có được đi nghĩa vụ quân sự muộn không",
    "con tôi bị khuyết tật có học nghề được không",
    "học nghề nail ở đâu uy tín",
    "bao giờ có điểm chuẩn lớp 10",
    "học bổng cho học sinh dân tộc",
    "trường cao đẳng có xe đưa đón không",
]


@dataclass
class Workload:
    """How the synthetic year was made (to check the report against)."""

    events: int = 0
    user_days: int = 0


def weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def campaign_tags(count: int, rng: random.Random) -> list[str]:
    schools = [
        "TanCuong", "QuyetThang", "PhoYen", "DaiTu", "PhuBinh", "DongHy", "PhuLuong", "DinhHoa", "VoNhai",
        "SongCong", "BaBe", "ChoDon", "ChoMoi", "NaRi", "BachThong", "NganSon", "PacNam", "GiaSang", "TichLuong",
    ]  # fmt: skip
    tags: set[str] = set()
    while len(tags) < count:
        level = rng.choice(["THCS", "THPT"])
        grade = rng.choice(["9", "9", "12"]) if level == "THCS" else "12"
        tags.add(f"{level}-{rng.choice(schools)}-{grade}{rng.choice('ABCDEFGH')}")
    return sorted(tags)


def day_weights() -> tuple[list[dt.date], list[float]]:
    days, weights = [], []
    day = START
    while day <= END:
        weight = 0.45 if day.weekday() >= 5 else 1.0
        if TET[0] <= day <= TET[1]:
            weight *= 0.3
        if day.month in (3, 4, 5):  # enrolment season: more questions
            weight *= 1.4
        days.append(day)
        weights.append(weight)
        day += dt.timedelta(days=1)
    return days, weights


def generate(total: int, campaigns: int, seed: int, workload: Workload) -> Iterator[list[dict[str, Any]]]:
    """Events in chunks of at most QUEUE_BOUND (the recorder's queue bound), whole user-days each."""
    rng = random.Random(seed)
    knowledge = load_knowledge(ROOT / "careers.yaml").knowledge
    occupations = [o.id for o in knowledge.occupations]
    occupation_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(occupations))]
    rng.shuffle(occupations)
    others = {
        "school": [s.id for s in knowledge.schools],
        "policy": [p.id for p in knowledge.policies],
        "faq": [f.id for f in knowledge.faqs],
    }
    tags = campaign_tags(campaigns, rng)
    tag_weights = [1 / (rank + 1) ** 0.6 for rank in range(len(tags))]
    question_weights = [1 / (rank + 1) for rank in range(len(QUESTIONS))]
    days, weights = day_weights()
    assert set(AREA_WEIGHTS) <= set(AREAS)  # noqa: S101
    chunk: list[dict[str, Any]] = []
    while workload.events < total:
        day = rng.choices(days, weights=weights)[0]
        audience = weighted(rng, AUDIENCES)
        area = weighted(rng, AREA_WEIGHTS) if rng.random() < 0.67 else None
        session = {
            "day": day,
            "pseudonym": f"{rng.getrandbits(128):032x}",
            "language": "en" if rng.random() < 0.03 else "vi",
            "audience": audience,
            "area": area,
        }
        events = []
        campaign = rng.choices(tags, weights=tag_weights)[0] if rng.random() < 0.15 else None
        if campaign:
            events.append({"kind": "campaign_opened", "campaign": campaign})
            occupation = rng.choices(occupations, weights=occupation_weights)[0]
            events.append(
                {"kind": "card_opened", "entry_kind": "occupation", "entry_id": occupation, "campaign": campaign}
            )
        for _ in range(max(1, min(40, int(rng.expovariate(1 / 4.5)) + 1))):
            kind = weighted(rng, KINDS)
            event: dict[str, Any] = {"kind": kind}
            if kind in ("card_opened", "question_answered", "feedback"):
                entry_kind = weighted(rng, ENTRY_KINDS)
                pool = occupations if entry_kind == "occupation" else others[entry_kind]
                weights_ = occupation_weights if entry_kind == "occupation" else None
                event.update(entry_kind=entry_kind, entry_id=rng.choices(pool, weights=weights_)[0])
                if kind == "feedback":
                    event["value"] = "up" if rng.random() < 0.8 else "down"
            elif kind == "question_unanswered":
                event["value"] = rng.choices(QUESTIONS, weights=question_weights)[0]
            elif kind == "quiz_result":
                event["value"] = "".join(rng.sample("RIASEC", 3))
            elif kind == "survey_answer":
                level = "thpt" if audience == "grade12" or (audience is None and rng.random() < 0.4) else "thcs"
                stream = weighted(rng, STREAM_WEIGHTS[level])
                assert stream in STREAMS_AFTER[level]  # noqa: S101
                event.update(entry_id=level, value=stream)
            events.append(event)
        events = events[: total - workload.events]
        blank = {"entry_kind": None, "entry_id": None, "campaign": None, "value": None}
        chunk.extend({**blank, **session, **e} for e in events)
        workload.events += len(events)
        workload.user_days += 1
        if len(chunk) >= QUEUE_BOUND - 50:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def fresh_database(kind: str, name: str, folder: Path, postgres: str) -> str:
    """A URL to an empty database: a new SQLite file, or a new PostgreSQL schema."""
    if kind == "sqlite":
        path = folder / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    admin = make_engine(postgres)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    admin.dispose()
    separator = "&" if "?" in postgres else "?"
    return f"{postgres}{separator}options=-csearch_path%3D{name}"


def drop_schema(postgres: str, name: str) -> None:
    admin = make_engine(postgres)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    admin.dispose()


def prepared(url: str) -> Engine:
    engine = make_engine(url)
    upgrade(engine)
    return engine


def ingest(url: str, total: int, campaigns: int, seed: int) -> tuple[float, Workload]:
    """Events/s through SignalRecorder.flush (generation not timed)."""
    engine = prepared(url)
    recorder = SignalRecorder(engine, PreferenceStore(engine, "bench-key-0123456789"))
    workload = Workload()
    spent = 0.0
    for chunk in generate(total, campaigns, seed, workload):
        recorder.queue.extend(chunk)
        began = time.perf_counter()
        written = recorder.flush()
        spent += time.perf_counter() - began
        if written != len(chunk) or recorder.dropped:
            raise SystemExit(f"flush wrote {written} of {len(chunk)} events (dropped {recorder.dropped})")
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE event"))
    engine.dispose()
    return workload.events / spent, workload


def naive(url: str, sample: int, campaigns: int, seed: int) -> float:
    """Events/s with one INSERT and one commit per event, on a sample."""
    engine = prepared(url)
    events = [e for chunk in generate(sample, campaigns, seed + 1, Workload()) for e in chunk]
    began = time.perf_counter()
    for event in events:
        with engine.begin() as connection:
            connection.execute(insert(Event).values(**event))
    spent = time.perf_counter() - began
    engine.dispose()
    return len(events) / spent


def report(url: str, folder: Path) -> tuple[float, float, dict[str, Any]]:
    """Seconds and peak RSS (MB) of `careerbot report` over the whole year, and its summary."""
    out = folder / "report"
    command = [
        sys.executable, "-m", "bot.cli", "report",
        "--from", START.isoformat(), "--to", END.isoformat(), "--out", str(out), "--database", url,
    ]  # fmt: skip
    began = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"report failed ({child.returncode}): {errors}")
    rss_mb = usage.ru_maxrss / 1024  # Linux reports kilobytes
    return seconds, rss_mb, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def reachable(url: str) -> bool:
    try:
        engine = make_engine(url)
        with engine.connect():
            pass
        engine.dispose()
    except Exception:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the synthetic year")
    parser.add_argument("--campaigns", type=int, default=200, help="campaign tags (schools, classes)")
    parser.add_argument("--baseline", type=int, default=2_000, help="sample size of the naive baseline")
    parser.add_argument("--postgres", default=POSTGRES, help="PostgreSQL URL (the bench uses its own schemas)")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()

    kinds = ["sqlite"]
    if not args.no_postgres:
        if reachable(args.postgres):
            kinds.append("postgresql")
        else:
            print(f"PostgreSQL at {args.postgres} is unreachable: SQLite only", file=sys.stderr)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-signals-") as tmp:
        folder = Path(tmp)
        for kind in kinds:
            print(f"{kind}: writing {args.events:,} events …", file=sys.stderr, flush=True)
            url = fresh_database(kind, "bench_signals", folder, args.postgres)
            rate, workload = ingest(url, args.events, args.campaigns, args.seed)
            baseline_url = fresh_database(kind, "bench_signals_naive", folder, args.postgres)
            slow = naive(baseline_url, args.baseline, args.campaigns, args.seed)
            print(f"{kind}: report …", file=sys.stderr, flush=True)
            seconds, rss, summary = report(url, folder / kind)
            reported = summary["headline"]["user_days"]["value"]
            if reported != workload.user_days:
                raise SystemExit(f"{kind}: the report counts {reported} user-days, {workload.user_days} were made")
            results[kind] = {"ingest": rate, "naive": slow, "report": seconds, "rss": rss}
            if kind == "postgresql":
                drop_schema(args.postgres, "bench_signals")
                drop_schema(args.postgres, "bench_signals_naive")

    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    print()
    print(f"{args.events:,} events, {args.campaigns} campaigns, {workload.user_days:,} user-days, {START} to {END}")
    print(f"{'':52}" + "".join(f"{names[k]:>16}" for k in results) + f"{'target':>14}")
    rows = [
        ("ingest, batched (SignalRecorder.flush)", "ingest", "{:,.0f} ev/s", "≥ 5,000 ev/s"),
        (f"ingest, naive (1 commit/event; {args.baseline:,}-event sample)", "naive", "{:,.0f} ev/s", ""),
        ("full report (careerbot report)", "report", "{:.1f} s", "≤ 10 s"),
        ("report peak RSS", "rss", "{:.0f} MB", "≤ 300 MB"),
    ]
    for title, key, fmt, target in rows:
        print(f"{title:52}" + "".join(f"{fmt.format(results[k][key]):>16}" for k in results) + f"{target:>14}")
    for kind, values in results.items():
        if values["naive"] > 0:
            print(f"{names[kind]}: batched is {values['ingest'] / values['naive']:,.0f}× the naive baseline")
    failed = [
        f"{names[k]} {what}"
        for k, v in results.items()
        for what, ok in (("ingest", v["ingest"] >= 5_000), ("report time", v["report"] <= 10), ("RSS", v["rss"] <= 300))
        if not ok
    ]
    print("targets: all met" if not failed else f"targets missed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
