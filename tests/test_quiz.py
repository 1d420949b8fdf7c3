"""The interest quiz ("Khám phá bản thân"), played through Engine.open as the buttons lead."""

from __future__ import annotations

import contextvars
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.app import build_application
from bot.catalogs import translations
from bot.settings import load_settings
from bot.store import make_engine
from knowledge.answers import Reply
from knowledge.cards import MAX_REPLY_CHARS
from knowledge.engine import Engine
from knowledge.i18n import use_language
from knowledge.loader import KnowledgeError
from knowledge.models import HOLLAND_LETTERS
from knowledge.quiz import (
    BUNDLED_QUIZ,
    MAX_STATEMENTS,
    QuizFile,
    bundled_quiz,
    fingerprint,
    is_result,
    load_quiz,
    longest_action,
    similarity,
)
from tests.conftest import ROOT, run_cli
from tests.recording import RecordingRequest, to_update, user

QUIZ = bundled_quiz()
TOTAL = len(QUIZ.statements)
TAG = fingerprint(QUIZ)
LABELS = {"2": "Thích", "1": "Bình thường", "0": "Không thích"}
RESTARTED = "Bài trắc nghiệm bắt đầu lại từ câu 1"


def press(engine: Engine, reply: Reply, label: str) -> Reply:
    """Press the button with this label, as a user would."""
    action = next(b.action for b in reply.buttons if b.label == label)
    opened = engine.open(action)
    assert opened is not None, action
    return opened


def play(engine: Engine, answers: str, who: str = "Em tự làm") -> Reply:
    """From the main menu's quiz button to the screen after the given answers."""
    reply = press(engine, engine.welcome(), "Trắc nghiệm sở thích")
    reply = press(engine, reply, who)
    for digit in answers:
        reply = press(engine, reply, LABELS[digit])
    return reply


def sheet(liked: str, neutral: str = "") -> str:
    """Thích for statements of the `liked` types, Bình thường for `neutral` ones, Không thích otherwise."""
    return "".join("2" if s.type in liked else "1" if s.type in neutral else "0" for s in QUIZ.statements)


def labels(reply: Reply) -> list[str]:
    return [b.label for b in reply.buttons]


# -- the file -----------------------------------------------------------------------------------------------


