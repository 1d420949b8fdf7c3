"""The database tables (sqlmodel). Their schema is created and changed only by the alembic
migrations in bot/signals/migrations, applied on start.

An event keeps the day (never a time), what happened, which entry, the language, the self-declared
audience and area, the campaign tag, and a pseudonym that only counts distinct users within one
period: a keyed hash whose key is destroyed when the period ends. No Telegram id, chat id, name,
username, phone number or raw message text is stored anywhere.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlmodel import Field, SQLModel


class EventKind(StrEnum):
    """What happened."""

    CARD_OPENED = "card_opened"
    QUESTION_ANSWERED = "question_answered"
    QUESTION_UNANSWERED = "question_unanswered"  # value: the scrubbed question, for curators
    QUIZ_RESULT = "quiz_result"  # value: the Holland code
    SURVEY_ANSWER = "survey_answer"  # entry_id: thcs | thpt; value: the stream chosen
    CAMPAIGN_OPENED = "campaign_opened"
    FEEDBACK = "feedback"  # value: up | down


class Audience(StrEnum):
    """Who the user said they are (optional)."""

    GRADE9 = "grade9"
    GRADE12 = "grade12"
    PARENT = "parent"
    COUNSELOR = "counselor"


class Event(SQLModel, table=True):
    """One anonymous interest signal."""

    id: int | None = Field(default=None, primary_key=True)
    day: dt.date = Field(index=True)
    kind: str = Field(max_length=24, index=True)
    entry_kind: str | None = Field(default=None, max_length=12)
    entry_id: str | None = Field(default=None, max_length=40)
    language: str = Field(max_length=5)
    audience: str | None = Field(default=None, max_length=12)
    area: str | None = Field(default=None, max_length=40)
    campaign: str | None = Field(default=None, max_length=48, index=True)
    pseudonym: str = Field(max_length=32)
    value: str | None = Field(default=None, max_length=200)


class PeriodKey(SQLModel, table=True):
    """The key of the current counting period; rows of ended periods are deleted."""

    period_start: dt.date = Field(primary_key=True)
    key: str = Field(max_length=64)


class Preference(SQLModel, table=True):
    """A user's choices, under a stable pseudonym (HMAC of the user id with PSEUDONYM_KEY)."""

    user_key: str = Field(primary_key=True, max_length=64)
    language: str | None = Field(default=None, max_length=5)
    audience: str | None = Field(default=None, max_length=12)
    area: str | None = Field(default=None, max_length=40)
    optout: bool = False
    updated: dt.date


class StoredSecret(SQLModel, table=True):
    """A generated key, kept only when PSEUDONYM_KEY is not set (see README, Privacy)."""

    name: str = Field(primary_key=True, max_length=40)
    value: str = Field(max_length=128)
