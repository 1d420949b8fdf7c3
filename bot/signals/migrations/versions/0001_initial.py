"""The first schema: preferences, generated secrets, events and period keys.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "preference",
        sa.Column("user_key", sa.String(64), primary_key=True),
        sa.Column("language", sa.String(5), nullable=True),
        sa.Column("audience", sa.String(12), nullable=True),
        sa.Column("area", sa.String(40), nullable=True),
        sa.Column("optout", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("updated", sa.Date(), nullable=False),
    )
    op.create_table(
        "storedsecret",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.String(128), nullable=False),
    )
    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("entry_kind", sa.String(12), nullable=True),
        sa.Column("entry_id", sa.String(40), nullable=True),
        sa.Column("language", sa.String(5), nullable=False),
        sa.Column("audience", sa.String(12), nullable=True),
        sa.Column("area", sa.String(40), nullable=True),
        sa.Column("campaign", sa.String(48), nullable=True),
        sa.Column("pseudonym", sa.String(32), nullable=False),
        sa.Column("value", sa.String(200), nullable=True),
    )
    op.create_index("ix_event_day", "event", ["day"])
    op.create_index("ix_event_kind", "event", ["kind"])
    op.create_index("ix_event_campaign", "event", ["campaign"])
    op.create_table(
        "periodkey",
        sa.Column("period_start", sa.Date(), primary_key=True),
        sa.Column("key", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("periodkey")
    op.drop_index("ix_event_campaign", "event")
    op.drop_index("ix_event_kind", "event")
    op.drop_index("ix_event_day", "event")
    op.drop_table("event")
    op.drop_table("storedsecret")
    op.drop_table("preference")
