"""The real Application with only the network replaced: paths the emulator cannot take.

Covered here: inline mode, stickers and other non-text messages, group chats, edited messages,
commands for admins, a database that is down, an exception inside a handler, rendering limits.
Covered end to end in tests/e2e: /start, deep links, menus and paging, free text, language, forged
buttons, unknown commands, privacy, long messages, the flood guard, webhook workers.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from handlers.render import TELEGRAM_LIMIT, render, split_messages
from knowledge.answers import Button, Reply
from tests.recording import BOT_USER, RecordingRequest, message_update, running_bot, to_update, user

ADMIN = 4242


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[tuple[Any, RecordingRequest]]:
    async with running_bot(f"sqlite:///{tmp_path / 'bot.db'}", admin_ids=str(ADMIN)) as running:
        yield running


async def feed(application: Any, data: dict[str, Any]) -> None:
    await application.process_update(to_update(data, application.bot))


async def test_inline_query_offers_cards_with_a_deep_link(bot: tuple[Any, RecordingRequest]) -> None:
    application, request = bot
    query = {"id": "q1", "from": user(), "query": "điện", "offset": ""}
    await feed(application, {"update_id": 1, "inline_query": query})
    (answer,) = request.sent("answerInlineQuery")
    results = json.loads(answer["results"]) if isinstance(answer["results"], str) else answer["results"]
    assert 1 <= len(results) <= 8
    first = results[0]
    assert "điện" in first["title"].lower()
    button = first["reply_markup"]["inline_keyboard"][0][0]
    assert button["text"] == "Mở trong careerbot"
    assert button["url"].startswith(f"https://t.me/{BOT_USER['username']}?start=o_")
    assert first["input_message_content"]["parse_mode"] == "HTML"


async def test_empty_inline_query_lists_trades(bot: tuple[Any, RecordingRequest]) -> None:
    application, request = bot
    await feed(application, {"update_id": 1, "inline_query": {"id": "q2", "from": user(), "query": "", "offset": ""}})
    (answer,) = request.sent("answerInlineQuery")
    results = json.loads(answer["results"]) if isinstance(answer["results"], str) else answer["results"]
    assert len(results) == 8


@pytest.mark.parametrize(
    "content",
    [
        {
            "sticker": {
                "file_id": "s",
                "file_unique_id": "s",
                "type": "regular",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
            }
        },
        {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]},
        {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 1}},
        {"location": {"latitude": 21.59, "longitude": 105.84}},
        {"document": {"file_id": "d", "file_unique_id": "d"}},
    ],
    ids=["sticker", "photo", "voice", "location", "document"],
)
async def test_non_text_messages_get_a_polite_note(bot: tuple[Any, RecordingRequest], content: dict[str, Any]) -> None:
    application, request = bot
    await feed(application, message_update(1, **content))
    (sent,) = request.sent()
    assert "Mình chỉ đọc được tin nhắn chữ" in sent["text"]


async def test_group_messages_not_addressed_to_the_bot_are_ignored(bot: tuple[Any, RecordingRequest]) -> None:
    application, request = bot
    group = {"id": -100123, "type": "supergroup", "title": "Lớp 9A"}
    await feed(application, message_update(1, chat=group, text="hàn"))
    assert request.sent() == []
    mention = f"@{BOT_USER['username']} hàn"
    entities = [{"type": "mention", "offset": 0, "length": len(BOT_USER["username"]) + 1}]
    await feed(application, message_update(2, chat=group, text=mention, entities=entities))
    (sent,) = request.sent()
    assert sent["text"].startswith("<b>Hàn")


async def test_edited_messages_are_not_answered_twice(bot: tuple[Any, RecordingRequest]) -> None:
    application, request = bot
    edited = message_update(1, text="hàn")
    edited["edited_message"] = edited.pop("message")
    edited["edited_message"]["edit_date"] = int(time.time())
    await feed(application, edited)
    assert request.sent() == []


async def test_reload_is_for_admins_only(bot: tuple[Any, RecordingRequest]) -> None:
    application, request = bot
    command = {"entities": [{"type": "bot_command", "offset": 0, "length": 7}], "text": "/reload"}
    await feed(application, message_update(1, **command))
    assert "Đã nạp lại" not in request.sent()[-1]["text"]
    assert "/privacy" in request.sent()[-1]["text"]  # an ordinary user gets the help text
    await feed(application, message_update(2, sender=user(ADMIN), **command))
    assert request.sent()[-1]["text"].startswith("<b>Đã nạp lại dữ liệu.</b>")


async def test_reload_of_a_broken_file_keeps_the_old_knowledge(
    bot: tuple[Any, RecordingRequest], tmp_path: Path
) -> None:
    application, request = bot
    holder = application.bot_data.knowledge
    broken = tmp_path / "careers.yaml"
    broken.write_text("version: [1\n", encoding="utf-8")
    holder.path = broken
    command = {"entities": [{"type": "bot_command", "offset": 0, "length": 7}], "text": "/reload"}
    await feed(application, message_update(1, sender=user(ADMIN), **command))
    text = request.sent()[-1]["text"]
    assert text.startswith("<b>Dữ liệu mới có lỗi; bot vẫn dùng bản cũ.</b>")
    assert "careers.yaml:2: YAML syntax error" in text
    await feed(application, message_update(2, text="hàn"))
    assert request.sent()[-1]["text"].startswith("<b>Hàn")


async def test_a_database_that_is_down_does_not_stop_answers(bot: tuple[Any, RecordingRequest], tmp_path: Path) -> None:
    application, request = bot
    from bot.store import make_engine

    store = application.bot_data.preferences
    store.engine = make_engine(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")  # cannot be opened
    store._rows.clear()
    store._loaded_at = -1e9
    await feed(application, message_update(1, text="học hàn"))
    assert request.sent()[-1]["text"].startswith("<b>Hàn")
    shown = {
        "message_id": 1,
        "date": int(time.time()),
        "chat": {"id": user()["id"], "type": "private"},
        "text": "…",
    }
    press = {"id": "c", "from": user(), "chat_instance": "x", "data": "lang:en", "message": shown}
    await feed(application, {"update_id": 2, "callback_query": press})
    assert request.sent()[-1]["text"].startswith("<b>Switched to English.</b>")


async def test_an_exception_in_a_handler_gets_an_apology_not_a_crash(
    bot: tuple[Any, RecordingRequest],
) -> None:
    application, request = bot

    def broken(_text: str) -> None:
        raise RuntimeError("boom")

    application.bot_data.knowledge.engine.answer = broken  # only this test's engine object
    await feed(application, message_update(1, text="hàn"))
    assert request.sent()[-1]["text"].startswith("<b>Xin lỗi, mình gặp trục trặc")
    application.bot_data.knowledge.engine.__dict__.pop("answer")
    await feed(application, message_update(2, text="hàn"))
    assert request.sent()[-1]["text"].startswith("<b>Hàn")


async def test_no_user_identity_in_logs(bot: tuple[Any, RecordingRequest], caplog: pytest.LogCaptureFixture) -> None:
    application, _request = bot
    caplog.set_level("DEBUG")
    secret_name = user(31337)
    secret_name["first_name"] = "Nguyễn Thị Bí Mật"
    await feed(application, message_update(1, sender=secret_name, text="số điện thoại em là 0912345678"))
    logged = caplog.text
    assert "31337" not in logged
    assert "Bí Mật" not in logged
    assert "0912345678" not in logged


def test_html_is_escaped_and_long_replies_are_split() -> None:
    reply = Reply(("<b>Tiêu đề</b> & co", "x" * 5000, "đoạn cuối"), (Button("Menu", "menu"),))
    messages = render(reply, None)
    assert messages[0][0].startswith("<b>&lt;b&gt;Tiêu đề&lt;/b&gt; &amp; co</b>")
    assert all(len(text) <= TELEGRAM_LIMIT for text, _markup in messages)
    assert messages[-1][1] is not None
    assert all(markup is None for _text, markup in messages[:-1])


def test_split_keeps_paragraphs_whole_when_they_fit() -> None:
    parts = ["a" * 3000, "b" * 3000, "c" * 10]
    assert split_messages(parts) == ["a" * 3000, "b" * 3000 + "\n\n" + "c" * 10]


def test_keyboard_json_is_built_once_and_stays_correct() -> None:
    reply = Reply(("Tiêu đề",), (Button("Menu", "menu"), Button("Hàn", "occupation:han")))
    (_text, markup), *_rest = render(reply, None)
    assert markup is not None
    first = markup.to_dict()
    assert first == {
        "inline_keyboard": [
            [{"text": "Menu", "callback_data": "menu"}, {"text": "Hàn", "callback_data": "occupation:han"}]
        ]
    }
    assert markup.to_dict() is first  # the cached JSON form is reused for every send
