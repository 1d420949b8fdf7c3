"""The report's sections on use and interests: weeks, audiences and areas, occupations, quiz,
campaigns and unanswered questions (the survey has its own module, survey.py).

Each builder takes aggregated query results, applies suppression, and returns a Section of
published cells and chart data. Ordering matters for privacy too: ranked lists put the suppressed
rows after the shown ones, alphabetically, because slotting them in by their true value would
bound it between two published neighbours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TypeVar

from bot.report import model
from bot.report.labels import Labels, areas, audiences
from bot.report.model import Bars, Cell, Lines, Section, Series, Table, count, decimal, label, share
from bot.report.queries import CampaignActivity, Daily, Scope
from bot.report.suppression import Status, protect_grid, protect_groups, protect_list
from knowledge.formatting import day
from knowledge.models import HOLLAND_LETTERS

LOCALE = model.LOCALE
TOTAL = "Cộng"
HATCHES = ("//", "\\\\", "xx", "..", "oo", "--", "++", "**")
T = TypeVar("T")


def ranked(
    items: Sequence[T], value: Callable[[T], int], shown: Callable[[T], bool], name: Callable[[T], str]
) -> list[T]:
    """Shown items by value (largest first), then suppressed ones alphabetically (see module doc)."""
    visible = sorted((i for i in items if shown(i)), key=lambda i: (-value(i), name(i)))
    hidden = sorted((i for i in items if not shown(i)), key=name)
    return visible + hidden


def bars_from(title: str, names: Sequence[str], cells: Sequence[Cell], axis: str, hatches: Sequence[str] = ()) -> Bars:
    """Chart data from published cells only: a suppressed cell becomes an empty stub with its text."""
    return Bars(
        title=title,
        labels=tuple(names),
        values=tuple(c.value for c in cells),
        texts=tuple(c.text for c in cells),
        axis=axis,
        hatches=tuple(hatches),
    )


# ------------------------------------------------------------------------------------------ weeks
@dataclass(frozen=True)
class Week:
    """An ISO week, cut to the report's period."""

    year: int
    number: int
    first: dt.date
    last: dt.date
    days: int
    users: int
    questions: int
    unanswered: int


def weeks(rows: Sequence[Daily], scope: Scope) -> list[Week]:
    """Days folded into ISO weeks (every week of the period, also those without traffic)."""
    by_day = {r.day: r for r in rows}
    days = [scope.start + dt.timedelta(days=n) for n in range(scope.days)]
    result = []
    for (year, number), group in groupby(days, key=lambda d: d.isocalendar()[:2]):
        members = list(group)
        found = [by_day[d] for d in members if d in by_day]
        result.append(
            Week(
                year,
                number,
                members[0],
                members[-1],
                len(members),
                sum(r.users for r in found),
                sum(r.questions for r in found),
                sum(r.unanswered for r in found),
            )
        )
    return result


def weekly_section(rows: Sequence[Daily], scope: Scope, k: int) -> Section:
    """Users (as user-days) and questions per ISO week."""
    found = weeks(rows, scope)
    users = protect_list([w.users for w in found], k)
    questions = protect_list([w.questions for w in found], k)
    unanswered = protect_list([w.unanswered for w in found], k)
    body = []
    for i, w in enumerate(found):
        body.append(
            (
                label(f"Tuần {w.number}/{w.year}"),
                label(day(w.first, LOCALE)),
                label(day(w.last, LOCALE)),
                count(w.users, users.status[i], k),
                decimal(w.users / w.days, users.status[i]),
                count(w.questions, questions.status[i], k),
                count(w.unanswered, unanswered.status[i], k),
            )
        )
    totals = (
        label(TOTAL),
        label(day(scope.start, LOCALE)),
        label(day(scope.end, LOCALE)),
        count(users.total, users.total_status, k),
        decimal(users.total / scope.days, users.total_status),
        count(questions.total, questions.total_status, k),
        count(unanswered.total, unanswered.total_status, k),
    )
    table = Table(
        "01-tuan",
        "Người dùng và câu hỏi theo tuần",
        ("Tuần", "Từ ngày", "Đến ngày", "Người-ngày", "TB người/ngày", "Câu hỏi", "Chưa trả lời được"),
        tuple(body),
        (totals,),
        note="Người-ngày: mỗi người được đếm một lần mỗi ngày có dùng bot; TB người/ngày = người-ngày ÷ số ngày.",
    )
    partial = any(w.days < 7 for w in found)
    chart = Lines(
        "Người-ngày và câu hỏi theo tuần",
        tuple(f"T{w.number}" + ("*" if w.days < 7 else "") for w in found),
        (
            Series("Người-ngày", tuple(row[3].value for row in body), "o", "-"),
            Series("Câu hỏi", tuple(row[5].value for row in body), "s", "--"),
        ),
        "số lượng mỗi tuần",
        note=" ".join(
            text
            for text, applies in (
                ("* tuần không trọn 7 ngày trong kỳ báo cáo.", partial),
                (
                    "Đoạn đứt: tuần có số nhỏ, không công bố.",
                    any(row[3].suppressed or row[5].suppressed for row in body),
                ),
            )
            if applies
        ),
    )
    return Section(
        "tuan",
        "1. Người dùng và câu hỏi theo tuần",
        "Bao nhiêu người dùng bot và hỏi bao nhiêu câu mỗi tuần (tuần theo lịch ISO, bắt đầu từ thứ Hai).",
        (chart,),
        (table,),
    )


