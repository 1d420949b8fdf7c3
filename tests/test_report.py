"""`careerbot report` as a planner meets it: run the command, open the page, read what it says.

Events are written through the real SignalRecorder (its batched flush) into a real SQLite file, and
into a fresh schema on the PostgreSQL server the machine provides. The report runs as a subprocess,
exactly as an operator runs it, and the assertions read the HTML page (headings, table cells as a
reader sees them), the CSV files and summary.json.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from bot.report.sections import unanswered_section
from bot.signals.migrate import upgrade
from bot.signals.recorder import SignalRecorder
from bot.store import PreferenceStore, make_engine
from tests.conftest import run_cli

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
MONDAY = dt.date(2025, 9, 8)


# ------------------------------------------------------------------------------------ databases
@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'careerbot.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL whose tables live in a schema of their own, dropped after the test."""
    try:
        admin = make_engine(POSTGRES)
        with admin.connect():
            pass
    except Exception as exc:
        reason = f"PostgreSQL at 127.0.0.1:5432 is unreachable ({type(exc).__name__}); `.ci/run` starts it"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    schema = f"report_{uuid.uuid4().hex[:10]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest) -> str:
    url: str = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")
    return url


# ------------------------------------------------------------------------------------ events
@dataclass
class Traffic:
    """A small factory of events: each call adds one event for each of `users` new people."""

    events: list[dict[str, Any]] = field(default_factory=list)
    people: int = 0

    def add(self, kind: str, users: int = 1, day: dt.date = MONDAY, **fields: str | None) -> list[str]:
        pseudonyms = []
        for _ in range(users):
            self.people += 1
            pseudonyms.append(f"{self.people:032x}")
            self.again(pseudonyms[-1], kind, day, **fields)
        return pseudonyms

    def again(self, pseudonym: str, kind: str, day: dt.date = MONDAY, **fields: str | None) -> None:
        event: dict[str, Any] = {
            "day": day,
            "kind": kind,
            "language": "vi",
            "pseudonym": pseudonym,
            "audience": None,
            "area": None,
            "entry_kind": None,
            "entry_id": None,
            "campaign": None,
            "value": None,
        }
        event.update(fields)
        self.events.append(event)

    def write(self, url: str) -> None:
        """Through the recorder's own batched write, as the bot does."""
        engine = make_engine(url)
        upgrade(engine)
        recorder = SignalRecorder(engine, PreferenceStore(engine, "test-key-0123456789"))
        recorder.queue.extend(self.events)
        assert recorder.flush() == len(self.events)
        engine.dispose()


def september() -> Traffic:
    """A month a planner could be shown: enough people for most cells, a few small ones."""
    t = Traffic()
    t.add("card_opened", 30, audience="grade9", area="dai-tu", entry_kind="occupation", entry_id="han")
    t.add("card_opened", 12, audience="parent", area="pho-yen", entry_kind="occupation", entry_id="dien-cong-nghiep")
    t.add("card_opened", 3, audience="grade9", area="vo-nhai", entry_kind="occupation", entry_id="che")
    t.add("question_answered", 25, day=MONDAY + dt.timedelta(days=1), entry_kind="occupation", entry_id="han")
    t.add("question_unanswered", 12, value="học phí trường nghề ở Đại Từ bao nhiêu")
    t.add("question_unanswered", 3, value="<script>alert(1)</script> có học bổng không")
    t.add("question_unanswered", 4, value="trường nào có ký túc xá cho nữ")
    t.add("quiz_result", 20, value="RIC")
    t.add("quiz_result", 12, value="SAE")
    t.add("quiz_result", 4, value="CEI")
    for stream, n in (("hoc-thpt", 30), ("trung-cap-so-cap", 12), ("gdtx-nghe", 10), ("chua-quyet-dinh", 8)):
        t.add("survey_answer", n, audience="grade9", entry_id="thcs", value=stream)
    for stream, n in (("cao-dang", 20), ("dai-hoc", 25), ("di-lam", 10)):
        t.add("survey_answer", n, audience="grade12", entry_id="thpt", value=stream)
    for tag, n in (("THCS-TanCuong-9A", 15), ("THCS-DaiTu-9B", 11), ("THCS-NaRi-9C", 3)):
        for pseudonym in t.add("campaign_opened", n, day=MONDAY + dt.timedelta(days=7), campaign=tag):
            t.again(pseudonym, "question_answered", MONDAY + dt.timedelta(days=7), entry_kind="faq", entry_id="x")
    return t


