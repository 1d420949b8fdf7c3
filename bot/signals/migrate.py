"""Apply the alembic migrations on start; refuse a database written by a newer careerbot."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class SchemaError(Exception):
    """The database cannot be used by this version of careerbot."""


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head() -> str:
    """The newest schema revision this code knows."""
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None  # noqa: S101  (there is always at least the first migration)
    return revision


def current(engine: Engine) -> str | None:
    """The database's schema revision (None for a new database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the schema to this code's head.

    Raises:
        SchemaError: when the database has a revision this code does not know (written by a newer
            careerbot): running older code on it could lose data.
    """
    config = _config()
    known = {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()}
    found = current(engine)
    if found is not None and found not in known:
        raise SchemaError(
            f"the database schema ({found}) is newer than this careerbot knows (up to {head()}): "
            "upgrade careerbot, or point DATABASE_URL at another database"
        )
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
