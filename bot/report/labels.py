"""Names for the ids events keep, taken from where the bot itself takes them.

Events store ids (han, dai-tu, grade9, trung-cap-so-cap); a planner reads names. Occupations and
sectors come from careers.yaml, audiences, areas and survey answers from knowledge/survey.py, the
Holland types from knowledge/quiz.yaml: one source for each, never a second copy here. An id the
knowledge base no longer has (an occupation removed since) is shown as the id itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.models import KnowledgeBase
from knowledge.quiz import QuizFile
from knowledge.survey import AREAS, AUDIENCES, STREAMS, STREAMS_AFTER, audience_label, stream_label

NOT_SAID = "Không cho biết"
OTHER_SECTOR = "Khác (không còn trong careers.yaml)"
LEVEL_NAMES = {"thcs": "sau tốt nghiệp THCS", "thpt": "sau tốt nghiệp THPT"}


@dataclass(frozen=True)
class Labels:
    """Every name the report prints, by id."""

    occupations: dict[str, str]
    occupation_sector: dict[str, str]
    sectors: dict[str, str]
    holland: dict[str, str]

    def occupation(self, entry_id: str) -> str:
        """The occupation's name, or its id if careers.yaml no longer has it."""
        return self.occupations.get(entry_id, entry_id)

    def sector_of(self, entry_id: str) -> str:
        """The sector id of an occupation ('' when unknown)."""
        return self.occupation_sector.get(entry_id, "")

    def sector(self, sector_id: str) -> str:
        """The sector's name."""
        return self.sectors.get(sector_id, sector_id or OTHER_SECTOR)

    @staticmethod
    def audience(audience: str | None) -> str:
        """Who the users said they are."""
        return audience_label(audience) if audience in AUDIENCES else (audience or NOT_SAID)

    @staticmethod
    def area(area: str | None) -> str:
        """The area's name (former district, or the recorded name)."""
        return AREAS.get(area, area) if area else NOT_SAID

    @staticmethod
    def stream(stream: str) -> str:
        """A survey answer in words."""
        return stream_label(stream) if stream in STREAMS else stream

    def holland_type(self, letter: str) -> str:
        """'R' → 'R – Kỹ thuật'."""
        name = self.holland.get(letter)
        return f"{letter} – {name}" if name else letter


def lower_first(text: str) -> str:
    """'Học THPT' → 'học THPT' (never lowercases acronyms the way str.lower would)."""
    return text[:1].lower() + text[1:]


def audiences() -> tuple[str, ...]:
    """The audience ids in the bot's order."""
    return AUDIENCES


def areas() -> tuple[str, ...]:
    """The area ids in the bot's order."""
    return tuple(AREAS)


def streams_after(level: str) -> tuple[str, ...]:
    """The answers the survey offers after THCS or THPT."""
    return STREAMS_AFTER.get(level, STREAMS)


def load_labels(knowledge: KnowledgeBase, quiz: QuizFile) -> Labels:
    """Names from the loaded knowledge base and quiz."""
    return Labels(
        occupations={o.id: o.name for o in knowledge.occupations},
        occupation_sector={o.id: o.sector for o in knowledge.occupations},
        sectors={s.id: s.name for s in knowledge.sectors},
        holland={str(letter): t.name for letter, t in quiz.types.items()},
    )
