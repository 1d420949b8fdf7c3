"""Read careers.yaml safely and report every problem at once, with its line and path.

The file is edited by hand by people who are not programmers, so a mistake must come back as
``careers.yaml:LINE: occupations[17].training[0].level: 'trung cap' is not one of: …`` and never as a
traceback. YAML is composed into nodes first (so each value keeps its line), then turned into plain
data by a walker that refuses duplicate keys, object-building tags and runaway aliases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.models import KnowledgeBase
from knowledge.semantics import check_semantics

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
STALE_AFTER_DAYS = 365

PathKey = tuple[str | int, ...]
# Plain data only: text, numbers, booleans, nulls and dates. Anything else (!!python/…, !!binary,
# custom tags) is refused, because a knowledge file never needs to build objects.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp"))


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or doubtful) in the file."""

    line: int | None
    path: str
    message: str
    severity: str = "error"

    def render(self, filename: str) -> str:
        """The one-line form shown to editors."""
        where = f"{filename}:{self.line}" if self.line else filename
        prefix = "warning: " if self.severity == "warning" else ""
        location = f" {self.path}:" if self.path else ""
        return f"{where}:{location} {prefix}{self.message}"


class KnowledgeError(Exception):
    """The knowledge file cannot be used; carries every problem found."""

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = problems
        super().__init__("\n".join(p.render(filename) for p in problems))


@dataclass(frozen=True)
class LoadResult:
    """A valid knowledge base plus the warnings worth showing to its editors."""

    knowledge: KnowledgeBase
    warnings: list[Problem]


def format_path(path: PathKey) -> str:
    """('occupations', 17, 'level') → 'occupations[17].level'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Walker:
    """Turns composed YAML nodes into Python data, remembering the line of every path."""

    def __init__(self) -> None:
        self.lines: dict[PathKey, int] = {}
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")
        self._visited = 0

    def walk(self, node: yaml.Node, path: PathKey) -> Any:
        self._visited += 1
        if self._visited > MAX_NODES:
            raise _TooLarge
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "tag:yaml.org,2002:seq", path)
            return [self.walk(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _check_tag(self, node: yaml.Node, expected: str, path: PathKey) -> None:
        if node.tag != expected:
            self._refuse_tag(node, path)

    def _refuse_tag(self, node: yaml.Node, path: PathKey) -> None:
        self._problem(node, path, f"YAML tag {node.tag!r} is not allowed")

    def _problem(self, node: yaml.Node, path: PathKey, message: str) -> None:
        self.problems.append(Problem(node.start_mark.line + 1, format_path(path), message))

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        self._check_tag(node, "tag:yaml.org,2002:map", path)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node, path)
            if not isinstance(key, str | int) or isinstance(key, bool):
                self._problem(key_node, path, f"key {key!r} must be a word")
                continue
            key = str(key)
            child = (*path, key)
            if key in result:
                self._problem(
                    key_node, child, f"duplicate key {key!r} (first at line {self.lines.get(child)}); keep one"
                )
                continue
            self.lines[child] = key_node.start_mark.line + 1
            result[key] = self.walk(value_node, child)
        return result

    def _scalar(self, node: yaml.Node, path: PathKey) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self._problem(node, path, "a key must be a plain word")
            return None
        if node.tag not in _PLAIN_TAGS:
            self._refuse_tag(node, path)
            return None
        try:
            return self._constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            self._refuse_tag(node, path)
            return None


class _TooLarge(Exception):
    pass


def _decode(raw: bytes, filename: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise KnowledgeError(
            filename,
            [Problem(line, "", f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8")],
        ) from None


def _tab_problems(text: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(number, "", "tab used for indentation; indent with spaces"))
    return problems


def parse_yaml(text: str, filename: str) -> tuple[Any, dict[PathKey, int]]:
    """Parse YAML text into data plus a path→line map, or raise KnowledgeError."""
    if not text.strip():
        raise KnowledgeError(filename, [Problem(None, "", "the file is empty")])
    tabs = _tab_problems(text)
    if tabs:
        raise KnowledgeError(filename, tabs)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "syntax error"
        raise KnowledgeError(filename, [Problem(line, "", f"YAML syntax error: {reason}")]) from None
    except yaml.YAMLError as exc:
        raise KnowledgeError(filename, [Problem(None, "", f"YAML error: {exc}")]) from None
    if node is None:
        raise KnowledgeError(filename, [Problem(None, "", "the file has no content")])
    walker = _Walker()
    try:
        data = walker.walk(node, ())
    except _TooLarge:
        raise KnowledgeError(
            filename, [Problem(None, "", f"more than {MAX_NODES:,} values (runaway aliases?)")]
        ) from None
    if walker.problems:
        raise KnowledgeError(filename, walker.problems)
    return data, walker.lines


def line_for(lines: dict[PathKey, int], path: PathKey) -> int | None:
    """The line of a path in the file, or of its nearest parent that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def _describe(error: Any) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "enum":
        allowed = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return f"{value!r} is not one of: {allowed}"
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check its spelling; see README, section Sửa careers.yaml)"
    if kind == "string_pattern_mismatch":
        return f"{value!r} does not have the expected form ({ctx.get('pattern')})"
    if kind.startswith("date"):
        return f"{value!r} is not a date; write it as YYYY-MM-DD"
    if kind in ("string_type", "int_type", "tuple_type", "list_type", "dict_type", "model_type"):
        expected = {
            "string_type": "text",
            "int_type": "a whole number",
            "tuple_type": "a list",
            "list_type": "a list",
            "dict_type": "a mapping",
            "model_type": "a mapping of fields",
        }[kind]
        return f"expected {expected}, got {type(value).__name__} {value!r}"[:200]
    message: str = error["msg"]
    return message