# ------------------------------------------------------------------------------------ the page
class Page(HTMLParser):
    """What a reader sees: headings, tables (by id) as rows of cell texts, and all the text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.tables: dict[str, list[list[str]]] = {}
        self.images: list[str] = []
        self.words: list[str] = []
        self._heading: list[str] | None = None
        self._table: str | None = None
        self._cell: list[str] | None = None
        self.feed(html)
        self.text = " ".join(" ".join(self.words).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("h1", "h2"):
            self._heading = []
        elif tag == "table":
            self._table = attributes.get("id") or str(len(self.tables))
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []
        elif tag == "img":
            self.images.append(attributes.get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2") and self._heading is not None:
            self.headings.append("".join(self._heading).strip())
            self._heading = None
        elif tag in ("td", "th") and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        self.words.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell.append(data)

    def row(self, table: str, first: str) -> list[str]:
        """The row of `table` whose first cell is `first`."""
        return next(r for r in self.tables[table] if r and r[0] == first)


def make_report(url: str, out: Path, *extra: str) -> Page:
    result = run_cli(
        "report", "--from", "2025-09-01", "--to", "2025-09-30", "--out", str(out), "--database", url, *extra
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out / "report.html")
    assert result.stderr == "", "no progress bar when stderr is not a terminal"
    return Page((out / "report.html").read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------ tests
def test_the_planners_page(database: str, tmp_path: Path) -> None:
    september().write(database)
    page = make_report(database, tmp_path / "out")

    assert page.headings[0] == "Báo cáo quan tâm hướng nghiệp – careerbot Thái Nguyên"
    for heading in (
        "Tóm tắt",
        "Cách đọc báo cáo",
        "1. Người dùng và câu hỏi theo tuần",
        "2. Đối tượng và địa bàn",
        "3. Nghề và nhóm ngành được quan tâm",
        "4. Kết quả trắc nghiệm sở thích (Holland)",
        "5. Khảo sát phân luồng so với chỉ tiêu của tỉnh",
        "6. So sánh chiến dịch",
        "7. Câu hỏi chưa trả lời được",
        "Ghi chú và nguồn",
    ):
        assert heading in page.headings
    assert "Từ 01/09/2025 đến 30/09/2025 (30 ngày)" in page.text

    # Users are user-days: everyone came in the week of 8 September, the campaigns a week later.
    week = page.row("01-tuan", "Tuần 37/2025")
    assert week[1:4] == ["08/09/2025", "14/09/2025", "240"]
    assert page.row("01-tuan", "Tuần 38/2025")[3] == "29"
    assert page.row("01-tuan", "Tuần 36/2025")[3] == "<10", "a week without traffic is a small count too"

    # Occupations: Chè (3 views) is small; Điện công nghiệp alone in its sector is hidden with it,
    # since the sector totals and the grand total would otherwise give Chè back.
    assert page.row("03-nghe", "1")[1:] == ["Hàn (thợ hàn)", "Cơ khí – luyện kim – khai khoáng", "55"]
    assert page.row("03-nghe", "–")[1:] != []
    occupations = {r[1]: r[3] for r in page.tables["03-nghe"][1:]}
    assert occupations["Chè: trồng và chế biến"] == "<10"
    assert occupations["Điện công nghiệp"] == "ẩn"
    assert page.row("04-nhom-nganh", "Cộng")[2] == "70"

    quiz = {r[0]: r[1:] for r in page.tables["05-trac-nghiem-holland"][1:]}
    assert quiz["R – Kỹ thuật"] == ["20", "56%"]
    assert quiz["C – Nghiệp vụ"] == ["<10", "–"]

    # The survey against the targets, and the last published figure beside it.
    thcs = {r[0]: r[1:3] for r in page.tables["06-khao-sat-thcs"][1:]}
    assert thcs["Học THPT"] == ["30", "50%"]
    assert thcs["Học trung học nghề (cấp học mới từ 2026)"][0] == "<10"
    targets = page.tables["07-so-voi-chi-tieu"]
    vocational = next(r for r in targets if r[0].startswith("Học sinh tốt nghiệp THCS học tiếp"))
    assert vocational[2:5] == ["≥ 40% (đến năm 2025)", "60", "37%"]
    assert "≥ 30%" in vocational
    college = next(r for r in targets if r[0] == "Học sinh tốt nghiệp THPT học tiếp cao đẳng")
    assert college[2:5] == ["≥ 45% (đến năm 2025)", "55", "36%"]
    published = page.tables["08-so-lieu-cong-bo"][1]
    assert published[1:3] == ["năm học 2023–2024", "29%"]
    assert "nhandan.vn" in page.text
    assert "QĐ 2508/QĐ-UBND" in page.text
    assert "không phải điều tra toàn bộ" in page.text
    assert "tính các lựa chọn — sau tốt nghiệp THCS: học trung học nghề" in page.text

    # Campaigns compared: the class with three people shows "<10", and the next smallest is hidden,
    # or "Cộng" minus the others would give the three back.
    campaigns = {r[0]: r[1:3] for r in page.tables["09-chien-dich"][1:]}
    assert campaigns["THCS-TanCuong-9A"] == ["15", "15"]
    assert campaigns["THCS-NaRi-9C"] == ["<10", "<10"]
    assert campaigns["THCS-DaiTu-9B"] == ["ẩn", "ẩn"]
    assert campaigns["Cộng"] == ["29", "29"]

    # For the curators: every question is listed, so the two small counts protect each other
    # against the weekly table's unanswered total.
    unanswered = page.tables["10-cau-hoi-chua-tra-loi"]
    assert unanswered[1:] == [
        ["học phí trường nghề ở Đại Từ bao nhiêu", "12"],
        ["<script>alert(1)</script> có học bổng không", "<10"],
        ["trường nào có ký túc xá cho nữ", "<10"],
    ]
    assert page.row("01-tuan", "Cộng")[6] == "19"

    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, "every string from the data is escaped"
    assert page.images
    assert all(src.startswith("data:image/png;base64,") for src in page.images), "charts are embedded"
    for external in ("http://", "https://", "<link", "<script"):
        assert external not in html, "the page opens offline and runs nothing"


def test_csv_files_open_in_excel_and_summary_json_has_the_headlines(sqlite_url: str, tmp_path: Path) -> None:
    september().write(sqlite_url)
    out = tmp_path / "out"
    make_report(sqlite_url, out)
    raw = (out / "03-nghe.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Hạng", "Nghề", "Nhóm ngành", "Lượt xem"]
    assert ["1", "Hàn (thợ hàn)", "Cơ khí – luyện kim – khai khoáng", "55"] in rows
    assert any(r[1] == "Chè: trồng và chế biến" and r[3] == "<10" for r in rows)
    names = sorted(p.name for p in out.glob("*.csv"))
    assert len(names) == 11
    assert names[0] == "01-tuan.csv"

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["period"] == {
        "from": "2025-09-01",
        "to": "2025-09-30",
        "days": 30,
        "text": summary["period"]["text"],
    }
    assert summary["min_count"] == 10
    headline = summary["headline"]
    assert headline["user_days"]["value"] == 269
    assert headline["questions"]["text"] == "73"
    assert headline["top_occupation"]["text"] == "Hàn (thợ hàn)"
    assert headline["survey_thcs-hoc-nghe"]["text"] == "37%"


def test_a_user_day_counts_once_and_two_days_count_twice(sqlite_url: str, tmp_path: Path) -> None:
    t = Traffic()
    for pseudonym in t.add("card_opened", 12, entry_kind="occupation", entry_id="han"):
        t.again(pseudonym, "card_opened", entry_kind="occupation", entry_id="che")  # same person, same day
    t.add("card_opened", 12, day=MONDAY + dt.timedelta(days=1), entry_kind="occupation", entry_id="han")
    t.write(sqlite_url)
    page = make_report(sqlite_url, tmp_path / "out")
    assert page.row("01-tuan", "Tuần 37/2025")[3:5] == ["24", "3,4"]
    assert "Người-ngày: một người dùng bot trong một ngày được đếm là 1" in page.text


def test_one_campaign_keeps_the_people_who_opened_its_link(sqlite_url: str, tmp_path: Path) -> None:
    september().write(sqlite_url)
    page = make_report(sqlite_url, tmp_path / "out", "--campaign", "THCS-TanCuong-9A")
    assert "Chiến dịch: THCS-TanCuong-9A" in page.text
    assert page.row("01-tuan", "Cộng")[3] == "15"
    assert [r[0] for r in page.tables["09-chien-dich"][1:-1]] == ["THCS-TanCuong-9A"]


def test_disadvantaged_areas_from_the_settings_file(sqlite_url: str, tmp_path: Path) -> None:
    t = Traffic()
    for stream, n in (("hoc-thpt", 20), ("trung-cap-so-cap", 15), ("gdtx-nghe", 15)):
        t.add("survey_answer", n, area="vo-nhai", entry_id="thcs", value=stream)
    t.add("survey_answer", 40, area="pho-yen", entry_id="thcs", value="hoc-thpt")
    t.write(sqlite_url)
    settings = tmp_path / "report.yaml"
    bundled = Path(__file__).resolve().parent.parent / "report.yaml"
    settings.write_text(
        bundled.read_text(encoding="utf-8").replace("disadvantaged_areas: []", "disadvantaged_areas: [vo-nhai]"),
        encoding="utf-8",
    )
    page = make_report(sqlite_url, tmp_path / "out", "--settings", str(settings))
    vocational = page.tables["07-so-voi-chi-tieu"][1]
    assert vocational[4] == "33%", "30 of 90 answers everywhere"
    assert vocational[5:] == ["≥ 30%", "60%"], "30 of 50 answers in Võ Nhai"
    assert "Vùng khó khăn: Võ Nhai." in page.text


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--from", "2025-13-01"], "--from '2025-13-01' is not a date; write it as YYYY-MM-DD"),
        (["--to", "yesterday"], "--to 'yesterday' is not a date"),
        (["--from", "2025-10-01", "--to", "2025-09-01"], "--from 2025-10-01 is after --to 2025-09-01"),
        (["--campaign", "lớp 9A"], "--campaign 'lớp 9A': a campaign tag has letters, digits and -"),
    ],
    ids=["bad-from", "bad-to", "from-after-to", "bad-campaign"],
)
def test_bad_arguments_are_one_line(sqlite_url: str, tmp_path: Path, args: list[str], says: str) -> None:
    Traffic().write(sqlite_url)
    base = {"--from": "2025-09-01", "--to": "2025-09-30", "--out": str(tmp_path / "out"), "--database": sqlite_url}
    pairs = dict(base, **dict(zip(args[::2], args[1::2], strict=True)))
    result = run_cli("report", *[x for pair in pairs.items() for x in pair])
    assert result.returncode == 1
    assert result.stderr.startswith(f"careerbot report: {says}")
    assert result.stderr.count("\n") == 1, result.stderr


def run_on(url: str, tmp_path: Path, *extra: str) -> tuple[int, str]:
    result = run_cli(
        "report",
        "--from",
        "2025-09-01",
        "--to",
        "2025-09-30",
        "--out",
        str(tmp_path / "out"),
        "--database",
        url,
        *extra,
    )
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.returncode, result.stderr


def test_an_unreachable_database_is_one_line(tmp_path: Path) -> None:
    code, error = run_on("postgresql+psycopg://postgres@127.0.0.1:1/test", tmp_path)
    assert code == 1
    assert error.startswith(
        "careerbot report: cannot reach the database postgresql+psycopg://postgres@127.0.0.1:1/test"
    )


def test_a_missing_sqlite_file_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    code, error = run_on(f"sqlite:///{missing}", tmp_path)
    assert code == 1
    assert error == f"careerbot report: no database at {missing}: run the bot first, or pass --database URL\n"
    assert not missing.exists()


def test_a_schema_newer_than_the_code_is_one_line(sqlite_url: str, tmp_path: Path) -> None:
    Traffic().write(sqlite_url)
    engine = make_engine(sqlite_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    code, error = run_on(sqlite_url, tmp_path)
    assert code == 1
    assert "the database schema (9999) is newer than this careerbot knows" in error


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (("min_count: 10", "min_count: 3"), "report.yaml:27: min_count: Input should be greater than or equal to 5"),
        (("top: 20", "topp: 20"), "report.yaml:28: topp: unknown field (check its spelling; the keys are listed at the top of the file)"),
        (("[trung-hoc-nghe, trung-cap-so-cap, gdtx-nghe]\n    percent: 40", "[trung-hoc-nghe, hoc-nghe]\n    percent: 40"),
         "streams.thcs: 'hoc-nghe' is not a survey answer"),
    ],
    ids=["k-below-5", "misspelt-key", "unknown-stream"],
)  # fmt: skip
def test_a_wrong_settings_file_names_the_line(
    sqlite_url: str, tmp_path: Path, change: tuple[str, str], says: str
) -> None:
    Traffic().write(sqlite_url)
    bundled = Path(__file__).resolve().parent.parent / "report.yaml"
    settings = tmp_path / "report.yaml"
    original = bundled.read_text(encoding="utf-8")
    assert change[0] in original
    settings.write_text(original.replace(change[0], change[1], 1), encoding="utf-8")
    code, error = run_on(sqlite_url, tmp_path, "--settings", str(settings))
    assert code == 1
    assert error.startswith("careerbot report: report settings: ")
    assert says in error


def test_a_partial_list_of_questions_needs_no_complement() -> None:
    asked = [("a", 40), ("b", 12), ("c", 3)]
    complete = {r[0].text: r[1].text for r in unanswered_section(asked, k=10, limit=3).tables[0].rows}
    assert complete == {"a": "40", "b": "ẩn", "c": "<10"}, "all listed: they add up to the weekly total"
    partial = {r[0].text: r[1].text for r in unanswered_section([*asked, ("d", 2)], k=10, limit=3).tables[0].rows}
    assert partial == {"a": "40", "b": "12", "c": "<10"}, "one more exists unlisted: the rest is unknown"