# ------------------------------------------------------------------------------- audiences, areas
def _ordered_keys(found: set[str | None], known: Sequence[str]) -> list[str | None]:
    """Known ids in the bot's order, then unexpected ones, then 'not said' last."""
    extra = sorted(k for k in found if k is not None and k not in known)
    keys: list[str | None] = [k for k in known if k in found]
    return keys + list(extra) + ([None] if None in found else [])


def audience_section(counts: dict[tuple[str | None, str | None], int], k: int) -> Section:
    """User-days by area (rows) and self-declared audience (columns), with totals."""
    row_keys = _ordered_keys({area for _, area in counts}, areas())
    col_keys = _ordered_keys({audience for audience, _ in counts}, audiences())
    grid = [[counts.get((a, r), 0) for a in col_keys] for r in row_keys]
    protected = protect_grid(grid, k)
    body = tuple(
        (
            label(Labels.area(r)),
            *(count(v, s, k) for v, s in zip(protected.cells[i], protected.status[i], strict=True)),
            count(protected.row_totals[i], protected.row_status[i], k),
        )
        for i, r in enumerate(row_keys)
    )
    column_cells = tuple(count(v, s, k) for v, s in zip(protected.column_totals, protected.column_status, strict=True))
    totals = (label(TOTAL), *column_cells, count(protected.grand_total, protected.grand_status, k))
    table = Table(
        "02-doi-tuong-dia-ban",
        "Người-ngày theo địa bàn và đối tượng",
        ("Địa bàn", *(Labels.audience(a) for a in col_keys), TOTAL),
        body,
        (totals,),
        note="Đối tượng và địa bàn do người dùng tự chọn (không bắt buộc). Địa bàn: huyện, thành phố cũ "
        "(cấp huyện đã bỏ từ 2025) hoặc xã, phường.",
    )
    charts = (
        bars_from(
            "Người-ngày theo đối tượng",
            [Labels.audience(a) for a in col_keys],
            column_cells,
            "người-ngày",
            hatches=tuple(HATCHES[i % len(HATCHES)] for i in range(len(col_keys))),
        ),
        bars_from("Người-ngày theo địa bàn", [row[0].text for row in body], [row[-1] for row in body], "người-ngày"),
    )
    return Section(
        "doi-tuong",
        "2. Đối tượng và địa bàn",
        "Ai dùng bot và ở đâu, theo lựa chọn “Giới thiệu về em”. Người không chọn nằm ở “Không cho biết”.",
        charts,
        (table,),
    )