def model_problems(exc: ValidationError, lines: dict[PathKey, int]) -> list[Problem]:
    """Each pydantic error as a Problem with its line and its path inside the document."""
    problems = []
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if not isinstance(part, str) or not part.startswith("function-"))
        problems.append(Problem(line_for(lines, loc), format_path(loc), _describe(error)))
    return problems


def validate_data(data: Any, lines: dict[PathKey, int], today: dt.date) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Validate parsed data against the models and the cross-entry rules."""
    if not isinstance(data, dict):
        return None, [Problem(1, "", "the file must be a mapping with version, occupations, schools, …")]
    try:
        knowledge = KnowledgeBase.model_validate(data)
    except ValidationError as exc:
        return None, model_problems(exc, lines)
    problems = [
        Problem(line_for(lines, path), format_path(path), message, severity)
        for path, message, severity in check_semantics(knowledge, today, STALE_AFTER_DAYS)
    ]
    return knowledge, problems


def load_knowledge(path: str | Path, today: dt.date | None = None) -> LoadResult:
    """Read, parse and validate a careers.yaml file.

    Raises:
        KnowledgeError: with every problem found, when the file cannot be used.
    """
    path = Path(path)
    filename = path.name
    today = today or dt.datetime.now(dt.UTC).date()
    data, lines = read_yaml(path)
    knowledge, problems = validate_data(data, lines, today)
    errors = [p for p in problems if p.severity == "error"]
    if knowledge is None or errors:
        raise KnowledgeError(filename, errors)
    return LoadResult(knowledge, [p for p in problems if p.severity == "warning"])


def read_yaml(path: Path) -> tuple[Any, dict[PathKey, int]]:
    """Read and parse a hand-edited YAML file: its data and a path→line map.

    Raises:
        KnowledgeError: when the file is missing, too large, not UTF-8 or not valid YAML.
    """
    filename = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise KnowledgeError(str(path), [Problem(None, "", "no such file")]) from None
    except OSError as exc:
        raise KnowledgeError(str(path), [Problem(None, "", f"cannot read: {exc.strerror}")]) from None
    if path.is_dir():
        raise KnowledgeError(str(path), [Problem(None, "", "is a folder, not a file")])
    if size > MAX_FILE_BYTES:
        raise KnowledgeError(
            filename,
            [
                Problem(
                    None,
                    "",
                    f"the file is {size / 1e6:.1f} MB; a knowledge file must stay under {MAX_FILE_BYTES // 2**20} MB",
                )
            ],
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KnowledgeError(str(path), [Problem(None, "", f"cannot read: {exc.strerror}")]) from None
    return parse_yaml(_decode(raw, filename), filename)
