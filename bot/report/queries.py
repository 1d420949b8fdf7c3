"""The report's questions to the event table, answered by the database (SQLAlchemy Core).

A school year for a whole province is about a million events; bringing them into Python would cost
minutes and gigabytes, so every query groups and counts in SQL and returns at most a few hundred
rows. The same statements run on SQLite and PostgreSQL.

People are counted as user-days: a pseudonym is a keyed hash whose key changes every period (one
day by default) and is then destroyed, so the same person on two days looks like two people. The
honest unit is therefore "distinct pseudonyms per day", added up over days. It never claims to
count people across days, and it is the same whatever period length the bot was run with (a
pseudonym is always constant within one day).

With a campaign (`--campaign TAG`) the report keeps the user-days that opened the campaign's link:
every event of those pseudonyms on the day they opened it. Later days cannot be followed, by design.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Table, case, distinct, func, select, tuple_
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import bot.signals.models  # noqa: F401  (registers the event table on SQLModel.metadata)
from bot.signals.models import EventKind

EVENTS: Table = SQLModel.metadata.tables["event"]
QUESTIONS = (str(EventKind.QUESTION_ANSWERED), str(EventKind.QUESTION_UNANSWERED))
VIEWS = (str(EventKind.CARD_OPENED), str(EventKind.QUESTION_ANSWERED))


@dataclass(frozen=True)
class Scope:
    """Which events a report covers: days from `start` to `end` inclusive, optionally one campaign."""

    start: dt.date
    end: dt.date
    campaign: str | None = None

    @property
    def days(self) -> int:
        """How many days the period spans."""
        return (self.end - self.start).days + 1


def _in_period(scope: Scope) -> list[ColumnElement[bool]]:
    c = EVENTS.c
    return [c.day >= scope.start, c.day <= scope.end]


def _where(scope: Scope) -> list[ColumnElement[bool]]:
    """The conditions every query shares: the period and, for a campaign, the user-days it reached."""
    conditions = _in_period(scope)
    if scope.campaign is not None:
        c = EVENTS.c
        reached = select(c.day, c.pseudonym).where(*_in_period(scope), c.campaign == scope.campaign)
        conditions.append(tuple_(c.day, c.pseudonym).in_(reached))
    return conditions


@dataclass(frozen=True)
class Daily:
    """One day: distinct users, questions asked, questions the bot could not answer."""

    day: dt.date
    users: int
    questions: int
    unanswered: int


def daily(connection: Connection, scope: Scope) -> list[Daily]:
    """Users (distinct pseudonyms) and questions per day; weeks are sums of these."""
    c = EVENTS.c
    statement = (
        select(
            c.day,
            func.count(distinct(c.pseudonym)),
            func.sum(case((c.kind.in_(QUESTIONS), 1), else_=0)),
            func.sum(case((c.kind == str(EventKind.QUESTION_UNANSWERED), 1), else_=0)),
        )
        .where(*_where(scope))
        .group_by(c.day)
        .order_by(c.day)
    )
    return [Daily(day, int(users), int(q or 0), int(u or 0)) for day, users, q, u in connection.execute(statement)]


def audience_area(connection: Connection, scope: Scope) -> dict[tuple[str | None, str | None], int]:
    """User-days by self-declared audience and area."""
    c = EVENTS.c
    user_days = select(c.day, c.pseudonym, c.audience, c.area).where(*_where(scope)).distinct().subquery()
    statement = select(user_days.c.audience, user_days.c.area, func.count()).group_by(
        user_days.c.audience, user_days.c.area
    )
    return {(audience, area): int(n) for audience, area, n in connection.execute(statement)}


def occupation_views(connection: Connection, scope: Scope) -> dict[str, int]:
    """Times each occupation's card was opened or given as an answer."""
    c = EVENTS.c
    statement = (
        select(c.entry_id, func.count())
        .where(*_where(scope), c.kind.in_(VIEWS), c.entry_kind == "occupation", c.entry_id.is_not(None))
        .group_by(c.entry_id)
    )
    return {str(entry): int(n) for entry, n in connection.execute(statement)}