# ------------------------------------------------------------------------ occupations and sectors
def interest_section(views: dict[str, int], labels: Labels, k: int, top: int) -> Section:
    """Occupations and sectors viewed (cards opened and answers given), protected together."""
    ids = sorted(views)
    sector_ids = [s for s in labels.sectors if any(labels.sector_of(i) == s for i in ids)]
    if any(labels.sector_of(i) not in labels.sectors for i in ids):
        sector_ids.append("")
    group = [sector_ids.index(labels.sector_of(i) if labels.sector_of(i) in labels.sectors else "") for i in ids]
    protected = protect_groups([views[i] for i in ids], group, len(sector_ids), k)
    position = {i: n for n, i in enumerate(ids)}

    def shown(i: str) -> bool:
        return protected.status[position[i]] is Status.SHOWN

    order = ranked(ids, views.__getitem__, shown, labels.occupation)
    occupation_rows = []
    for rank, i in enumerate(order, start=1):
        cell = count(views[i], protected.status[position[i]], k)
        occupation_rows.append(
            (
                label(str(rank) if shown(i) else "–"),
                label(labels.occupation(i)),
                label(labels.sector(sector_ids[group[position[i]]])),
                cell,
            )
        )
    occupations = Table(
        "03-nghe",
        "Nghề được xem nhiều nhất",
        ("Hạng", "Nghề", "Nhóm ngành", "Lượt xem"),
        tuple(occupation_rows),
        note="Lượt xem: thẻ nghề được mở, hoặc nghề được đưa ra làm câu trả lời. Trang này chỉ in các dòng đầu; "
        "tệp CSV có đủ mọi nghề.",
        page_rows=top,
    )

    sector_index = list(range(len(sector_ids)))
    sector_order = ranked(
        sector_index,
        lambda n: protected.group_totals[n],
        lambda n: protected.group_status[n] is Status.SHOWN,
        lambda n: labels.sector(sector_ids[n]),
    )
    sector_rows = tuple(
        (
            label(labels.sector(sector_ids[n])),
            label(str(sum(1 for g in group if g == n))),
            count(protected.group_totals[n], protected.group_status[n], k),
        )
        for n in sector_order
    )
    sectors = Table(
        "04-nhom-nganh",
        "Nhóm ngành được xem",
        ("Nhóm ngành", "Số nghề được xem", "Lượt xem"),
        sector_rows,
        ((label(TOTAL), label(str(len(ids))), count(protected.grand_total, protected.grand_status, k)),),
    )
    chart_rows = [row for row in occupation_rows if not row[3].suppressed][: min(top, 15)]
    charts = (
        bars_from(
            f"{len(chart_rows)} nghề được xem nhiều nhất",
            [row[1].text for row in chart_rows],
            [row[3] for row in chart_rows],
            "lượt xem",
        ),
        bars_from(
            "Lượt xem theo nhóm ngành",
            [row[0].text for row in sector_rows],
            [row[2] for row in sector_rows],
            "lượt xem",
        ),
    )
    return Section(
        "nghe",
        "3. Nghề và nhóm ngành được quan tâm",
        "Những nghề học sinh và phụ huynh tìm xem: mở thẻ nghề hoặc hỏi và được bot trả lời bằng nghề đó.",
        charts,
        (occupations, sectors),
    )


def holland_section(types: dict[str, int], labels: Labels, k: int) -> Section:
    """Quiz results by the first letter of the Holland code."""
    letters = list(HOLLAND_LETTERS)
    protected = protect_list([types.get(letter, 0) for letter in letters], k)
    body = tuple(
        (
            label(labels.holland_type(letter)),
            count(protected.values[i], protected.status[i], k),
            share(protected.values[i], protected.total, protected.status[i], protected.total_status),
        )
        for i, letter in enumerate(letters)
    )
    table = Table(
        "05-trac-nghiem-holland",
        "Kết quả trắc nghiệm theo nhóm sở thích (Holland)",
        ("Nhóm sở thích", "Người-ngày", "Tỷ lệ"),
        body,
        ((label(TOTAL), count(protected.total, protected.total_status, k), share(1, 1, protected.total_status)),),
        note="Nhóm đứng đầu mã Holland của mỗi kết quả; một người làm lại trong cùng ngày được đếm một lần "
        "cho mỗi nhóm.",
    )
    chart = bars_from(
        "Kết quả trắc nghiệm theo nhóm sở thích",
        [row[0].text for row in body],
        [row[1] for row in body],
        "người-ngày",
        hatches=HATCHES[: len(letters)],
    )
    return Section(
        "holland",
        "4. Kết quả trắc nghiệm sở thích (Holland)",
        "Nhóm sở thích nổi bật nhất trong kết quả trắc nghiệm “Khám phá bản thân”.",
        (chart,),
        (table,),
    )


