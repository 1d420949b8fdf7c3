"""The report as one self-contained HTML page.

A planner may open it on a laptop without internet, attach it to an e-mail or print it, so it has
no external CSS, scripts or fonts, and the charts are embedded as base64 PNG. Every string that
comes from data (a campaign tag, a question a student typed, a name from careers.yaml) passes
through `escape` exactly once, here; the markup around it is the only unescaped text.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable
from html import escape

from bot.report.model import Bars, Cell, Chart, Report, Section, Table
from bot.report.suppression import Status

CSS = """
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #000; background: #fff;
       max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #000; padding-bottom: .15rem; margin-top: 2.2rem; }
.period { margin-top: 0; font-size: 1.05rem; }
.headlines { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .6rem; padding: 0; }
.headlines li { list-style: none; border: 1px solid #000; padding: .5rem .7rem; }
.headlines .value { display: block; font-size: 1.45rem; font-weight: bold; }
.reading { border: 1px solid #000; padding: .3rem 1rem; background: #f4f4f4; }
table { border-collapse: collapse; margin: .8rem 0 .3rem; width: 100%; font-size: .9rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th, td { border: 1px solid #666; padding: .2rem .45rem; vertical-align: top; }
th { background: #e8e8e8; text-align: left; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.small, td.hidden { font-style: italic; }
tfoot td { font-weight: bold; border-top: 2px solid #000; }
.note, .more { font-size: .85rem; margin-top: .2rem; }
figure { margin: 1rem 0; page-break-inside: avoid; }
figure img { max-width: 100%; height: auto; }
.contents { list-style: none; padding-left: 0; }
footer { margin-top: 2.5rem; font-size: .85rem; border-top: 1px solid #000; }
@media print { body { max-width: none; font-size: 11pt; } h2 { page-break-after: avoid; }
               table, figure { page-break-inside: avoid; } nav { display: none; } }
"""


def _cell(cell: Cell, numeric: bool) -> str:
    classes = []
    if numeric:
        classes.append("num")
    if cell.status is Status.SMALL:
        classes.append("small")
    elif cell.status is Status.HIDDEN:
        classes.append("hidden")
    attribute = f' class="{" ".join(classes)}"' if classes else ""
    return f"<td{attribute}>{escape(cell.text)}</td>"


def _numeric_columns(table: Table) -> list[bool]:
    rows = [*table.rows, *table.totals]
    return [
        bool(rows) and all(row[i].value is not None or row[i].suppressed or row[i].text in ("", "–") for row in rows)
        for i in range(len(table.headers))
    ]


def table_html(table: Table) -> str:
    """One table: caption, header, body (cut to page_rows), totals, note."""
    numeric = _numeric_columns(table)
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.headers)
    shown = table.rows if table.page_rows is None else table.rows[: table.page_rows]

    def row(cells: Iterable[Cell]) -> str:
        return "<tr>" + "".join(_cell(c, n) for c, n in zip(cells, numeric, strict=True)) + "</tr>"

    body = "".join(row(r) for r in shown) or (
        f'<tr><td colspan="{len(table.headers)}">Không có số liệu trong kỳ báo cáo.</td></tr>'
    )
    foot = f"<tfoot>{''.join(row(r) for r in table.totals)}</tfoot>" if table.totals else ""
    more = ""
    if len(shown) < len(table.rows):
        more = (
            f'<p class="more">… và {len(table.rows) - len(shown)} dòng nữa trong tệp '
            f"<code>{escape(table.name)}.csv</code>.</p>"
        )
    note = f'<p class="note">{escape(table.note)}</p>' if table.note else ""
    return (
        f'<table id="{escape(table.name)}"><caption>{escape(table.title)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>{more}{note}"
    )


def _alt(chart: Chart) -> str:
    if isinstance(chart, Bars):
        pairs = [f"{name}: {text}" for name, text in zip(chart.labels, chart.texts, strict=True)][:12]
        return f"Biểu đồ “{chart.title}”. " + "; ".join(pairs)
    return f"Biểu đồ “{chart.title}”."


def figure_html(chart: Chart, png: bytes) -> str:
    """A chart embedded as a data: URL, with alt text that repeats its values."""
    data = base64.b64encode(png).decode("ascii")
    return f'<figure><img src="data:image/png;base64,{data}" alt="{escape(_alt(chart))}"></figure>'


def section_html(section: Section, draw: Callable[[Chart], bytes]) -> str:
    """A section: heading, intro, charts, tables, notes."""
    parts = [f'<section id="{escape(section.id)}"><h2>{escape(section.title)}</h2><p>{escape(section.intro)}</p>']
    parts += [figure_html(chart, draw(chart)) for chart in section.charts]
    parts += [table_html(table) for table in section.tables]
    parts += [f'<p class="note">{escape(note)}</p>' for note in section.notes]
    parts.append("</section>")
    return "".join(parts)


def page(report: Report, draw: Callable[[Chart], bytes], files: Iterable[str]) -> str:
    """The whole page; `draw` renders a chart to PNG, `files` are the CSV names written beside it."""
    headlines = "".join(
        f'<li><span class="value">{escape(h.cell.text)}</span>{escape(h.label)}</li>' for h in report.headlines
    )
    reading = "".join(f"<li>{escape(line)}</li>" for line in report.reading)
    contents = "".join(f'<li><a href="#{escape(s.id)}">{escape(s.title)}</a></li>' for s in report.sections)
    sections = "".join(section_html(s, draw) for s in report.sections)
    footnotes = "".join(f"<li>{escape(note)}</li>" for note in report.footnotes)
    campaign = f"<p>Chiến dịch: <strong>{escape(report.campaign)}</strong></p>" if report.campaign else ""
    listing = ", ".join(f"<code>{escape(name)}</code>" for name in files)
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(report.title)} – {escape(report.period)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header><h1>{escape(report.title)}</h1><p class="period">{escape(report.period)}</p>{campaign}</header>\n'
        f'<section id="tom-tat"><h2>Tóm tắt</h2><ul class="headlines">{headlines}</ul></section>\n'
        f'<section class="reading" id="cach-doc"><h2>Cách đọc báo cáo</h2><ul>{reading}</ul></section>\n'
        f'<nav><h2>Nội dung</h2><ul class="contents">{contents}</ul></nav>\n{sections}\n'
        f'<section id="ghi-chu"><h2>Ghi chú và nguồn</h2><ol>{footnotes}</ol></section>\n'
        f"<footer><p>Lập ngày {escape(report.generated)} bằng <code>careerbot report</code>. "
        f"Bảng số liệu đầy đủ (CSV, mở bằng Excel): {listing}, và <code>summary.json</code>.</p></footer>\n"
        "</body>\n</html>\n"
    )
