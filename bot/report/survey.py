"""The streaming survey set against the province's targets and its last published figure.

Every share the report prints is a published count in disguise (share × answers), so the shares
are modelled as sums in one system of equations before suppression: answers per stream add up to
the level's total; the streams a target counts add up to its subtotal; a target over both levels
adds up their subtotals and totals. A small subtotal then cannot be recovered from the table of
streams, nor a stream from a share.

A chat survey is not a census: whoever chooses to answer answers, and the same student on two days
counts twice. The report says so beside every figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.report.config import ReportSettings, Target
from bot.report.labels import LEVEL_NAMES, Labels, lower_first, streams_after
from bot.report.model import Bars, Cell, Section, Table, count, label, share
from bot.report.sections import TOTAL
from bot.report.suppression import Line, Status, protect
from knowledge.formatting import percent

LEVELS = ("thcs", "thpt")
LOCALE = "vi_VN"
NOT_CENSUS = (
    "Khảo sát trong bot không phải điều tra toàn bộ: chỉ những ai muốn trả lời mới trả lời (tự chọn), "
    "phụ huynh có thể trả lời thay con, và một em trả lời vào hai ngày khác nhau được đếm hai lần. "
    "Tỷ lệ ở đây cho biết xu hướng của những người đã trả lời, không phải tỷ lệ học sinh toàn tỉnh."
)


@dataclass
class _System:
    """Cells and sums of one group of answers (all areas, or disadvantaged areas only)."""

    values: list[int]
    lines: list[Line]
    stream_cell: dict[tuple[str, str], int]
    level_total: dict[str, int]
    subtotal: dict[tuple[str, str], int]  # (target id, level) → cell
    target_part: dict[str, int]  # target id → cell (the counted answers, over its levels)
    target_whole: dict[str, int]  # target id → cell (all answers, over its levels)
    unpublished: set[int]  # cells only used inside a sum, never printed
    keep: set[int]  # the shares of the plan's own targets (one level each): hidden last

    def add(self, value: int, published: bool = True) -> int:
        self.values.append(value)
        if not published:
            self.unpublished.add(len(self.values) - 1)
        return len(self.values) - 1


def _system(
    counts: dict[tuple[str, str], int], streams: dict[str, list[str]], targets: Sequence[Target], detail: bool
) -> _System:
    """The answers and the sums the report prints; without `detail` only the targets' shares are printed."""
    system = _System([], [], {}, {}, {}, {}, {}, set(), set())
    for level in LEVELS:
        cells = [system.add(counts.get((level, s), 0), detail) for s in streams[level]]
        system.stream_cell.update({(level, s): c for s, c in zip(streams[level], cells, strict=True)})
        system.level_total[level] = system.add(sum(system.values[c] for c in cells), detail)
        system.lines.append(Line(tuple(cells), system.level_total[level]))
    for target in targets:
        parts, wholes = [], []
        single = len(target.streams) == 1
        for level, counted in target.streams.items():
            members = tuple(system.stream_cell[(level, s)] for s in counted if (level, s) in system.stream_cell)
            cell = system.add(sum(system.values[m] for m in members), published=single)
            system.lines.append(Line(members, cell))
            system.subtotal[(target.id, level)] = cell
            parts.append(cell)
            wholes.append(system.level_total[level])
        if single:
            system.target_part[target.id], system.target_whole[target.id] = parts[0], wholes[0]
            system.unpublished.discard(wholes[0])
            system.keep.update((parts[0], wholes[0]))
        else:
            part = system.add(sum(system.values[p] for p in parts))
            whole = system.add(sum(system.values[w] for w in wholes))
            system.lines += [Line(tuple(parts), part), Line(tuple(wholes), whole)]
            system.target_part[target.id], system.target_whole[target.id] = part, whole
    return system


@dataclass(frozen=True)
class TargetResult:
    """A target and what the survey shows for it (after suppression)."""

    target: Target
    answers: Cell
    share: Cell
    disadvantaged_share: Cell | None  # None when report.yaml lists no disadvantaged areas


