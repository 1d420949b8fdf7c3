"""The report's settings file (report.yaml): threshold, targets and published figures.

Targets change with each plan and published figures with each school year; planners update them,
so they are data with sources, not constants in code. The file is read with the same safe YAML
walker as careers.yaml (duplicate keys and odd tags refused) and validated strictly: a misspelt key
or an unknown survey answer id is an error that names the line, not something silently ignored.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from bot.report.errors import ReportError
from bot.report.suppression import DEFAULT_K, MIN_K
from knowledge.loader import KnowledgeError, Problem, model_problems, read_yaml
from knowledge.models import SLUG_PATTERN
from knowledge.survey import AREAS, STREAMS

BUNDLED = Path(__file__).resolve().parent.parent.parent / "report.yaml"
SurveyLevel = Literal["thcs", "thpt"]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=40)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Percent = Annotated[float, Field(ge=0, le=100)]
SPELLING = " (check its spelling; the keys are listed at the top of the file)"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Target(_Strict):
    """A share of graduates the plan aims for, and which survey answers count towards it."""

    id: Slug
    label: Text
    streams: dict[SurveyLevel, tuple[str, ...]]
    percent: Percent
    percent_max: Percent | None = None
    percent_disadvantaged: Percent | None = None
    period: Text
    source: Text

    @model_validator(mode="after")
    def _known_streams(self) -> Target:
        for level, streams in self.streams.items():
            unknown = [s for s in streams if s not in STREAMS]
            if unknown:
                raise ValueError(
                    f"streams.{level}: {unknown[0]!r} is not a survey answer; use one of {', '.join(STREAMS)}"
                )
            if not streams:
                raise ValueError(f"streams.{level}: name at least one survey answer")
        if not self.streams:
            raise ValueError("streams: name the survey answers that count, for thcs and/or thpt")
        if self.percent_max is not None and self.percent_max < self.percent:
            raise ValueError("percent_max must not be below percent")
        return self


class Published(_Strict):
    """The last figure the province published, set beside the survey's share."""

    id: Slug
    label: Text
    level: SurveyLevel
    percent: Percent
    period: Text
    compare_with: Slug
    source: Text


class ReportSettings(_Strict):
    """Everything report.yaml holds (see the comments at the top of the file)."""

    min_count: int = Field(default=DEFAULT_K, ge=MIN_K, le=1000)
    top: int = Field(default=20, ge=1, le=500)
    top_unanswered: int = Field(default=30, ge=1, le=500)
    disadvantaged_areas: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()
    published: tuple[Published, ...] = ()

    @model_validator(mode="after")
    def _references(self) -> ReportSettings:
        unknown = [a for a in self.disadvantaged_areas if a not in AREAS]
        if unknown:
            raise ValueError(
                f"disadvantaged_areas: {unknown[0]!r} is not an area id; use ids such as {', '.join(AREAS)}"
            )
        ids = [t.id for t in self.targets]
        if len(set(ids)) != len(ids):
            raise ValueError("targets: two targets share an id")
        for figure in self.published:
            if figure.compare_with not in ids:
                raise ValueError(f"published {figure.id}: compare_with {figure.compare_with!r} is not a target id")
        return self

    def target(self, target_id: str) -> Target:
        """The target with this id (validation guarantees published figures name existing ones)."""
        return next(t for t in self.targets if t.id == target_id)


def load_report_settings(path: Path | None = None) -> ReportSettings:
    """Read and validate report.yaml (the bundled one by default).

    Raises:
        ReportError: one line naming the file, the line and what is wrong.
    """
    path = path or BUNDLED
    try:
        data, lines = read_yaml(path)
        if not isinstance(data, dict):
            raise KnowledgeError(path.name, [Problem(1, "", "the file must be a mapping of settings (min_count, …)")])
        try:
            return ReportSettings.model_validate(data)
        except ValidationError as exc:
            problems = [
                replace(p, message=p.message.split(" (check its spelling")[0] + SPELLING)
                if "unknown field" in p.message
                else p
                for p in model_problems(exc, lines)
            ]
            raise KnowledgeError(path.name, problems) from None
    except KnowledgeError as exc:
        first = exc.problems[0].render(exc.filename) if exc.problems else exc.filename
        more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
        raise ReportError(f"report settings: {first}{more}") from None
