"""Loading careers.yaml: every kind of bad file gets a precise, one-line answer, never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.loader import KnowledgeError, load_knowledge
from tests.conftest import MINI

GOOD = MINI.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str | bytes, name: str = "careers.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path)
    return [p.render(caught.value.filename) for p in caught.value.problems]


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if fragment in line)


def test_the_small_fixture_loads(tmp_path: Path) -> None:
    result = load_knowledge(write(tmp_path, GOOD))
    assert [o.id for o in result.knowledge.occupations][:2] == ["han", "tieng-han-quoc"]
    assert result.warnings == []


def test_bad_enum_names_line_path_and_allowed_values(tmp_path: Path) -> None:
    text = GOOD.replace("    type: cao đẳng\n", "    type: cao dang\n")
    problems = problems_of(write(tmp_path, text))
    assert problems == [
        f"careers.yaml:{line_of(text, 'type: cao dang')}: schools[0].type: 'cao dang' is not one of: "
        "cao đẳng, trung cấp, trung học nghề, trung tâm GDNN-GDTX, đại học"
    ]


def test_training_level_error_matches_the_documented_form(tmp_path: Path) -> None:
    text = GOOD.replace("    holland: RC\n", "    holland: RC\n    training:\n      - level: trung cap\n")
    (problem,) = problems_of(write(tmp_path, text))
    assert problem == (
        f"careers.yaml:{line_of(text, 'level: trung cap')}: occupations[0].training[0].level: "
        "'trung cap' is not one of: sơ cấp, trung học nghề, trung cấp, cao đẳng"
    )


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        GOOD.replace("holland: RC", "holland: XYZ")
        .replace("type: cao đẳng", "type: xyz")
        .replace("    who: Học sinh dân tộc thiểu số thuộc hộ nghèo.\n", "")
    )
    problems = problems_of(write(tmp_path, text))
    assert len(problems) == 3
    assert any("occupations[0].holland" in p for p in problems)
    assert any("schools[0].type" in p for p in problems)
    assert any("policies[0].who: required field is missing" in p for p in problems)


def test_unknown_field_is_an_error_not_silently_dropped(tmp_path: Path) -> None:
    text = GOOD.replace("    aliases: [thợ hàn, hàn điện]\n", "    alias: [thợ hàn]\n")
    (problem,) = problems_of(write(tmp_path, text))
    assert "occupations[0].alias: unknown field" in problem


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    text = GOOD.replace("    aliases: [thợ hàn, hàn điện]", "    aliases: [thợ hàn, hàn điện")
    (problem,) = problems_of(write(tmp_path, text))
    assert problem.startswith("careers.yaml:")
    assert "YAML syntax error" in problem


def test_tabs_are_named(tmp_path: Path) -> None:
    text = GOOD.replace("    aliases: [thợ hàn, hàn điện]", "\taliases: [thợ hàn, hàn điện]")
    (problem,) = problems_of(write(tmp_path, text))
    assert problem == f"careers.yaml:{line_of(text, chr(9) + 'aliases')}: tab used for indentation; indent with spaces"


def test_wrong_type(tmp_path: Path) -> None:
    text = GOOD.replace("version: 1", "version: một")
    (problem,) = problems_of(write(tmp_path, text))
    assert problem.startswith("careers.yaml:1: version: ")


def test_missing_file(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: no such file"]


def test_empty_file(tmp_path: Path) -> None:
    assert problems_of(write(tmp_path, "")) == ["careers.yaml: the file is empty"]
    assert problems_of(write(tmp_path, "# only a comment\n")) == ["careers.yaml: the file has no content"]


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "careers.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (problem,) = problems_of(path)
    assert "52.4 MB" in problem
    assert "under 5 MB" in problem


def test_non_utf8_bytes(tmp_path: Path) -> None:
    raw = GOOD.encode("utf-8").replace("Nối các".encode(), b"N\xf4i c\xe1c")
    (problem,) = problems_of(write(tmp_path, raw))
    assert problem == f"careers.yaml:{line_of(GOOD, 'Nối các')}: byte 0xf4 is not UTF-8; save the file as UTF-8"


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['echo pwned']",
        "!!python/name:os.system",
        "!!binary aGVsbG8=",
    ],
    ids=["apply", "name", "binary"],
)
def test_object_building_tags_are_refused(tmp_path: Path, tag: str) -> None:
    text = GOOD.replace("region: Thái Nguyên", f"region: {tag}")
    (problem,) = problems_of(write(tmp_path, text))
    assert problem.startswith("careers.yaml:3: region: YAML tag")
    assert "is not allowed" in problem


def test_alias_bomb_is_stopped(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(7)
    )
    (problem,) = problems_of(write(tmp_path, bomb))
    assert "runaway aliases" in problem


def test_duplicate_keys(tmp_path: Path) -> None:
    text = GOOD.replace("    name: Hàn\n", "    name: Hàn\n    name: Thợ hàn\n")
    (problem,) = problems_of(write(tmp_path, text))
    first = line_of(text, "    name: Hàn")
    assert (
        problem
        == f"careers.yaml:{first + 1}: occupations[0].name: duplicate key 'name' (first at line {first}); keep one"
    )


def test_duplicate_ids(tmp_path: Path) -> None:
    text = GOOD.replace("  - id: tieng-han-quoc", "  - id: han")
    problems = problems_of(write(tmp_path, text))
    assert (
        f"careers.yaml:{line_of(text, 'name: Tiếng Hàn Quốc') - 1}: occupations[1].id: duplicate id 'han' (also occupations[0])"
        in problems
    )


def test_unknown_references(tmp_path: Path) -> None:
    text = GOOD.replace("    schools: [cd-a]", "    schools: [cd-khong-co]").replace(
        "programs: [han]", "programs: [hann]"
    )
    problems = problems_of(write(tmp_path, text))
    assert any("occupations[0].schools[0]: unknown school id 'cd-khong-co'" in p for p in problems)
    assert any("schools[0].programs[0]: unknown occupation id 'hann'" in p for p in problems)


def test_alias_collision_after_normalization(tmp_path: Path) -> None:
    # "Tiếng hàn" and "tieng han" are the same words once diacritics are folded.
    text = GOOD.replace("aliases: [thợ hàn, hàn điện]", "aliases: [thợ hàn, hàn điện, tieng han]")
    (problem,) = problems_of(write(tmp_path, text))
    assert "occupations[1].aliases: 'tiếng hàn' also names 'han'" in problem


def test_unknown_figure_placeholder(tmp_path: Path) -> None:
    text = GOOD.replace("{luong-co-so}", "{luong-toi-thieu}")
    (problem,) = problems_of(write(tmp_path, text))
    assert "policies[0].benefits: unknown figure {luong-toi-thieu}" in problem


def test_stale_and_unsourced_entries_are_warnings(tmp_path: Path) -> None:
    text = GOOD.replace(
        "    description: Nối các tấm kim loại bằng nhiệt.\n    holland: RC\n    schools: [cd-a]\n    sources: [facts.md]\n    verified: 2026-11-27",
        "    description: Nối các tấm kim loại bằng nhiệt.\n    holland: RC\n    schools: [cd-a]\n    verified: 2024-01-02",
    )
    result = load_knowledge(write(tmp_path, text), today=dt.date(2026, 11, 27))
    rendered = [w.render("careers.yaml") for w in result.warnings]
    assert any("occupations[0].sources: warning: 'han' has no sources" in r for r in rendered)
    assert any("warning: 'han' was last verified on 2024-01-02, over 12 months ago" in r for r in rendered)


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    assert problems_of(write(tmp_path, "- a\n- b\n")) == [
        "careers.yaml:1: the file must be a mapping with version, occupations, schools, …"
    ]
