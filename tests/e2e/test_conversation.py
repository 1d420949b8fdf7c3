"""The bot end to end against the Bot API emulator, played as a student, a parent and a counselor."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import Chat

pytestmark = pytest.mark.e2e


def test_start_shows_welcome_privacy_line_and_main_menu(chat: Chat) -> None:
    message = chat.send("/start")
    assert message["text"].startswith("Chào em! Mình là careerbot")
    assert "không lưu tên, số điện thoại hay tin nhắn" in message["text"]
    assert list(chat.buttons()) == [
        "Tìm hiểu nghề",
        "Trường đào tạo",
        "Học phí và chính sách",
        "Hỏi đáp cho phụ huynh",
        "Trắc nghiệm sở thích",
        "Ngôn ngữ",
        "Khảo sát dự định",
        "Giới thiệu về em",
    ]


def test_deep_link_opens_a_card_directly(chat: Chat) -> None:
    message = chat.send("/start o_han__THCS-TanCuong-9A")
    assert message["text"].startswith("Hàn")
    assert "Cập nhật: 27/11/2026" in message["text"]
    share = chat.buttons()["📤 Chia sẻ"]
    assert share["url"].startswith("https://t.me/share/url?url=https%3A%2F%2Ft.me%2F")
    assert "start%3Do_han" in share["url"]


@pytest.mark.parametrize(
    "payload", ["o_khong-co-nghe-nay", "x_han", "<script>", "a" * 65], ids=["stale", "kind", "html", "long"]
)
def test_bad_deep_links_give_the_normal_welcome(chat: Chat, payload: str) -> None:
    assert chat.send(f"/start {payload}")["text"].startswith("Chào em!")


def test_menu_to_a_card_and_back(chat: Chat) -> None:
    chat.send("/menu")
    listing = chat.click("Tìm hiểu nghề")
    assert listing["text"].startswith("Tìm hiểu nghề — chọn một nhóm nghề")
    sector = chat.click("Y tế – chăm sóc sức khỏe")
    assert sector["text"].startswith("Y tế – chăm sóc sức khỏe")
    card = chat.click("Điều dưỡng")
    assert card["text"].startswith("Điều dưỡng")
    assert "Nguồn:" in card["text"]
    back = chat.click("« Nhóm nghề")
    assert back["text"].startswith("Y tế – chăm sóc sức khỏe")


def test_long_lists_are_paged(chat: Chat) -> None:
    chat.send("/menu")
    schools = chat.click("Trường đào tạo")
    assert "Trang 1/" in schools["text"]
    second = chat.click("Sau ›")
    assert "Trang 2/" in second["text"]
    assert "‹ Trước" in chat.buttons()


@pytest.mark.parametrize(
    ("question", "heading"),
    [("hoc nghe han o dau", "Hàn"), ("học nghề hàn ở đâu", "Hàn"), ("tiếng hàn", "Tiếng Hàn Quốc")],
    ids=["no-diacritics", "diacritics", "korean"],
)
def test_free_text_questions(chat: Chat, question: str, heading: str) -> None:
    assert chat.send(question)["text"].split("\n")[0].startswith(heading)


def test_out_of_scope_question_gets_the_honest_fallback(chat: Chat) -> None:
    text = chat.send("thời tiết hôm nay thế nào")["text"]
    assert "nằm ngoài những gì mình biết" in text
    assert "Menu" in chat.buttons()


def test_language_switch_to_english_and_back(chat: Chat) -> None:
    chat.send("/lang")
    english = chat.click("English")
    assert english["text"].startswith("Switched to English.")
    assert "Trades" in chat.buttons() or "Explore trades" in chat.buttons()
    card = chat.send("welding")
    assert card["text"].startswith("Welding")
    chat.send("/lang")
    assert chat.click("Tiếng Việt")["text"].startswith("Đã chuyển sang tiếng Việt.")


def test_forged_button_data_is_answered_politely(chat: Chat) -> None:
    chat.send("/menu")
    message = chat.press("occupation:da-bi-xoa")
    assert chat.callback_answer == "Mục này không còn nữa. Mời em chọn lại từ menu."
    assert message["text"].startswith("Chào em!")


def test_unknown_command_gets_help(chat: Chat) -> None:
    text = chat.send("/abcxyz")["text"]
    assert "/lang" in text
    assert "/privacy" in text


def test_privacy_command(chat: Chat) -> None:
    text = chat.send("/privacy")["text"]
    assert "không lưu tên" in text


def test_html_in_a_question_is_not_rendered(chat: Chat) -> None:
    message = chat.send("<b>hàn</b> & <script>")
    # The markup in the question is read as words (the welding card comes back) and the reply's own
    # HTML is well formed: only the bot's <b> heading, every dynamic "<" and "&" escaped.
    assert message["text"].startswith("Hàn")
    assert message["html"].startswith("<b>Hàn")
    assert "<script>" not in message["html"]
    assert set(re.findall(r"</?([a-z]+)", message["html"])) <= {"b"}


def test_a_4096_character_message_is_answered(chat: Chat) -> None:
    message = chat.send("học hàn " + "á" * 4080)
    assert message["text"].startswith("Hàn")
    assert len(message["html"]) <= 4096


def test_flood_guard_asks_to_slow_down_then_goes_quiet(emulator_url: str, polling_bot: object) -> None:
    flooder = Chat(emulator_url)
    for _ in range(16):  # FLOOD_LIMIT is 12 in these tests
        flooder.user.send_text("hàn")
    replies = [message["text"] for message in flooder.silence(4.0)]
    warnings = [r for r in replies if r == "Em gửi nhanh quá! Nghỉ một chút rồi hỏi tiếp nhé."]
    assert len(warnings) == 1
    # At most the limit is answered (the emulator can drop an update in such a burst, so not "exactly").
    assert 6 <= len(replies) - 1 <= 12
    flooder.user.send_text("hàn")
    assert flooder.silence(2.0) == []  # still paused
    flooder.close()


def test_streaming_survey_from_the_menu(chat: Chat) -> None:
    chat.send("/menu")
    assert chat.click("Khảo sát dự định")["text"].startswith("Khảo sát ẩn danh, một câu hỏi")
    options = chat.click("Tốt nghiệp THCS (lớp 9)")
    assert options["text"] == "Sau khi tốt nghiệp THCS, em dự định…"
    assert "Học trung học nghề (cấp học mới từ 2026)" in chat.buttons()
    assert chat.click("Học trung học nghề (cấp học mới từ 2026)")["text"].startswith("Cảm ơn em đã trả lời!")


def test_about_me_then_optout_and_forget(chat: Chat) -> None:
    chat.send("/menu")
    chat.click("Giới thiệu về em")
    chat.click("Phụ huynh")
    assert chat.click("Võ Nhai")["text"] == "Cảm ơn em! Mình đã ghi nhận."
    assert "không đếm em nữa" in chat.send("/optout")["text"]
    assert chat.send("hàn")["text"].startswith("Hàn")  # still answered in full
    assert chat.send("/forget")["text"].startswith("Đã xóa")


def test_stats_is_for_admins_only(emulator_url: str, polling_bot: object) -> None:
    from tests.e2e.conftest import ADMIN_ID

    student = Chat(emulator_url)
    assert "/privacy" in student.send("/stats")["text"]  # the normal help, no numbers
    admin = Chat(emulator_url, user_id=ADMIN_ID)
    text = admin.send("/stats")["text"]
    assert text.startswith("Thống kê (ẩn danh)")
    assert "Đang chờ ghi" in text
    student.close()
    admin.close()


def test_answers_offer_feedback_buttons(chat: Chat) -> None:
    chat.send("điều dưỡng")
    assert {"👍", "👎"} <= set(chat.buttons())
    chat.user.press_button(chat.last["message_id"], chat.buttons()["👍"]["callback_data"])
    answer = chat._next(("answerCallbackQuery",), 10)
    assert answer["params"]["text"] == "Cảm ơn em đã góp ý!"
