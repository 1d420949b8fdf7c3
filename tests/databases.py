"""Real databases for tests: a fresh SQLite file, and a fresh schema on the machine's PostgreSQL.

PostgreSQL tests are marked `postgres`; without a server they are skipped with the reason — except
in CI (CI=true), where .ci/run starts the server and a missing one is a failure.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

POSTGRES = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_reachable() -> str | None:
    try:
        engine = sa.create_engine(POSTGRES, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # the driver raises several kinds; all mean "not here"
        return f"PostgreSQL at {POSTGRES} is not reachable ({type(exc).__name__})"
    return None


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'careerbot.db'}"


def postgres_url(_folder: Path) -> str:
    missing = _postgres_reachable()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests must run in CI, but {missing}")
        pytest.skip(missing)
    schema = f"t_{secrets.token_hex(6)}"
    engine = sa.create_engine(POSTGRES)
    with engine.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return f"{POSTGRES}?options=-csearch_path%3D{schema}"


def database_urls() -> list[Callable[[Path], str]]:
    """Factories for the databases every storage test runs on."""
    return [
        pytest.param(sqlite_url, id="sqlite"),
        pytest.param(postgres_url, id="postgresql", marks=pytest.mark.postgres),
    ]  # type: ignore[list-item]


def drop_schema(url: str) -> None:
    """Remove a PostgreSQL test schema made by postgres_url (SQLite files go with tmp_path)."""
    if "search_path%3D" not in url:
        return
    schema = url.rsplit("%3D", 1)[1]
    engine = sa.create_engine(POSTGRES)
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()
