"""Typed, frozen models for every entry of careers.yaml.

The YAML is edited by people who are not programmers, so the models are strict (unknown fields are
errors: a misspelt key must not silently vanish) and each field says in its description what it is
for. Raw rows become these frozen objects once, at load time; nothing downstream re-reads the YAML.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=40)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
HOLLAND_LETTERS = "RIASEC"


class Level(StrEnum):
    """Training levels of vocational education (Luật GDNN 124/2025 adds trung học nghề)."""

    SO_CAP = "sơ cấp"
    TRUNG_HOC_NGHE = "trung học nghề"
    TRUNG_CAP = "trung cấp"
    CAO_DANG = "cao đẳng"


class SchoolType(StrEnum):
    """Kinds of institution people ask about."""

    CAO_DANG = "cao đẳng"
    TRUNG_CAP = "trung cấp"
    TRUNG_HOC_NGHE = "trung học nghề"
    TRUNG_TAM = "trung tâm GDNN-GDTX"
    DAI_HOC = "đại học"


class SchoolStatus(StrEnum):
    """Whether an institution still enrols under this name."""

    ACTIVE = "đang hoạt động"
    MERGED = "đã sáp nhập"
    OUTSIDE = "ngoài tỉnh"


class Entry(BaseModel):
    """Fields every searchable entry shares."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    sources: tuple[Text, ...] = Field(default=(), description="Where each fact comes from.")
    verified: dt.date | None = Field(default=None, description="When the facts were last checked.")


class Training(BaseModel):
    """One level at which a trade is taught."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    level: Level
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{7}$")] | None = None
    note: Text | None = None


class Sector(BaseModel):
    """A group of trades, used for browsing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    name: Text
    name_en: Text | None = None


class Occupation(Entry):
    """A trade a student can learn."""

    name: Text
    name_en: Text | None = None
    aliases: tuple[Text, ...] = ()
    aliases_en: tuple[Text, ...] = ()
    interests: tuple[Text, ...] = Field(
        default=(), description="What a student who would like this trade says they enjoy."
    )
    sector: Slug
    description: Text
    description_en: Text | None = None
    tasks: tuple[Text, ...] = ()
    suits: tuple[Text, ...] = ()
    holland: Annotated[str, StringConstraints(pattern=r"^[RIASEC]{1,3}$")]
    training: tuple[Training, ...] = ()
    schools: tuple[Slug, ...] = ()
    outlook: Text | None = None
    pay: Text | None = None
    related: tuple[Slug, ...] = ()

    @field_validator("holland")
    @classmethod
    def _distinct_letters(cls, value: str) -> str:
        if len(set(value)) != len(value):
            raise ValueError(f"'{value}' repeats a letter; use up to three different RIASEC letters")
        return value


class School(Entry):
    """A college, school or centre that trains people, or one that people still name."""

    name: Text
    name_en: Text | None = None
    short_names: tuple[Text, ...] = ()
    type: SchoolType
    status: SchoolStatus = SchoolStatus.ACTIVE
    status_note: Text | None = Field(default=None, description="Merged into what, when, by which act.")
    merged_into: Slug | None = None
    owner: Text | None = None
    area: Text | None = Field(default=None, description="Commune or ward since the 2025 reform.")
    former_area: Text | None = Field(default=None, description="The former district people name.")
    address: Text | None = None
    website: Text | None = None
    phone: Text | None = None
    description: Text | None = None
    programs: tuple[Slug, ...] = ()
    programs_note: Text | None = None
    boarding: Text | None = None


class Policy(Entry):
    """A tuition, support or legal rule that applies to vocational learners."""

    title: Text
    title_en: Text | None = None
    aliases: tuple[Text, ...] = ()
    aliases_en: tuple[Text, ...] = ()
    who: Text
    benefits: Text
    how_to_apply: Text | None = None
    legal_basis: tuple[Text, ...] = ()
    changes: Text | None = Field(default=None, description="What changed since 2019, in plain words.")
    ask: Text | None = Field(default=None, description="Whom to ask for what the file cannot say.")


class Faq(Entry):
    """A question parents and students ask, with its answer."""

    question: Text
    question_en: Text | None = None
    variants: tuple[Text, ...] = ()
    variants_en: tuple[Text, ...] = ()
    keywords: tuple[Text, ...] = Field(
        default=(), description="Short words that point to this FAQ alone: 'học bạ', 'giấy khai sinh'."
    )
    answer: Text
    related: tuple[Slug, ...] = ()


class Figure(BaseModel):
    """A money amount quoted in several answers: kept once, formatted by babel where it is used."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    vnd: Annotated[int, Field(gt=0)]
    label: Text
    since: dt.date | None = None
    source: Text


class Header(BaseModel):
    """What the whole file is and when it was last revised."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Annotated[int, Field(ge=1)]
    updated: dt.date
    region: Text


class KnowledgeBase(BaseModel):
    """The whole careers.yaml, validated."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Annotated[int, Field(ge=1)]
    updated: dt.date
    region: Text
    figures: dict[Slug, Figure] = {}
    sectors: tuple[Sector, ...] = ()
    occupations: tuple[Occupation, ...]
    schools: tuple[School, ...] = ()
    policies: tuple[Policy, ...] = ()
    faqs: tuple[Faq, ...] = ()


FIGURE_PLACEHOLDER = re.compile(r"\{([a-z0-9-]+)\}")
