"""`careerbot report`: read the signal store, write report.html, the CSV files and summary.json.

Everything that can go wrong before the first byte is written (a date that is not a date, a period
that ends before it starts, a database that is missing, unreachable or newer than this code, a
settings file with a typo) becomes a ReportError: one line on stderr and a non-zero exit status.
A progress bar on stderr shows the steps of a long run; it stays silent when stderr is not a
terminal (cron jobs, tests, the bot's own calls).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from tqdm import tqdm  # type: ignore[import-untyped]  # tqdm ships no type hints

from bot.links import TAG
from bot.report import charts, output, page, queries
from bot.report.build import Data, build_report
from bot.report.config import load_report_settings
from bot.report.errors import ReportError
from bot.report.labels import load_labels
from bot.report.model import Chart
from bot.settings import load_settings
from bot.signals.migrate import SchemaError, upgrade
from bot.store import make_engine
from knowledge.loader import load_knowledge
from knowledge.quiz import load_quiz

EXIT_FAILED = 1


def parse_day(text: str, option: str) -> dt.date:
    """A YYYY-MM-DD date, or a ReportError naming the option."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ReportError(f"{option} {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-09-05") from None


def parse_scope(start: str, end: str, campaign: str | None) -> queries.Scope:
    """The period and campaign asked for, checked."""
    first, last = parse_day(start, "--from"), parse_day(end, "--to")
    if first > last:
        raise ReportError(f"--from {first.isoformat()} is after --to {last.isoformat()}; swap them")
    if campaign is not None and not TAG.match(campaign):
        raise ReportError(f"--campaign {campaign!r}: a campaign tag has letters, digits and -, at most 48 characters")
    return queries.Scope(first, last, campaign)


def _reason(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return (text.strip().splitlines() or [type(exc).__name__])[0]


def open_database(url: str) -> Engine:
    """An engine on an existing database, migrated to this code's schema."""
    try:
        engine = make_engine(url)
    except (ArgumentError, NoSuchModuleError, ValueError, ImportError) as exc:  # ImportError: no driver
        raise ReportError(f"cannot use the database URL: {_reason(exc)}") from None
    shown = engine.url.render_as_string(hide_password=True)
    if engine.url.get_backend_name() == "sqlite":
        name = engine.url.database
        if name and name != ":memory:" and not name.startswith("file:") and not Path(name).is_file():
            raise ReportError(f"no database at {name}: run the bot first, or pass --database URL")
    try:
        upgrade(engine)
    except SchemaError as exc:
        raise ReportError(str(exc)) from None
    except SQLAlchemyError as exc:
        raise ReportError(f"cannot reach the database {shown}: {_reason(exc)}") from None
    return engine


def collect(engine: Engine, scope: queries.Scope, top_unanswered: int, step: Callable[[str], None]) -> Data:
    """Run every query (each one aggregated by the database) in one read transaction."""
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "postgresql":  # one snapshot: every table sees the same events
                connection = connection.execution_options(isolation_level="REPEATABLE READ")
            results: dict[str, Any] = {}
            for name, query in (
                ("daily", lambda: queries.daily(connection, scope)),
                ("audience_area", lambda: queries.audience_area(connection, scope)),
                ("occupation_views", lambda: queries.occupation_views(connection, scope)),
                ("holland", lambda: queries.holland_types(connection, scope)),
                ("survey", lambda: queries.survey(connection, scope)),
                ("campaigns", lambda: queries.campaigns(connection, scope)),
                ("unanswered", lambda: queries.unanswered(connection, scope, top_unanswered)),
            ):
                step(f"đọc: {name}")
                results[name] = query()
    except SQLAlchemyError as exc:
        raise ReportError(f"reading the events failed: {_reason(exc)}") from None
    return Data(**results)


def make_report(
    url: str,
    scope: queries.Scope,
    out: Path,
    settings_path: Path | None = None,
    careers: Path | None = None,
    progress: bool | None = None,
) -> Path:
    """Write the report into `out` and return the HTML page's path.

    Raises:
        ReportError: see the module docstring.
        KnowledgeError: careers.yaml cannot be loaded (the CLI prints it as one line).
    """
    settings = load_report_settings(settings_path)
    labels = load_labels(load_knowledge(careers or load_settings().careers_path).knowledge, load_quiz())
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot create the output folder {out}: {exc.strerror or exc}") from None
    engine = open_database(url)
    show = sys.stderr.isatty() if progress is None else progress
    with tqdm(total=11, desc="careerbot report", unit="bước", disable=not show, file=sys.stderr, leave=False) as bar:

        def step(text: str) -> None:
            bar.set_postfix_str(text, refresh=False)
            bar.update()

        try:
            data = collect(engine, scope, settings.top_unanswered, step)
        finally:
            engine.dispose()
        step("bảng")
        report = build_report(data, settings, labels, scope)
        tables = [t for s in report.sections for t in s.tables]
        try:
            files = [output.write_csv(t, out).name for t in tables]
            step("biểu đồ")

            def draw(chart: Chart) -> bytes:
                bar.set_postfix_str(chart.title[:30], refresh=True)
                return charts.render(chart)

            html = page.page(report, draw, files)
            target = out / "report.html"
            target.write_text(html, encoding="utf-8")
            step("trang")
            output.write_summary(
                output.summary(report, scope.start.isoformat(), scope.end.isoformat(), scope.days, files), out
            )
            step("summary.json")
        except OSError as exc:
            raise ReportError(f"cannot write the report into {out}: {exc.strerror or exc}") from None
    return target


def command(args: argparse.Namespace) -> int:
    """The `careerbot report` sub-command (wired in bot/cli.py)."""
    try:
        scope = parse_scope(args.start, args.end, args.campaign)
        url = args.database or load_settings().database_url
        target = make_report(
            url,
            scope,
            Path(args.out),
            Path(args.settings) if args.settings else None,
            Path(args.careers) if args.careers else None,
        )
    except ReportError as exc:
        sys.stderr.write(f"careerbot report: {exc}\n")
        return EXIT_FAILED
    sys.stdout.write(f"{target}\n")
    return 0
