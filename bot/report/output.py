"""Files written beside the page: one CSV per table and summary.json.

CSV files are UTF-8 with a byte-order mark, the only way Excel on Windows opens Vietnamese text
correctly without an import wizard. Text cells that start like a formula (=, +, -, @) get a leading
apostrophe: a question typed by a student must never run as a formula on a planner's computer.
summary.json holds the headline numbers for the bot's /stats command.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from bot.report.model import Cell, Report, Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(cell: Cell) -> str:
    text = cell.csv
    if cell.value is None and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def table_csv(table: Table) -> str:
    """The table as CSV text (every row, totals last)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in (*table.rows, *table.totals):
        writer.writerow([_csv_text(c) for c in row])
    return buffer.getvalue()


def write_csv(table: Table, folder: Path) -> Path:
    """Write `<name>.csv` (UTF-8 with BOM)."""
    path = folder / f"{table.name}.csv"
    path.write_text(table_csv(table), encoding="utf-8-sig", newline="")
    return path


def summary(report: Report, start: str, end: str, days: int, files: list[str]) -> dict[str, object]:
    """Headline numbers: value is null when suppressed; text is what the page shows."""
    return {
        "schema": 1,
        "title": report.title,
        "period": {"from": start, "to": end, "days": days, "text": report.period},
        "campaign": report.campaign,
        "generated": report.generated,
        "min_count": report.k,
        "headline": {
            h.key: {
                "label": h.label,
                "value": h.cell.value,
                "text": h.cell.text,
                "suppressed": h.cell.suppressed,
            }
            for h in report.headlines
        },
        **report.facts,
        "files": {"html": "report.html", "csv": files},
    }


def write_summary(data: dict[str, object], folder: Path) -> Path:
    """Write summary.json (UTF-8, readable)."""
    path = folder / "summary.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
