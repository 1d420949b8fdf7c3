"""Charts as PNG bytes (matplotlib, Agg backend: no display needed, same output everywhere).

Made to be printed in black and white and photocopied: bars are told apart by hatching and lines
by markers and dash styles, never by colour alone; labels are Vietnamese with diacritics in
DejaVu Sans (shipped with matplotlib, and it has every Vietnamese glyph). A suppressed value is an
empty stub labelled "<10" or "ẩn": its height would give it away.
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter
from matplotlib.typing import LineStyleType, RcKeyType

from bot.report.model import Bars, Chart, Lines
from knowledge.formatting import number

LOCALE = "vi_VN"
DPI = 110
REFERENCE_STYLES: tuple[LineStyleType, ...] = ("--", ":", "-.")  # target lines told apart by dashes
STYLE: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": "black",
    "axes.labelcolor": "black",
    "xtick.color": "black",
    "ytick.color": "black",
    "hatch.linewidth": 0.8,
    "svg.fonttype": "none",
}


def render(chart: Chart) -> bytes:
    """The chart as a PNG image."""
    with plt.rc_context(STYLE):
        figure = _bars(chart) if isinstance(chart, Bars) else _lines(chart)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
        plt.close(figure)
    return buffer.getvalue()


def _wrap(text: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _axis_number(value: float, _position: object) -> str:
    return number(round(value), LOCALE) if value == round(value) else number(round(value, 1), LOCALE)


def _bars(chart: Bars) -> Any:
    n = max(len(chart.labels), 1)
    figure, axes = plt.subplots(figsize=(7.2, 0.9 + 0.36 * n))
    axes.set_title(_wrap(chart.title, 80), loc="left", fontsize=10, fontweight="bold")
    if not chart.labels:
        axes.text(0.5, 0.5, "Không có số liệu trong kỳ", ha="center", va="center", transform=axes.transAxes)
        axes.set_axis_off()
        return figure
    positions = list(range(len(chart.labels)))[::-1]  # first label on top
    heights = [v if v is not None else 0.0 for v in chart.values]
    top = max([*heights, *(r for r, _ in chart.references), chart.band[1] if chart.band else 0.0, 1.0])
    for position, height, index in zip(positions, heights, range(len(heights)), strict=True):
        hatch = chart.hatches[index] if index < len(chart.hatches) else ""
        axes.barh(position, height, height=0.62, color="white", edgecolor="black", hatch=hatch, linewidth=0.9)
        suppressed = chart.values[index] is None
        axes.text(
            height + top * 0.01,
            position,
            chart.texts[index],
            va="center",
            ha="left",
            fontsize=8,
            style="italic" if suppressed else "normal",
        )
    handles: list[Any] = [Patch(facecolor="white", edgecolor="black", hatch=h, label=t) for h, t in chart.legend]
    if chart.band is not None:
        low, high, text = chart.band
        axes.axvspan(low, high, facecolor="none", edgecolor="black", hatch="..", linewidth=0.6, zorder=0)
        handles.append(Patch(facecolor="white", edgecolor="black", hatch="..", label=text))
    for style, (value, text) in zip(REFERENCE_STYLES, chart.references, strict=False):
        axes.axvline(value, color="black", linestyle=style, linewidth=1.4)
        handles.append(Line2D([0], [0], color="black", linestyle=style, linewidth=1.4, label=text))
    axes.set_yticks(positions, [_wrap(name) for name in chart.labels])
    axes.set_xlim(0, top * 1.22)
    axes.set_ylim(-0.6, len(positions) - 0.4)
    axes.set_xlabel(chart.axis)
    if chart.percent:
        axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{_axis_number(v, _p)}%"))
    else:
        axes.xaxis.set_major_formatter(FuncFormatter(_axis_number))
    axes.spines[["top", "right"]].set_visible(False)
    if handles:  # below the plot, so it never hides a bar
        axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.5 / n - 0.12), fontsize=8, frameon=False)
    return figure


def _lines(chart: Lines) -> Any:
    figure, axes = plt.subplots(figsize=(7.2, 3.2))
    axes.set_title(chart.title, loc="left", fontsize=10, fontweight="bold")
    x = list(range(len(chart.labels)))
    for series in chart.series:
        ys = [v if v is not None else float("nan") for v in series.values]
        axes.plot(x, ys, color="black", marker=series.marker, linestyle=series.style, markersize=4, label=series.name)
    step = max(1, len(x) // 14)
    axes.set_xticks(x[::step], chart.labels[::step])
    axes.set_ylabel(chart.axis)
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_formatter(FuncFormatter(_axis_number))
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", color="black", linewidth=0.3, linestyle=":")
    axes.legend(loc="upper left", bbox_to_anchor=(0, -0.16), ncols=len(chart.series), fontsize=8, frameon=False)
    if chart.note:
        axes.text(1.0, -0.22, chart.note, transform=axes.transAxes, ha="right", va="top", fontsize=7)
    return figure
