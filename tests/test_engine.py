"""The answer engine on the bundled careers.yaml: what a student, a parent or a counselor would see."""

from __future__ import annotations

import pytest

from knowledge.answers import Intent
from knowledge.cards import MAX_REPLY_CHARS
from knowledge.engine import Engine


def top(engine: Engine, question: str) -> tuple[str, str | None]:
    answer = engine.answer(question)
    first = answer.matches[0] if answer.matches else None
    return str(answer.intent), (f"{first.kind}:{first.id}" if first else None)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("hàn", "occupation:han"),
        ("hoc han o dau", "occupation:han"),
        ("tiếng hàn", "occupation:tieng-han-quoc"),
        ("muốn đi Hàn Quốc làm việc", "occupation:tieng-han-quoc"),
        ("hoc cong nghe may", "occupation:cong-nghe-may"),
        ("em thich may tinh", "occupation:cong-nghe-thong-tin"),
        ("sửa xe máy", "occupation:sua-chua-xe-may"),
        ("trường nào dạy hàn", "occupation:han"),
        ("welder", "occupation:han"),
        ("thợ điện lạnh", "occupation:ky-thuat-may-lanh"),
        ("trường việt đức", "school:cd-cong-nghiep-viet-duc"),
        ("cd y te thai nguyen", "school:cd-y-te-thai-nguyen"),
        ("học phí cao đẳng y tế", "school:cd-y-te-thai-nguyen"),
        ("học phí học nghề bao nhiêu", "policy:tran-hoc-phi"),
        ("tốt nghiệp lớp 9 học trung cấp có mất học phí ko", "policy:mien-hoc-phi-thcs-trung-cap"),
        ("chính sách nội chú", "policy:noi-tru"),
        ("vay vố học nghề", "policy:vay-von-hssv"),
        ("trung học nghề là gì", "faq:trung-hoc-nghe"),
        ("hồ sơ đăng ký học nghề", "faq:ho-so-dang-ky"),
    ],
    ids=lambda v: v,
)
def test_questions_reach_the_right_entry(engine: Engine, question: str, expected: str) -> None:
    intent, first = top(engine, question)
    assert first == expected
    assert intent == expected.split(":")[0]