def survey_section(
    counts: dict[tuple[str, str, str | None], int], settings: ReportSettings, labels: Labels
) -> tuple[Section, tuple[TargetResult, ...]]:
    """Answers after THCS and after THPT, the targets, and the last published figure."""
    k = settings.min_count
    streams = {level: list(streams_after(level)) for level in LEVELS}
    for level, stream, _area in counts:
        if level in streams and stream not in streams[level]:
            streams[level].append(stream)  # an answer the survey no longer offers: still counted
    everywhere: dict[tuple[str, str], int] = {}
    disadvantaged: dict[tuple[str, str], int] = {}
    for (level, stream, area), n in counts.items():
        everywhere[(level, stream)] = everywhere.get((level, stream), 0) + n
        if area in settings.disadvantaged_areas:
            disadvantaged[(level, stream)] = disadvantaged.get((level, stream), 0) + n
    system = _system(everywhere, streams, settings.targets, detail=True)
    status = protect(system.values, system.lines, k, system.unpublished, system.keep)
    hard = _system(disadvantaged, streams, settings.targets, detail=False) if settings.disadvantaged_areas else None
    hard_status = protect(hard.values, hard.lines, k, hard.unpublished, hard.keep) if hard else ()

    def cell(s: _System, st: Sequence[Status], index: int) -> Cell:
        return count(s.values[index], st[index], k)

    def ratio(s: _System, st: Sequence[Status], part: int, whole: int) -> Cell:
        return share(s.values[part], s.values[whole], st[part], st[whole])

    tables = []
    charts = []
    for level in LEVELS:
        counted = {s for t in settings.targets for lv, chosen in t.streams.items() if lv == level for s in chosen}
        total = system.level_total[level]
        rows = tuple(
            (
                label(labels.stream(s)),
                cell(system, status, system.stream_cell[(level, s)]),
                ratio(system, status, system.stream_cell[(level, s)], total),
                label("có" if s in counted else ""),
            )
            for s in streams[level]
        )
        tables.append(
            Table(
                f"06-khao-sat-{level}",
                f"Khảo sát: {LEVEL_NAMES[level]}, em dự định…",
                ("Dự định", "Người trả lời", "Tỷ lệ", "Tính vào chỉ tiêu"),
                rows,
                ((label(TOTAL), cell(system, status, total), share(1, 1, status[total]), label("")),),
                note="Người trả lời đếm theo người-ngày. “Tính vào chỉ tiêu”: lựa chọn được cộng vào tỷ lệ so với "
                "chỉ tiêu (xem bảng so sánh và ghi chú bên dưới).",
            )
        )
        charts.append(
            Bars(
                f"Khảo sát {LEVEL_NAMES[level]}",
                tuple(row[0].text for row in rows),
                tuple(row[2].value for row in rows),
                tuple(row[2].text if not row[2].suppressed else row[1].text for row in rows),
                "% người trả lời",
                hatches=tuple("//" if s in counted else "" for s in streams[level]),
                legend=(("//", "tính vào chỉ tiêu học nghề"), ("", "lựa chọn khác")),
                percent=True,
            )
        )

    results = []
    for target in settings.targets:
        part, whole = system.target_part[target.id], system.target_whole[target.id]
        results.append(
            TargetResult(
                target,
                cell(system, status, whole),
                ratio(system, status, part, whole),
                ratio(hard, hard_status, hard.target_part[target.id], hard.target_whole[target.id]) if hard else None,
            )
        )
    tables.append(_targets_table(results, settings, labels))
    tables.append(_published_table(results, settings))
    charts += [_target_chart(r, settings) for r in results]
    section = Section(
        "khao-sat",
        "5. Khảo sát phân luồng so với chỉ tiêu của tỉnh",
        "Câu hỏi “Sau khi tốt nghiệp (THCS / THPT), em dự định …”, trả lời ẩn danh trong bot. " + NOT_CENSUS,
        tuple(charts),
        tuple(tables),
        notes=tuple(_mapping_notes(settings, labels)),
    )
    return section, tuple(results)


def target_text(target: Target) -> str:
    """'≥ 40%' for a floor, '40–45%' for a range."""
    low = percent(target.percent / 100, LOCALE)
    if target.percent_max is None:
        return f"≥ {low}"
    return f"{low.rstrip('%')}–{percent(target.percent_max / 100, LOCALE)}"


def _levels_text(target: Target) -> str:
    return ", ".join(LEVEL_NAMES[level] for level in target.streams)


