"""The command line, run as a subprocess exactly as a user or the evaluation runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MINI, run_cli


def test_ask_json_prints_the_evaluation_format() -> None:
    result = run_cli("ask", "--json", "--careers", str(MINI), "học hàn")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {"question", "intent", "matches", "reply"}
    assert answer["question"] == "học hàn"
    assert answer["intent"] == "occupation"
    first = answer["matches"][0]
    assert (first["kind"], first["id"], first["title"]) == ("occupation", "han", "Hàn")
    assert 0.9 <= first["score"] <= 1.0
    assert "Nối các tấm kim loại" in answer["reply"]


def test_ask_json_reads_one_question_per_line() -> None:
    result = run_cli("ask", "--json", "--careers", str(MINI), "-", stdin="han\nthoi tiet hom nay\n\nwelding\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["question"] for line in lines] == ["han", "thoi tiet hom nay", "", "welding"]
    assert [line["intent"] for line in lines] == ["occupation", "unknown", "unknown", "occupation"]
    assert lines[1]["matches"] == []


def test_ask_as_text_shows_numbered_buttons() -> None:
    result = run_cli("ask", "--careers", str(MINI), "chinh sach noi tru")
    assert result.returncode == 0
    assert "Học bổng bằng 2.530.000\xa0₫ mỗi tháng." in result.stdout
    assert "[1] Menu" in result.stdout


def test_chat_with_piped_input_answers_and_follows_buttons() -> None:
    result = run_cli("chat", "--careers", str(MINI), stdin="hàn\n1\nthoát\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Chào em!")
    assert "> hàn" in out
    assert "[1] Trường Cao đẳng A" in out
    # Pressing 1 opens the school card that the trade card offered.
    assert "> 1\nTrường Cao đẳng A" in out
    assert out.rstrip().endswith("Tạm biệt! Chúc em chọn được nghề phù hợp.")


def test_chat_ends_cleanly_at_end_of_input() -> None:
    result = run_cli("chat", "--careers", str(MINI), stdin="")
    assert result.returncode == 0
    assert "Tạm biệt" in result.stdout


def test_validate_accepts_a_good_file() -> None:
    result = run_cli("validate", str(MINI))
    assert result.returncode == 0
    assert result.stdout.startswith("mini.yaml: OK — 25 occupations, 1 schools, 1 policies, 1 FAQs")


def test_validate_lists_problems_and_fails(tmp_path: Path) -> None:
    bad = tmp_path / "careers.yaml"
    bad.write_text(MINI.read_text(encoding="utf-8").replace("holland: RC", "holland: RR"), encoding="utf-8")
    result = run_cli("validate", str(bad))
    assert result.returncode == 1
    assert "occupations[0].holland: Value error, 'RR' repeats a letter" in result.stderr
    assert "was not accepted" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["ask", "chat"])
def test_a_broken_knowledge_file_is_one_line_not_a_traceback(tmp_path: Path, command: str) -> None:
    bad = tmp_path / "careers.yaml"
    bad.write_bytes(b"version: [1\n")
    args = [command, "--careers", str(bad)] + (["han"] if command == "ask" else [])
    result = run_cli(*args)
    assert result.returncode == 1
    assert result.stderr.startswith("careerbot: cannot load the knowledge file: careers.yaml:")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_careers_path_environment_variable_is_honoured() -> None:
    result = run_cli("ask", "--json", "han", env={"CAREERS_PATH": str(MINI)})
    assert json.loads(result.stdout)["matches"][0]["title"] == "Hàn"


@pytest.mark.parametrize("args", [[], ["ask"], ["frobnicate"]], ids=["nothing", "ask-without-question", "unknown"])
def test_usage_errors_exit_2_with_a_message(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "usage: careerbot" in result.stderr


@pytest.mark.parametrize("command", [[], ["ask"], ["chat"], ["validate"]], ids=["main", "ask", "chat", "validate"])
def test_help_on_every_command(command: list[str]) -> None:
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: careerbot")


def test_chat_can_switch_to_english() -> None:
    result = run_cli("chat", stdin="6\n2\nwelding\n")
    out = result.stdout
    assert "> 2\nHello! I am careerbot" in out
    assert "Welding" in out
    assert "Some details below are only available in Vietnamese." in out
