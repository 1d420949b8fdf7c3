"""Channel-neutral answer values: what the bot says and which buttons it offers.

The terminal chat and the Telegram bot both render these; neither builds text of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Intent(StrEnum):
    """What the question was about, as the evaluation and the channels understand it."""

    GREETING = "greeting"
    HELP = "help"
    OCCUPATION = "occupation"
    SCHOOL = "school"
    POLICY = "policy"
    FAQ = "faq"
    QUIZ = "quiz"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Match:
    """An entry the answer is about, best first."""

    kind: str
    id: str
    title: str
    score: float


@dataclass(frozen=True, slots=True)
class Button:
    """A suggested next step; `action` is 'kind:id' for an entry, or a menu word such as 'menu'."""

    label: str
    action: str


@dataclass(frozen=True, slots=True)
class Reply:
    """Text in short paragraphs (the first is the heading) plus suggested buttons."""

    paragraphs: tuple[str, ...]
    buttons: tuple[Button, ...] = ()
    subject: str | None = None  # 'kind:id' when the reply is one entry's card (channels add "share")

    @property
    def text(self) -> str:
        """The reply as plain text, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class Answer:
    """The engine's whole response to one message."""

    intent: Intent
    matches: tuple[Match, ...]
    reply: Reply

    def as_json(self, question: str) -> dict[str, object]:
        """The line format that `careerbot ask --json` prints and the evaluation reads."""
        return {
            "question": question,
            "intent": str(self.intent),
            "matches": [
                {"kind": m.kind, "id": m.id, "title": m.title, "score": round(min(1.0, m.score), 3)}
                for m in self.matches
            ],
            "reply": self.reply.text,
        }
