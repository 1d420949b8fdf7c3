"""The interest quiz end to end: a student answers every question by button and reaches a school card.

The quiz takes 26 presses, more than the session bot's flood limit (6 in 10 s) lets a fast test player
make, so these tests run their own `careerbot run` under another bot token with a higher limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from knowledge.loader import load_knowledge
from knowledge.quiz import bundled_quiz
from tests.e2e.conftest import ROOT, Chat, _stop, start_polling_bot

pytestmark = pytest.mark.e2e

QUIZ_TOKEN = "654321:QUIZ-TOKEN"
QUIZ = bundled_quiz()
TOTAL = len(QUIZ.statements)


@pytest.fixture(scope="module")
def quiz_bot(emulator_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # Its own bot and token, with room for a fast tapper: the session bot's flood limit is low.
    process = start_polling_bot(emulator_url, tmp_path_factory.mktemp("quiz-bot"), QUIZ_TOKEN, FLOOD_LIMIT="200")
    yield
    _stop(process)


@pytest.fixture
def student(emulator_url: str, quiz_bot: None) -> Iterator[Chat]:
    conversation = Chat(emulator_url, token=QUIZ_TOKEN)
    yield conversation
    conversation.close()


def open_quiz(chat: Chat, who: str = "Em tự làm") -> dict[str, Any]:
    chat.send("/start")
    start = chat.click("Trắc nghiệm sở thích")
    assert start["text"].startswith("Khám phá bản thân: trắc nghiệm sở thích")
    return chat.click(who)


def test_a_student_answers_every_question_and_reaches_a_school(student: Chat) -> None:
    message = open_quiz(student)
    for number, statement in enumerate(QUIZ.statements, start=1):
        assert message["text"].startswith(f"Câu {number}/{TOTAL}")
        assert statement.text in message["text"]
        assert list(student.buttons()) == [
            "Thích",
            "Bình thường",
            "Không thích",
            "« Câu trước" if number > 1 else "« Quay lại",
            "Dừng lại",
        ]
        # Likes hands-on and finding-out-why things, nothing else: leads to the electrical trades.
        message = student.click("Thích" if statement.type in "RI" else "Không thích")
    result = message
    assert result["text"].startswith("Kết quả: RI — Kỹ thuật, Nghiên cứu")
    assert "Điện công nghiệp · RIC · trung cấp, cao đẳng · học ở" in result["text"]
    assert "Miễn học phí cho học sinh tốt nghiệp THCS" in result["text"]
    assert "không phải kết luận" in result["text"]
    assert "Xem lại kết quả" in student.buttons()

    card = student.click("Điện công nghiệp")
    assert card["text"].startswith("Điện công nghiệp")
    assert card["message_id"] != result["message_id"]  # the result stays in the chat to come back to

    kb = load_knowledge(ROOT / "careers.yaml").knowledge
    label, button = next(
        (k, b) for k, b in student.buttons().items() if b.get("callback_data", "").startswith("school:")
    )
    school_id = button["callback_data"].removeprefix("school:")
    school = student.click(label)
    assert school["text"].startswith(next(s.name for s in kb.schools if s.id == school_id))
    assert "Điện công nghiệp" in school["text"]


def test_back_stop_continue_and_an_older_message_resumes(student: Chat) -> None:
    open_quiz(student)
    student.click("Thích")
    assert student.click("Không thích")["text"].startswith(f"Câu 3/{TOTAL}")
    assert student.click("« Câu trước")["text"].startswith(f"Câu 2/{TOTAL}")
    student.click("Bình thường")
    stopped = student.click("Dừng lại")
    assert stopped["text"].startswith(f"Đã dừng bài trắc nghiệm ở câu 3/{TOTAL}.")
    assert list(student.buttons()) == ["Làm tiếp", "Menu"]
    older = student.click("Làm tiếp")
    assert older["text"].startswith(f"Câu 3/{TOTAL}")

    student.send("/start")  # the student wanders off, then scrolls back up to the quiz
    student.user.press_button(older["message_id"], student.buttons(older)["Thích"]["callback_data"])
    resumed = student.after_click(10)
    assert resumed["message_id"] == older["message_id"]
    assert resumed["text"].startswith(f"Câu 4/{TOTAL}")


def test_a_parent_reads_the_parent_wording(student: Chat) -> None:
    first = open_quiz(student, who="Phụ huynh làm cho con")
    assert QUIZ.statements[0].parent in first["text"]
    assert "Theo anh/chị, con có thích việc này không?" in first["text"]


@pytest.mark.parametrize(
    "data", ["quiz:s:zz:0122", "quiz:r:s:00:1", "quiz:💥"], ids=["stale", "short-result", "garbage"]
)
def test_tampered_or_stale_quiz_buttons_restart_politely(student: Chat, data: str) -> None:
    student.send("/start")
    message = student.press(data)
    assert student.callback_answer is None  # not the "no longer exists" alert: the quiz just starts again
    assert message["text"].startswith("Bài trắc nghiệm bắt đầu lại từ câu 1")
    assert f"Câu 1/{TOTAL}" in message["text"]
    assert "Thích" in student.buttons()
