"""Anonymous signals on real SQLite and real PostgreSQL: what is kept, what never is, and resilience."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from bot.signals import migrate
from bot.signals.models import EventKind
from bot.signals.recorder import SignalRecorder
from bot.signals.scrub import scrub
from bot.store import PreferenceStore, make_engine
from tests.databases import database_urls, drop_schema
from tests.recording import RecordingRequest, message_update, running_bot, to_update, user

STUDENT = user(987654321)
STUDENT["first_name"] = "Nguyễn Thị Mai"
STUDENT["username"] = "mai_ng_2011"


@pytest.fixture(params=database_urls())
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    url = request.param(tmp_path)
    yield url
    drop_schema(url)


@pytest.fixture
async def bot(database: str) -> AsyncIterator[tuple[Any, RecordingRequest]]:
    async with running_bot(database) as running:
        yield running


async def say(application: Any, number: int, text: str, sender: dict[str, Any] = STUDENT) -> None:
    entities = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}] if text.startswith("/") else []
    data = message_update(number, sender=sender, text=text, **({"entities": entities} if entities else {}))
    await application.process_update(to_update(data, application.bot))


async def press(application: Any, number: int, action: str, sender: dict[str, Any] = STUDENT) -> None:
    shown = {
        "message_id": number,
        "date": int(time.time()),
        "chat": {"id": sender["id"], "type": "private"},
        "text": "…",
    }
    data = {
        "update_id": number,
        "callback_query": {"id": str(number), "from": sender, "chat_instance": "x", "data": action, "message": shown},
    }
    await application.process_update(to_update(data, application.bot))


def rows(url: str, table: str) -> list[dict[str, Any]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return [dict(r._mapping) for r in connection.execute(sa.text(f"SELECT * FROM {table}"))]  # noqa: S608
    finally:
        engine.dispose()


async def test_a_conversation_leaves_only_anonymous_counts(
    bot: tuple[Any, RecordingRequest], database: str, caplog: pytest.LogCaptureFixture
) -> None:
    application, _request = bot
    caplog.set_level("DEBUG")
    await say(application, 1, "/start o_han__THCS-TanCuong-9A")
    await say(application, 2, "học phí trung cấp")
    await say(application, 3, "tên em là Mai, sđt 0912345678, cho em hỏi điểm chuẩn bách khoa")
    await press(application, 4, "occupation:dieu-duong")
    await press(application, 5, "me:a:grade9")
    await press(application, 6, "sv:thcs:trung-hoc-nghe")
    await press(application, 7, "lang:en")
    application.bot_data.signals.flush()

    events = rows(database, "event")
    kinds = sorted(e["kind"] for e in events)
    assert kinds == sorted(
        ["campaign_opened", "card_opened", "question_answered", "question_unanswered", "card_opened", "survey_answer"]
    )
    assert {e["campaign"] for e in events if e["kind"] == "campaign_opened"} == {"THCS-TanCuong-9A"}
    unanswered = next(e for e in events if e["kind"] == "question_unanswered")
    assert "0912345678" not in unanswered["value"]
    assert "Mai" not in unanswered["value"]
    assert {str(e["day"]) for e in events} == {dt.datetime.now(dt.UTC).date().isoformat()}
    survey = next(e for e in events if e["kind"] == "survey_answer")
    assert (survey["entry_id"], survey["value"], survey["audience"]) == ("thcs", "trung-hoc-nghe", "grade9")

    # Nothing anywhere identifies the student: no id, no name, no username, no raw text.
    forbidden = ["987654321", "Nguyễn Thị Mai", "mai_ng_2011", "0912345678", "tên em là Mai"]
    for table in ("event", "preference", "periodkey", "storedsecret"):
        dump = repr(rows(database, table))
        for secret in forbidden:
            assert secret not in dump, (table, secret)
    for secret in forbidden:
        assert secret not in caplog.text


async def test_optout_stops_recording_but_not_answering(bot: tuple[Any, RecordingRequest], database: str) -> None:
    application, request = bot
    await say(application, 1, "/optout")
    assert "không đếm em nữa" in request.sent()[-1]["text"]
    await say(application, 2, "hàn")
    assert request.sent()[-1]["text"].startswith("<b>Hàn")
    application.bot_data.signals.flush()
    assert rows(database, "event") == []


async def test_forget_deletes_this_period_and_preferences(bot: tuple[Any, RecordingRequest], database: str) -> None:
    application, request = bot
    other = user(111)
    await say(application, 1, "hàn")
    await say(application, 2, "điều dưỡng", sender=other)
    await press(application, 3, "me:a:parent")
    application.bot_data.signals.flush()
    assert len(rows(database, "event")) == 2
    await say(application, 4, "/forget")
    assert "Đã xóa 1 lượt" in request.sent()[-1]["text"]
    remaining = rows(database, "event")
    assert len(remaining) == 1  # the other user's event stays
    assert rows(database, "preference") == []


async def test_database_down_answers_go_on_and_events_arrive_later(tmp_path: Path) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    url = f"sqlite:///{folder / 'signals.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    recorder = SignalRecorder(engine, PreferenceStore(engine, "0123456789abcdef-test"))
    recorder.record(EventKind.CARD_OPENED, 42, "vi", entry_kind="occupation", entry_id="han")
    # The database goes away (a server that is down: nothing listens on port 1).
    recorder.engine = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/gone?connect_timeout=2")
    recorder.record(EventKind.CARD_OPENED, 43, "vi", entry_kind="occupation", entry_id="han")
    assert recorder.flush() == 0
    assert len(recorder.queue) == 2  # nothing lost, nothing raised
    recorder.engine.dispose()
    recorder.engine = engine  # … and comes back
    assert recorder.flush() == 2
    assert len(rows(url, "event")) == 2


def test_the_queue_is_bounded(tmp_path: Path) -> None:
    from bot.signals import recorder as module

    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(engine)
    recorder = SignalRecorder(engine, PreferenceStore(engine, "0123456789abcdef-test"))
    for number in range(module.QUEUE_BOUND + 5):
        recorder.record(EventKind.CARD_OPENED, number, "vi")
    assert len(recorder.queue) == module.QUEUE_BOUND
    assert recorder.dropped == 5


def test_pseudonyms_count_a_user_once_per_period_and_cannot_link_periods(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    migrate.upgrade(engine)
    recorder = SignalRecorder(engine, PreferenceStore(engine, "0123456789abcdef-test"))
    monday, tuesday = dt.date(2026, 11, 23), dt.date(2026, 11, 24)
    assert recorder.pseudonym(7, monday) == recorder.pseudonym(7, monday)
    assert recorder.pseudonym(7, monday) != recorder.pseudonym(8, monday)
    assert recorder.pseudonym(7, monday) != recorder.pseudonym(7, tuesday)
    keys = rows(f"sqlite:///{tmp_path / 'x.db'}", "periodkey")
    assert [str(k["period_start"]) for k in keys] == [tuesday.isoformat()]  # Monday's key is destroyed


def test_a_database_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    assert migrate.current(engine) == migrate.head()
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(migrate.SchemaError, match="newer than this careerbot knows"):
        migrate.upgrade(engine)


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("tên em là Nguyễn Văn An, hỏi nghề hàn", "hỏi nghề hàn", "Nguyễn"),
        ("sdt 0912 345 678 hỏi về điện", "hỏi về điện", "345"),
        ("mail lan@gmail.com", "mail", "gmail"),
        ("xem https://example.vn/x nhé", "nhé", "example"),
        ("@lan_9a học gì", "học gì", "lan_9a"),
        ("cccd 012345678901 được không", "được không", "012345678901"),
        ("tôi là Trần Thị Bình, phụ huynh", "phụ huynh", "Bình"),
    ],
    ids=["name", "phone", "email", "url", "handle", "digits", "parent-name"],
)
def test_scrub_removes_contact_details_and_names(text: str, kept: str, gone: str) -> None:
    cleaned = scrub(text)
    assert kept in cleaned
    assert gone not in cleaned


@given(st.text(max_size=5000))
def test_scrub_never_raises_and_stays_short(text: str) -> None:
    cleaned = scrub(text)
    assert len(cleaned) <= 200
    assert scrub(cleaned) == cleaned or len(cleaned) == 200  # nothing left to scrub


def test_the_bot_refuses_a_newer_database_with_one_line(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    url = f"sqlite:///{tmp_path / 'x.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    result = run_cli("run", env={"TELEGRAM_BOT_TOKEN": "123456:TEST-TOKEN", "DATABASE_URL": url})
    assert result.returncode == 1
    assert result.stderr.startswith("careerbot: the database schema (9999) is newer than this careerbot knows")
    assert "Traceback" not in result.stderr
