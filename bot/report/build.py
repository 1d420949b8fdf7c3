"""Assemble the report from the query results: sections, headline numbers, how to read it.

The headline numbers are taken from the protected tables (a total that is suppressed there is
suppressed here too), so the summary that /stats shows can never say more than the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.report import queries
from bot.report.config import ReportSettings
from bot.report.labels import Labels, lower_first
from bot.report.model import Cell, Headline, Report, Section, label, share
from bot.report.sections import (
    audience_section,
    campaign_section,
    holland_section,
    interest_section,
    unanswered_section,
    weekly_section,
)
from bot.report.survey import NOT_CENSUS, TargetResult, survey_section, target_text
from knowledge.formatting import day, number, percent

LOCALE = "vi_VN"
TITLE = "Báo cáo quan tâm hướng nghiệp – careerbot Thái Nguyên"


@dataclass(frozen=True)
class Data:
    """Everything the queries returned (already aggregated by the database)."""

    daily: list[queries.Daily]
    audience_area: dict[tuple[str | None, str | None], int]
    occupation_views: dict[str, int]
    holland: dict[str, int]
    survey: dict[tuple[str, str, str | None], int]
    campaigns: list[queries.CampaignActivity]
    unanswered: list[tuple[str, int]]


def reading(settings: ReportSettings, scope: queries.Scope) -> tuple[str, ...]:
    """The few sentences a planner needs before reading any number."""
    k = settings.min_count
    lines = [
        "Bot không lưu tên, số điện thoại, tài khoản Telegram hay tin nhắn của ai. Mỗi sự kiện chỉ giữ ngày, "
        "việc đã làm (mở thẻ nghề, hỏi, làm trắc nghiệm, trả lời khảo sát), ngôn ngữ, đối tượng và địa bàn "
        "người dùng tự chọn, tên chiến dịch, và một bút danh đổi mỗi ngày.",
        "Người-ngày: một người dùng bot trong một ngày được đếm là 1; dùng ba ngày khác nhau được đếm là 3. "
        "Bút danh đổi mỗi ngày và khóa cũ bị xóa, nên không ai (kể cả báo cáo này) biết hai ngày có phải cùng "
        "một người hay không. Vì vậy báo cáo không đếm “số người” trong cả tuần hay cả năm; “TB người/ngày” là "
        "số người-ngày chia cho số ngày.",
        f"Số nhỏ được che: ô nào dưới {k} ghi “<{k}”. Để không ai tính ngược ra ô đó từ dòng “Cộng”, một số ô "
        "khác cũng được che và ghi “ẩn”. Tỷ lệ tính từ ô bị che ghi “–”.",
        NOT_CENSUS,
    ]
    if scope.campaign:
        lines.append(
            f"Báo cáo này chỉ tính những người đã mở liên kết của chiến dịch “{scope.campaign}”, và chỉ trong "
            "ngày họ mở liên kết (ngày hôm sau bot không còn nhận ra họ)."
        )
    return tuple(lines)


def footnotes(settings: ReportSettings) -> tuple[str, ...]:
    """Sources of every target and published figure, and what the counts can and cannot say."""
    notes = [f"{t.label} – {target_text(t)}, {t.period}. Nguồn: {t.source}" for t in settings.targets]
    notes += [
        f"{p.label} – {percent(p.percent / 100, LOCALE)}, {p.period}. Nguồn: {p.source}" for p in settings.published
    ]
    notes += [
        "Chỉ tiêu và số liệu công bố được khai trong tệp report.yaml (không nằm trong mã chương trình); "
        "khi tỉnh ban hành kế hoạch mới, sửa tệp đó.",
        "Một người đổi đối tượng hoặc địa bàn trong cùng ngày được đếm ở cả hai ô; dòng “Cộng” của bảng địa bàn "
        "là tổng các ô nên có thể lớn hơn số người-ngày ở bảng theo tuần một chút.",
        "Ô bị che không thể tính lại chính xác từ các tổng; người đọc chỉ có thể biết nó nằm trong một khoảng "
        f"(ô “<{settings.min_count}” ở giữa 0 và {settings.min_count - 1}).",
    ]
    return tuple(notes)


def _headlines(sections: dict[str, Section], targets: tuple[TargetResult, ...]) -> list[Headline]:
    weekly = sections["tuan"].tables[0].totals[0]
    users, average, questions, unanswered = weekly[3], weekly[4], weekly[5], weekly[6]
    answered: Cell = share(
        int(questions.value or 0) - int(unanswered.value or 0),
        int(questions.value or 0),
        questions.status,
        unanswered.status,
    )
    interest = sections["nghe"].tables
    top = next((row for row in interest[0].rows if not row[3].suppressed), None)
    views = interest[1].totals[0][2]
    quiz = sections["holland"].tables[0].totals[0][1]
    campaigns = sections["chien-dich"].tables[0].rows
    result = [
        Headline("user_days", "người-ngày dùng bot", users),
        Headline("average_daily_users", "người dùng trung bình mỗi ngày", average),
        Headline("questions", "câu hỏi", questions),
        Headline("answered_share", "câu hỏi được trả lời", answered),
        Headline("occupation_views", "lượt xem nghề", views),
        Headline("top_occupation", "nghề được xem nhiều nhất", label(top[1].text) if top else label("–")),
        Headline("quiz_results", "người-ngày làm trắc nghiệm", quiz),
        Headline(
            "campaigns", "chiến dịch có người mở liên kết", Cell(number(len(campaigns), LOCALE), "", len(campaigns))
        ),
    ]
    for t in targets:
        text = f"theo khảo sát: {lower_first(t.target.label)} (chỉ tiêu {target_text(t.target)})"
        result.append(Headline(f"survey_{t.target.id}", text, t.share))
    return result


def build_report(data: Data, settings: ReportSettings, labels: Labels, scope: queries.Scope) -> Report:
    """Every section, protected, plus the headline numbers and the notes."""
    k = settings.min_count
    survey, targets = survey_section(data.survey, settings, labels)
    ordered = [
        weekly_section(data.daily, scope, k),
        audience_section(data.audience_area, k),
        interest_section(data.occupation_views, labels, k, settings.top),
        holland_section(data.holland, labels, k),
        survey,
        campaign_section(data.campaigns, k, settings.top),
        unanswered_section(data.unanswered, k, settings.top_unanswered),
    ]
    by_id = {s.id: s for s in ordered}
    period = f"Từ {day(scope.start, LOCALE)} đến {day(scope.end, LOCALE)} ({number(scope.days, LOCALE)} ngày)"
    return Report(
        title=TITLE,
        period=period,
        campaign=scope.campaign,
        generated=day(dt.datetime.now(dt.UTC).date(), LOCALE),
        k=k,
        headlines=tuple(_headlines(by_id, targets)),
        reading=reading(settings, scope),
        sections=tuple(ordered),
        footnotes=footnotes(settings),
        facts={
            "targets": [
                {
                    "id": t.target.id,
                    "label": t.target.label,
                    "target_percent": t.target.percent,
                    "target_percent_max": t.target.percent_max,
                    "survey_percent": t.share.value,
                    "survey_answers": t.answers.value,
                }
                for t in targets
            ],
        },
    )
