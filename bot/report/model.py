"""What a finished report is made of: sections of protected tables and chart data.

Built once from the query results after suppression, then rendered three ways (HTML page, CSV
files, summary.json). Renderers only ever see these objects, never raw counts: a hidden value
cannot leak through a bar's height or a CSV cell because it is not here to leak.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.report.suppression import Status
from knowledge.formatting import number, percent

LOCALE = "vi_VN"
HIDDEN_TEXT = "ẩn"


@dataclass(frozen=True)
class Cell:
    """One published value: its text on the page, its text in CSV, its number for charts."""

    text: str
    csv: str
    value: float | None = None
    status: Status = Status.SHOWN

    @property
    def suppressed(self) -> bool:
        """True when the value is not published (under k, or hidden to protect one that is)."""
        return self.status is not Status.SHOWN


def label(text: str) -> Cell:
    """A text cell (a name, a week, a question)."""
    return Cell(text, text)


def count(value: int, status: Status, k: int) -> Cell:
    """A count as published: the number, "<k" or "ẩn"."""
    if status is Status.SMALL:
        return Cell(f"<{k}", f"<{k}", None, status)
    if status is Status.HIDDEN:
        return Cell(HIDDEN_TEXT, HIDDEN_TEXT, None, status)
    return Cell(number(value, LOCALE), str(value), float(value))


def share(part: int, whole: int, *statuses: Status, digits: int = 0) -> Cell:
    """part / whole as a percentage; hidden when any count it is computed from is hidden."""
    if whole <= 0 or any(s is not Status.SHOWN for s in statuses):
        return Cell("–", "", None, Status.HIDDEN)
    ratio = part / whole
    return Cell(percent(ratio, LOCALE, digits), f"{100 * ratio:.{digits + 1}f}", 100 * ratio)


def decimal(value: float, status: Status, digits: int = 1) -> Cell:
    """A derived number (an average), hidden with the count it comes from."""
    if status is not Status.SHOWN:
        return Cell("–", "", None, Status.HIDDEN)
    rounded = round(value, digits)
    return Cell(number(rounded, LOCALE, digits), f"{rounded:.{digits}f}", rounded)


@dataclass(frozen=True)
class Table:
    """A published table; `name` is its CSV file name without .csv."""

    name: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    totals: tuple[tuple[Cell, ...], ...] = ()
    note: str = ""
    page_rows: int | None = None  # the HTML page shows the first rows only; the CSV has all

    def column(self, header: str) -> tuple[Cell, ...]:
        """The cells of one column (body rows)."""
        index = self.headers.index(header)
        return tuple(row[index] for row in self.rows)


@dataclass(frozen=True)
class Bars:
    """A bar chart: one bar per label; a value of None is drawn as an empty stub with its text."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    texts: tuple[str, ...]
    axis: str
    hatches: tuple[str, ...] = ()
    legend: tuple[tuple[str, str], ...] = ()  # (hatch, what it means)
    references: tuple[tuple[float, str], ...] = ()  # vertical lines: (value, label), e.g. targets
    band: tuple[float, float, str] | None = None  # a shaded range: (from, to, label)
    percent: bool = False


@dataclass(frozen=True)
class Series:
    """One line of a line chart; None leaves a gap (a suppressed week)."""

    name: str
    values: tuple[float | None, ...]
    marker: str
    style: str


@dataclass(frozen=True)
class Lines:
    """A line chart over weeks."""

    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    axis: str
    note: str = ""


Chart = Bars | Lines


@dataclass(frozen=True)
class Section:
    """One part of the report: a heading, a sentence of context, charts, tables, notes."""

    id: str
    title: str
    intro: str
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Headline:
    """A number the /stats command and the top of the page show."""

    key: str
    label: str
    cell: Cell


@dataclass(frozen=True)
class Report:
    """The whole report, ready to render."""

    title: str
    period: str
    campaign: str | None
    generated: str
    k: int
    headlines: tuple[Headline, ...]
    reading: tuple[str, ...]  # how to read the report, before the sections
    sections: tuple[Section, ...]
    footnotes: tuple[str, ...]
    facts: dict[str, object] = field(default_factory=dict)  # extra machine-readable figures for summary.json