def _targets_table(results: Sequence[TargetResult], settings: ReportSettings, labels: Labels) -> Table:
    hard_configured = bool(settings.disadvantaged_areas)
    rows = []
    for r in results:
        t = r.target
        hard_target = percent(t.percent_disadvantaged / 100, LOCALE) if t.percent_disadvantaged is not None else "–"
        rows.append(
            (
                label(t.label),
                label(_levels_text(t)),
                label(f"{target_text(t)} ({t.period})"),
                r.answers,
                r.share,
                label(f"≥ {hard_target}" if t.percent_disadvantaged is not None else "–"),
                r.disadvantaged_share if r.disadvantaged_share is not None else label("chưa cấu hình"),
            )
        )
    return Table(
        "07-so-voi-chi-tieu",
        "Tỷ lệ chọn học nghề trong khảo sát so với chỉ tiêu",
        (
            "Chỉ tiêu",
            "Áp dụng cho",
            "Mức chỉ tiêu",
            "Người trả lời",
            "Tỷ lệ theo khảo sát",
            "Chỉ tiêu vùng khó khăn",
            "Khảo sát ở vùng khó khăn",
        ),
        tuple(rows),
        note=(
            "Vùng khó khăn: " + ", ".join(Labels.area(a) for a in settings.disadvantaged_areas) + "."
            if hard_configured
            else "Danh sách địa bàn vùng khó khăn chưa được khai trong report.yaml (disadvantaged_areas): "
            "chỉ tiêu vùng khó khăn chỉ để tham khảo."
        ),
    )


def _published_table(results: Sequence[TargetResult], settings: ReportSettings) -> Table:
    by_target = {r.target.id: r for r in results}
    rows = tuple(
        (
            label(figure.label),
            label(figure.period),
            label(percent(figure.percent / 100, LOCALE)),
            label(settings.target(figure.compare_with).label),
            label(
                f"{target_text(settings.target(figure.compare_with))} ({settings.target(figure.compare_with).period})"
            ),
            by_target[figure.compare_with].share,
        )
        for figure in settings.published
    )
    return Table(
        "08-so-lieu-cong-bo",
        "Số liệu công bố gần nhất",
        ("Số liệu", "Kỳ", "Tỷ lệ", "Chỉ tiêu so sánh", "Mức chỉ tiêu", "Khảo sát trong bot"),
        rows,
        note="Số liệu công bố đếm học sinh thật sự vào học; khảo sát trong bot chỉ là dự định của người trả lời.",
    )


def _target_chart(result: TargetResult, settings: ReportSettings) -> Bars:
    t = result.target
    names = ["Khảo sát trong bot (toàn tỉnh)"]
    cells = [result.share]
    if result.disadvantaged_share is not None:
        names.append("Khảo sát trong bot (vùng khó khăn)")
        cells.append(result.disadvantaged_share)
    for figure in settings.published:
        if figure.compare_with == t.id:
            names.append(f"Công bố {figure.period}")
            cells.append(Cell(percent(figure.percent / 100, LOCALE), "", figure.percent))
    references = [] if t.percent_max is not None else [(t.percent, f"chỉ tiêu {percent(t.percent / 100, LOCALE)}")]
    if t.percent_disadvantaged is not None:
        references.append(
            (t.percent_disadvantaged, f"chỉ tiêu vùng khó khăn {percent(t.percent_disadvantaged / 100, LOCALE)}")
        )
    band = (t.percent, t.percent_max, f"chỉ tiêu {target_text(t)}") if t.percent_max is not None else None
    return Bars(
        t.label,
        tuple(names),
        tuple(c.value for c in cells),
        tuple(c.text if not c.suppressed else "chưa đủ số liệu" for c in cells),
        "% học sinh",
        hatches=("//", "xx", "..", "oo")[: len(cells)],
        references=tuple(references),
        band=band,
        percent=True,
    )


def _mapping_notes(settings: ReportSettings, labels: Labels) -> list[str]:
    notes = []
    for t in settings.targets:
        counted = "; ".join(
            f"{LEVEL_NAMES[level]}: " + ", ".join(lower_first(labels.stream(s)) for s in streams)
            for level, streams in t.streams.items()
        )
        notes.append(f"“{t.label}” ({target_text(t)}, {t.period}) tính các lựa chọn — {counted}.")
    return notes