def holland_types(connection: Connection, scope: Scope) -> dict[str, int]:
    """User-days whose quiz result led with each Holland type (the code's first letter)."""
    c = EVENTS.c
    letter = func.upper(func.substr(c.value, 1, 1)).label("letter")
    results = (
        select(c.day, c.pseudonym, letter)
        .where(*_where(scope), c.kind == str(EventKind.QUIZ_RESULT), c.value.is_not(None))
        .distinct()
        .subquery()
    )
    statement = select(results.c.letter, func.count()).group_by(results.c.letter)
    return {str(letter): int(n) for letter, n in connection.execute(statement)}


def survey(connection: Connection, scope: Scope) -> dict[tuple[str, str, str | None], int]:
    """User-days per (level, stream, area): one answer per user and day and choice."""
    c = EVENTS.c
    answers = (
        select(c.day, c.pseudonym, c.entry_id.label("level"), c.value.label("stream"), c.area)
        .where(*_where(scope), c.kind == str(EventKind.SURVEY_ANSWER), c.entry_id.is_not(None), c.value.is_not(None))
        .distinct()
        .subquery()
    )
    a = answers.c
    statement = select(a.level, a.stream, a.area, func.count()).group_by(a.level, a.stream, a.area)
    return {(str(level), str(stream), area): int(n) for level, stream, area, n in connection.execute(statement)}


@dataclass(frozen=True)
class CampaignActivity:
    """What the user-days a campaign reached did on those days."""

    campaign: str
    reached: int
    questions: int
    cards: int
    quizzes: int
    surveys: int


def campaigns(connection: Connection, scope: Scope) -> list[CampaignActivity]:
    """Every campaign seen in the period (or the one asked for), with its reach and activity.

    One pass over the events: each user-day is summed up (its campaign tag, what it did), then
    user-days are summed per campaign. A user-day that opened two campaigns' links counts for one
    of them (the tag that sorts last); a join of user-days back onto the events would count both
    but costs a minute on SQLite at a million events.
    """
    c = EVENTS.c

    def count(kinds: Sequence[str]) -> ColumnElement[int]:
        return func.sum(case((c.kind.in_(kinds), 1), else_=0))

    user_days = (
        select(
            func.max(c.campaign).label("campaign"),
            count(QUESTIONS).label("questions"),
            count([str(EventKind.CARD_OPENED)]).label("cards"),
            count([str(EventKind.QUIZ_RESULT)]).label("quizzes"),
            count([str(EventKind.SURVEY_ANSWER)]).label("surveys"),
        )
        .where(*_where(scope))
        .group_by(c.day, c.pseudonym)
        .subquery()
    )
    u = user_days.c
    statement = (
        select(
            u.campaign, func.count(), func.sum(u.questions), func.sum(u.cards), func.sum(u.quizzes), func.sum(u.surveys)
        )
        .where(u.campaign.is_not(None))
        .group_by(u.campaign)
    )
    if scope.campaign is not None:
        statement = statement.where(u.campaign == scope.campaign)
    return [
        CampaignActivity(str(tag), int(reached), int(q or 0), int(cards or 0), int(quizzes or 0), int(surveys or 0))
        for tag, reached, q, cards, quizzes, surveys in connection.execute(statement)
    ]


def unanswered(connection: Connection, scope: Scope, limit: int) -> list[tuple[str, int]]:
    """The most often asked questions the bot could not answer (already scrubbed when recorded).

    Asks for one row more than `limit`: then the caller knows whether the list is complete, and a
    complete list adds up to the unanswered total of the weekly table (see unanswered_section).
    """
    c = EVENTS.c
    n = func.count().label("n")
    statement = (
        select(c.value, n)
        .where(*_where(scope), c.kind == str(EventKind.QUESTION_UNANSWERED), c.value.is_not(None))
        .group_by(c.value)
        .order_by(n.desc(), c.value)
        .limit(limit + 1)
    )
    return [(str(text), int(count)) for text, count in connection.execute(statement)]