@pytest.mark.parametrize(
    "question",
    [
        "thời tiết hôm nay",
        "điểm chuẩn đại học bách khoa",
        "cho em sdt của cô chủ nhiệm",
        "asdfgh",
        "bot ngu vl",
        "🙂",
        "...",
    ],
    ids=lambda v: v,
)
def test_out_of_scope_and_nonsense_get_the_honest_fallback(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.intent is Intent.UNKNOWN
    assert answer.matches == ()
    assert "không muốn đoán" in answer.reply.text or "nằm ngoài" in answer.reply.text
    assert "Sở GD&ĐT Thái Nguyên" in answer.reply.text
    assert answer.reply.buttons[-1].action == "menu"


def test_a_vague_question_offers_suggestions_without_claiming_them(engine: Engine) -> None:
    answer = engine.answer("chăm sóc")
    assert answer.intent is Intent.UNKNOWN
    assert answer.matches == ()
    assert len(answer.reply.buttons) >= 2  # the closest topics, then the menu
    assert "Có thể em muốn hỏi" in answer.reply.text


@pytest.mark.parametrize(
    "question", ["hok bit hoc nghe j", "con tôi học lớp 9 học nghề gì", "em nên học nghề gì"], ids=lambda v: v
)
def test_open_which_trade_questions_lead_to_the_quiz(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.intent is Intent.QUIZ
    assert any(b.action == "quiz" for b in answer.reply.buttons)


def test_fees_of_a_named_school_open_its_card_with_a_pointer_to_the_fee_rules(engine: Engine) -> None:
    answer = engine.answer("học phí cao đẳng y tế")
    assert answer.matches[0].id == "cd-y-te-thai-nguyen"
    assert "mức trần của Nhà nước" in answer.reply.paragraphs[1]
    assert any(b.action == "policy:tran-hoc-phi" for b in answer.reply.buttons)


def test_named_interest_beats_the_quiz(engine: Engine) -> None:
    assert top(engine, "em thích nấu ăn thì học nghề gì")[1] == "occupation:che-bien-mon-an"


@pytest.mark.parametrize("question", ["chào", "Xin chào ạ", "hi"], ids=lambda v: v)
def test_greetings(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.intent is Intent.GREETING
    assert "careerbot" in answer.reply.text
    assert [b.label for b in answer.reply.buttons][:2] == ["Tìm hiểu nghề", "Trường đào tạo"]


def test_diacritics_typed_prefer_the_same_spelling(engine: Engine) -> None:
    # "máy" is not "may": typed with diacritics, the machine trades must outrank sewing.
    assert top(engine, "học máy lạnh")[1] == "occupation:ky-thuat-may-lanh"
    assert top(engine, "học may")[1] == "occupation:cong-nghe-may"


def test_merged_school_says_so_plainly(engine: Engine) -> None:
    answer = engine.answer("Trường Cao đẳng Y tế Thái Nguyên ở đâu?")
    assert answer.matches[0].id == "cd-y-te-thai-nguyen"
    assert "QĐ 2345/QĐ-TTg" in answer.reply.text
    assert "Đại học Y – Dược" in answer.reply.text
    assert any(b.action == "school:dh-y-duoc-thai-nguyen" for b in answer.reply.buttons)


def test_school_outside_the_province_says_where_it_is(engine: Engine) -> None:
    answer = engine.answer("cao đẳng công nghiệp việt bắc vinacomin")
    assert answer.matches[0].id == "cd-cong-nghiep-viet-bac-vinacomin"
    assert "Quảng Ninh" in answer.reply.text


def test_policy_card_formats_money_with_babel_and_gives_the_current_rule(engine: Engine) -> None:
    text = engine.answer("chính sách nội trú").reply.text
    assert "2.530.000\xa0₫" in text  # lương cơ sở from 1/7/2026, formatted for vi_VN
    assert "{luong-co-so}" not in text


def test_tuition_exemption_cites_the_decree_in_force(engine: Engine) -> None:
    text = engine.answer("miễn học phí trung cấp sau lớp 9").reply.text
    assert "238/2025" in text
    # "khoản 17 Điều 15" is NĐ 81/2021's numbering: it may only appear as the old rule.
    assert 'khoản 17 Điều 15", đó là số khoản của NĐ 81/2021' in text


def test_cards_show_sources_and_verification_date(engine: Engine) -> None:
    text = engine.answer("điều dưỡng").reply.text
    assert "Nguồn:" in text
    assert "Cập nhật: 27/11/2026" in text


def test_english_question_matches_english_names(engine: Engine) -> None:
    assert top(engine, "What does an industrial electronics technician do?")[1] == "occupation:dien-tu-cong-nghiep"


def test_every_card_and_menu_fits_in_one_telegram_message(engine: Engine) -> None:
    kb = engine.kb
    actions = [f"occupation:{o.id}" for o in kb.occupations] + [f"school:{s.id}" for s in kb.schools]
    actions += [f"policy:{p.id}" for p in kb.policies] + [f"faq:{f.id}" for f in kb.faqs]
    actions += ["menu", "menu:occupations", "menu:schools", "menu:policies", "menu:faqs", "quiz"]
    actions += [f"sector:{s.id}" for s in kb.sectors]
    for action in actions:
        reply = engine.open(action)
        assert reply is not None, action
        assert 0 < len(reply.text) <= MAX_REPLY_CHARS, action


def test_stale_or_forged_actions_open_nothing(engine: Engine) -> None:
    for action in [
        "occupation:khong-co",
        "school:",
        "sector:x",
        "menu:abc",
        "",
        "occupation:han:extra",
        "🙂",
    ]:
        assert engine.open(action) is None


def test_a_4096_character_message_is_answered(engine: Engine) -> None:
    answer = engine.answer("học hàn " + "a" * 4090)
    assert answer.reply.text
    answer = engine.answer("\u200b\u0000" * 2048)
    assert answer.intent is Intent.UNKNOWN


def test_every_occupation_is_found_by_its_own_name(engine: Engine) -> None:
    for occupation in engine.kb.occupations:
        assert top(engine, occupation.name)[1] == f"occupation:{occupation.id}", occupation.name


def test_every_school_is_found_by_its_own_name(engine: Engine) -> None:
    for school in engine.kb.schools:
        assert top(engine, school.name)[1] == f"school:{school.id}", school.name