def test_the_bundled_quiz_is_balanced_and_interleaved() -> None:
    assert 24 <= TOTAL <= MAX_STATEMENTS
    counts = {letter: sum(s.type == letter for s in QUIZ.statements) for letter in HOLLAND_LETTERS}
    assert set(counts.values()) == {TOTAL // 6}
    # No two statements of the same type in a row: answers stay independent of each other.
    assert all(a.type != b.type for a, b in zip(QUIZ.statements, QUIZ.statements[1:], strict=False))
    assert all(s.parent != s.text for s in QUIZ.statements)


def test_every_id_the_quiz_names_exists_in_careers_yaml(engine: Engine) -> None:
    occupations = {o.id for o in engine.kb.occupations}
    for statement in QUIZ.statements:
        assert set(statement.examples) <= occupations, statement.id
    assert {p.id for p in engine.kb.policies} >= set(QUIZ.policies)
    assert "mien-hoc-phi-thcs-trung-cap" in QUIZ.policies


def quiz_problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "quiz.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_quiz(path)
    return [p.render(caught.value.filename) for p in caught.value.problems]


def test_a_bad_quiz_file_is_reported_with_lines_and_paths(tmp_path: Path) -> None:
    good = BUNDLED_QUIZ.read_text(encoding="utf-8")
    bad = good.replace("    type: A\n    text: Quay và dựng", "    type: X\n    text: Quay và dựng", 1)
    bad = bad.replace("    examples: [thiet-ke-do-hoa]\n", "    exemples: [thiet-ke-do-hoa]\n", 1)
    problems = quiz_problems(tmp_path, bad)
    line = next(i for i, text in enumerate(bad.splitlines(), start=1) if "type: X" in text)
    assert any(p.startswith(f"quiz.yaml:{line}: statements[2].type:") for p in problems), problems
    assert any("statements[2].exemples: unknown field" in p for p in problems), problems


def test_an_unbalanced_or_duplicated_quiz_is_refused(tmp_path: Path) -> None:
    good = BUNDLED_QUIZ.read_text(encoding="utf-8")
    unbalanced = good.replace("  - id: wifi-cham\n    type: I", "  - id: wifi-cham\n    type: R", 1)
    assert any(
        "each type needs the same number of statements (now R 5, I 3" in p for p in quiz_problems(tmp_path, unbalanced)
    )
    duplicated = good.replace("  - id: wifi-cham\n", "  - id: sua-xe-dap\n", 1)
    assert any("statements[1].id: same id as statements[0]" in p for p in quiz_problems(tmp_path, duplicated))
    assert any(
        "duplicate key" in p for p in quiz_problems(tmp_path, good.replace("policies:", "types: {}\npolicies:", 1))
    )


def test_the_longest_action_of_a_30_statement_quiz_fits_in_callback_data() -> None:
    statements = [
        s.model_copy(update={"id": f"{s.id}-{n}"}) for n in range(MAX_STATEMENTS // TOTAL + 1) for s in QUIZ.statements
    ]
    by_type = {letter: [s for s in statements if s.type == letter][: MAX_STATEMENTS // 6] for letter in HOLLAND_LETTERS}
    thirty = QuizFile(
        types=QUIZ.types,
        policies=QUIZ.policies,
        statements=tuple(s for group in zip(*by_type.values(), strict=True) for s in group),
    )
    assert len(thirty.statements) == 30
    longest = longest_action(thirty)
    assert longest.isascii()
    assert len(longest.encode()) <= 64, longest
    assert len(longest.encode()) == len("quiz:r:p:xx:") + 30


# -- playing it ---------------------------------------------------------------------------------------------


def test_start_screen_offers_the_student_and_the_parent_way(engine: Engine) -> None:
    start = press(engine, engine.welcome(), "Trắc nghiệm sở thích")
    assert start.paragraphs[0] == "Khám phá bản thân: trắc nghiệm sở thích"
    assert f"{TOTAL} câu ngắn" in start.text
    assert labels(start) == ["Em tự làm", "Phụ huynh làm cho con", "« Menu"]


def test_a_question_shows_progress_three_answers_back_and_stop(engine: Engine) -> None:
    seventh = play(engine, "210210")
    assert seventh.paragraphs[0] == f"Câu 7/{TOTAL}"
    assert seventh.paragraphs[1] == QUIZ.statements[6].text
    assert seventh.paragraphs[2] == "Em có thích làm việc này không?"
    assert labels(seventh) == ["Thích", "Bình thường", "Không thích", "« Câu trước", "Dừng lại"]
    back = press(engine, seventh, "« Câu trước")
    assert back.paragraphs[:2] == (f"Câu 6/{TOTAL}", QUIZ.statements[5].text)
    first = play(engine, "")
    assert press(engine, first, "« Quay lại").paragraphs[0] == "Khám phá bản thân: trắc nghiệm sở thích"


def test_stop_gives_a_short_note_the_menu_and_a_way_to_continue(engine: Engine) -> None:
    stopped = press(engine, play(engine, "2101"), "Dừng lại")
    assert stopped.paragraphs[0] == f"Đã dừng bài trắc nghiệm ở câu 5/{TOTAL}."
    assert labels(stopped) == ["Làm tiếp", "Menu"]
    assert press(engine, stopped, "Làm tiếp").paragraphs[:2] == (f"Câu 5/{TOTAL}", QUIZ.statements[4].text)


def test_an_older_button_resumes_from_its_own_point(engine: Engine) -> None:
    third = play(engine, "22")
    play(engine, "2200001")  # the student went on, then scrolls back up to the third question
    fourth = press(engine, third, "Không thích")
    assert fourth.paragraphs[0] == f"Câu 4/{TOTAL}"
    assert any(b.action.endswith(":2200") for b in fourth.buttons)


def test_parent_wording_in_parent_mode(engine: Engine) -> None:
    first = play(engine, "", who="Phụ huynh làm cho con")
    assert first.paragraphs[1] == QUIZ.statements[0].parent
    assert first.paragraphs[2] == "Theo anh/chị, con có thích việc này không?"
    result = play(engine, sheet("SE"), who="Phụ huynh làm cho con")
    assert "Sở thích nổi bật của con" in result.text
    assert "không phải kết luận con hợp" in result.text
    assert "để con tự làm bài này" in result.text


@pytest.mark.parametrize("letter", list(HOLLAND_LETTERS), ids=list(HOLLAND_LETTERS))
def test_liking_only_one_types_statements_puts_that_type_first(engine: Engine, letter: str) -> None:
    result = play(engine, sheet(letter))
    assert result.paragraphs[0].startswith(f"Kết quả: {letter} — ")
    # The other five are tied at zero: the code says so instead of inventing a second letter.
    assert "nên mã chỉ có 1 chữ cái thay vì ba" in result.text
    suggestions = engine.interest_quiz.suggest(sheet(letter))
    assert 5 <= len(suggestions) <= 8
    assert suggestions[0][0].holland.startswith(letter)
    assert [b.action for b in result.buttons][: len(suggestions)] == [f"occupation:{o.id}" for o, _s in suggestions]


def test_a_two_type_tie_is_reported_as_a_tie(engine: Engine) -> None:
    result = play(engine, sheet("RI", neutral="A"))
    assert result.paragraphs[0] == "Kết quả: RIA — Kỹ thuật, Nghiên cứu, Nghệ thuật"
    assert "Kỹ thuật và Nghiên cứu bằng điểm nhau: thứ tự giữa chúng trong mã chỉ là quy ước." in result.text


@pytest.mark.parametrize("digit", ["2", "1", "0"], ids=["all-like", "all-neutral", "all-dislike"])
def test_a_flat_profile_gets_the_honest_message_and_no_trades(engine: Engine, digit: str) -> None:
    result = play(engine, digit * TOTAL)
    assert result.paragraphs[0] == "Kết quả: chưa rõ sở thích"
    assert "Em chưa thể hiện rõ sở thích — thử trả lời lại hoặc nói chuyện với thầy cô" in result.text
    assert not any(b.action.startswith("occupation:") for b in result.buttons)
    assert labels(result) == ["Làm lại", "Tìm hiểu nghề", "Menu"]


def test_nearly_flat_is_flat_too(engine: Engine) -> None:
    assert play(engine, "2" + "1" * (TOTAL - 1)).paragraphs[0] == "Kết quả: chưa rõ sở thích"


def test_the_result_names_levels_schools_policies_and_is_a_guide(engine: Engine) -> None:
    result = play(engine, sheet("RI"))
    text = result.text
    assert result.subject is None
    assert "Điện công nghiệp · RIC · trung cấp, cao đẳng · học ở" in text
    assert "Chính sách thường áp dụng khi học nghề: Miễn học phí cho học sinh tốt nghiệp THCS" in text
    assert "không phải kết luận" in text
    assert "thầy cô tư vấn hướng nghiệp" in text
    assert "bố mẹ" in text
    actions = [b.action for b in result.buttons]
    assert "policy:mien-hoc-phi-thcs-trung-cap" in actions
    again = next(b.action for b in result.buttons if b.label == "Xem lại kết quả")
    assert is_result(again)
    assert again == f"quiz:r:s:{fingerprint(QUIZ)}:{sheet('RI')}"
    assert engine.open(again) == result  # a deep link can carry the compact answers later
    assert [is_result(a) for a in actions].count(True) == 1


def test_merged_and_outside_schools_are_not_offered_as_places_to_learn(engine: Engine) -> None:
    text = play(engine, sheet("SI")).text
    assert "CĐ Y tế Thái Nguyên" not in text  # merged into the university in 2025
    assert "ĐH Y Dược Thái Nguyên" in text


@settings(max_examples=200, deadline=None)
@given(answers=st.text(alphabet="012", min_size=TOTAL, max_size=TOTAL), mode=st.sampled_from("sp"))
def test_results_fit_in_one_telegram_message_and_every_button_opens(engine: Engine, answers: str, mode: str) -> None:
    result = engine.open(f"quiz:{mode}:{TAG}:{answers}")
    assert result is not None
    assert result.paragraphs[0].startswith("Kết quả")
    assert len(result.text) <= MAX_REPLY_CHARS
    for button in result.buttons:
        assert engine.open(button.action) is not None, button.action


# -- tampered, stale and garbage actions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "action",
    [
        "quiz:s:zz:0120",  # from an older quiz.yaml
        f"quiz:s:{TAG}:0193",
        f"quiz:s:{TAG}:" + "1" * (TOTAL + 1),
        f"quiz:q:{TAG}:012",
        f"quiz:r:s:{TAG}:012",
        f"quiz:x:s:{TAG}:01:2",
        f"quiz:s:{TAG}:٠١٢",
        "quiz:",
        "quiz:s",
        "quiz::::",
        "quiz:<b>:</b>:",
        "quiz:" + "9" * 100,
    ],
    ids=[
        "stale",
        "digit",
        "too-many",
        "mode",
        "short-result",
        "extra-part",
        "arabic-digits",
        "empty",
        "no-tag",
        "colons",
        "html",
        "long",
    ],
)
def test_tampered_stale_or_garbage_actions_restart_politely(engine: Engine, action: str) -> None:
    reply = engine.open(action)
    assert reply is not None
    assert reply.paragraphs[0] == RESTARTED
    assert f"Câu 1/{TOTAL}" in reply.paragraphs
    assert labels(reply)[:3] == ["Thích", "Bình thường", "Không thích"]


def test_a_reordered_quiz_makes_old_buttons_stale(engine: Engine) -> None:
    reordered = QuizFile(types=QUIZ.types, policies=QUIZ.policies, statements=QUIZ.statements[::-1])
    assert fingerprint(reordered) != fingerprint(QUIZ)
    reworded = QuizFile(
        types=QUIZ.types,
        policies=QUIZ.policies,
        statements=(QUIZ.statements[0].model_copy(update={"text": "Sửa xe đạp"}), *QUIZ.statements[1:]),
    )
    assert fingerprint(reworded) == fingerprint(QUIZ)  # a wording fix keeps quizzes in progress


@settings(max_examples=150, deadline=None)
@given(answers=st.text(alphabet="012", max_size=TOTAL), mode=st.sampled_from("sp"), step=st.sampled_from(["", "x:"]))
def test_every_quiz_button_is_ascii_fits_and_opens(engine: Engine, answers: str, mode: str, step: str) -> None:
    reply = engine.open(f"quiz:{step}{mode}:{TAG}:{answers}")
    assert reply is not None
    assert reply.paragraphs[0] != RESTARTED
    for button in reply.buttons:
        assert button.action.isascii()
        assert len(button.action.encode()) <= 64
        assert engine.open(button.action) is not None


@settings(max_examples=300, deadline=None)
@given(tail=st.text(max_size=80))
def test_no_quiz_action_raises(engine: Engine, tail: str) -> None:
    assert engine.open(f"quiz:{tail}") is not None


# -- scoring, language, the terminal ----------------------------------------------------------------------------


def test_similarity_is_a_correlation_with_the_code() -> None:
    assert similarity((6, 4, 2, 0, 0, 0), "RIA") == pytest.approx(1.0)
    assert similarity((0, 0, 0, 2, 4, 6), "RIA") < 0
    assert similarity((3, 3, 3, 3, 3, 3), "RIA") == 0.0
    # Generosity does not matter: liking everything a little more reads the same.
    assert similarity((7, 5, 3, 1, 1, 1), "RIC") == pytest.approx(similarity((8, 6, 4, 2, 2, 2), "RIC"))


def test_english_readers_get_the_english_wording(engine: Engine) -> None:
    def in_english() -> tuple[Reply, Reply]:
        use_language("en", translations("en"))
        first = engine.open(f"quiz:s:{TAG}:")
        result = engine.open(f"quiz:s:{TAG}:{sheet('RI')}")
        assert first is not None
        assert result is not None
        return first, result

    first, result = contextvars.copy_context().run(in_english)
    assert first.paragraphs == (f"Question 1/{TOTAL}", QUIZ.statements[0].text_en, "Would you like doing this?")
    assert labels(first)[:3] == ["Like", "It's OK", "Don't like"]
    assert result.paragraphs[0] == "Result: RI — Realistic, Investigative"
    assert "Industrial electrical engineering" in result.text


def test_the_quiz_works_over_a_small_knowledge_base(mini_engine: Engine) -> None:
    result = mini_engine.open(f"quiz:p:{TAG}:{sheet('C')}")
    assert result is not None
    assert result.paragraphs[0].startswith("Kết quả: C — ")
    assert {b.action for b in result.buttons} >= {"occupation:c1", "occupation:c2"}
    assert "Chính sách thường áp dụng" not in result.text  # its policies are not in this file


async def test_a_result_is_counted_as_its_holland_code_only(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'bot.db'}"
    settings = load_settings(
        telegram_bot_token="123456:TEST-TOKEN",
        database_url=database,
        careers_path=ROOT / "careers.yaml",
        pseudonym_key="0123456789abcdef-test",
    )
    application = build_application(settings, request=RecordingRequest(), updater=False)
    async with application:
        actions = [f"quiz:s:{TAG}:{sheet('RI')[:-1]}", f"quiz:s:{TAG}:{sheet('RI')}", f"quiz:s:{TAG}:" + "1" * TOTAL]
        for number, action in enumerate(actions, start=1):
            shown = {"message_id": number, "date": 0, "chat": {"id": 777, "type": "private"}, "text": "…"}
            query = {"id": str(number), "from": user(), "chat_instance": "x", "data": action, "message": shown}
            await application.process_update(to_update({"update_id": number, "callback_query": query}, application.bot))
        application.bot_data.signals.flush()
        engine = make_engine(database)
        with engine.connect() as connection:
            events = [dict(r._mapping) for r in connection.execute(sa.text("SELECT kind, value FROM event"))]
        engine.dispose()
        application.bot_data.signals.engine.dispose()
    # A question is not a result, and a flat result claims no code: one event, the code alone.
    assert events == [{"kind": "quiz_result", "value": "RI"}]


@pytest.mark.slow
def test_the_terminal_chat_runs_the_whole_quiz() -> None:
    # 5: "Trắc nghiệm sở thích" in the menu; 1: "Em tự làm"; then 1 Thích / 3 Không thích per statement;
    # then 1: the first suggested trade.
    answers = ["1" if s.type in "RI" else "3" for s in QUIZ.statements]
    result = run_cli("chat", stdin="\n".join(["5", "1", *answers, "1", "thoát"]) + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Khám phá bản thân: trắc nghiệm sở thích" in out
    assert f"Câu {TOTAL}/{TOTAL}" in out
    assert "  [1] Thích\n  [2] Bình thường\n  [3] Không thích\n  [4] « Câu trước\n  [5] Dừng lại" in out
    assert "Kết quả: RI — Kỹ thuật, Nghiên cứu" in out
    assert "  [1] Điện công nghiệp\n" in out
    assert "> 1\nĐiện công nghiệp\n" in out
    assert out.rstrip().endswith("Tạm biệt! Chúc em chọn được nghề phù hợp.")