# --------------------------------------------------------------------------------------- campaigns
def campaign_section(found: Sequence[CampaignActivity], k: int, top: int) -> Section:
    """Campaigns (a school, a class) compared by the user-days they reached and what those did."""
    columns: list[Callable[[CampaignActivity], int]] = [
        lambda c: c.reached,
        lambda c: c.questions,
        lambda c: c.cards,
        lambda c: c.quizzes,
        lambda c: c.surveys,
    ]
    protected = [protect_list([get(c) for c in found], k) for get in columns]
    position = {c.campaign: n for n, c in enumerate(found)}
    order = ranked(
        list(found),
        lambda c: c.reached,
        lambda c: protected[0].status[position[c.campaign]] is Status.SHOWN,
        lambda c: c.campaign,
    )
    body = []
    for c in order:
        n = position[c.campaign]
        cells = [count(columns[j](c), protected[j].status[n], k) for j in range(len(columns))]
        per_person = decimal(
            c.questions / c.reached if c.reached else 0.0,
            Status.SHOWN if not (cells[0].suppressed or cells[1].suppressed) else Status.HIDDEN,
        )
        body.append((label(c.campaign), *cells, per_person))
    totals = tuple(count(p.total, p.total_status, k) for p in protected)
    both_shown = not (totals[0].suppressed or totals[1].suppressed)
    average = decimal(
        protected[1].total / protected[0].total if protected[0].total else 0.0,
        Status.SHOWN if both_shown else Status.HIDDEN,
    )
    table = Table(
        "09-chien-dich",
        "So sánh chiến dịch (trường, lớp)",
        (
            "Chiến dịch",
            "Người mở liên kết",
            "Câu hỏi",
            "Thẻ đã xem",
            "Làm trắc nghiệm",
            "Trả lời khảo sát",
            "Câu hỏi/người",
        ),
        tuple(body),
        ((label(TOTAL), *totals, average),) if found else (),
        note="Người mở liên kết: người-ngày đã mở liên kết hoặc mã QR của chiến dịch. Các cột sau đếm việc những "
        "người đó làm trong cùng ngày; ngày hôm sau bot không còn nhận ra họ.",
        page_rows=top,
    )
    chart_rows = [row for row in body if not row[1].suppressed][: min(top, 15)]
    charts = (
        (
            bars_from(
                "Chiến dịch có nhiều người mở liên kết nhất",
                [row[0].text for row in chart_rows],
                [row[1] for row in chart_rows],
                "người-ngày",
            ),
        )
        if chart_rows
        else ()
    )
    intro = (
        "Thầy cô chia sẻ liên kết hoặc mã QR có gắn tên chiến dịch (trường, lớp); bảng so sánh các chiến dịch."
        if found
        else "Không có chiến dịch nào trong kỳ báo cáo."
    )
    return Section("chien-dich", "6. So sánh chiến dịch", intro, charts, (table,))


# ---------------------------------------------------------------------------- unanswered questions
def unanswered_section(found: Sequence[tuple[str, int]], k: int, limit: int) -> Section:
    """The questions the bot could not answer, most asked first, for the curators.

    `found` holds up to limit + 1 rows. When it holds every question asked, the counts add up to the
    unanswered total printed in the weekly table, so they are protected as a list with that total;
    when there are more questions than are listed, the unlisted rest hides the small ones.
    """
    listed = list(found[:limit])
    if len(found) <= limit:
        status = dict(zip(listed, protect_list([n for _, n in listed], k).status, strict=True))
    else:
        status = {q: Status.SHOWN if q[1] >= k else Status.SMALL for q in listed}
    order = ranked(listed, lambda q: q[1], lambda q: status[q] is Status.SHOWN, lambda q: q[0])
    body = tuple((label(q[0]), count(q[1], status[q], k)) for q in order)
    table = Table(
        "10-cau-hoi-chua-tra-loi",
        "Câu hỏi bot chưa trả lời được",
        ("Câu hỏi", "Số lần"),
        body,
        note="Câu hỏi đã được làm sạch trước khi lưu: bỏ số điện thoại, e-mail, đường dẫn, tên tài khoản, dãy số "
        "dài và tên tự giới thiệu (“tên em là …”), cắt còn 200 ký tự.",
    )
    intro = (
        "Những câu người dùng hỏi mà bot chưa có câu trả lời: việc cần bổ sung vào careers.yaml."
        if found
        else "Không có câu hỏi nào chưa trả lời được trong kỳ báo cáo."
    )
    return Section("chua-tra-loi", "7. Câu hỏi chưa trả lời được", intro, (), (table,))
