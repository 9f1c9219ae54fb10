"""a twitch's intensity may be left unsaid

A twitch logged with nothing to repeat and no --intensity, or imported from a file without
an intensity, used to be stored with an intensity of 2 that nobody gave. The column now
holds NULL for "not given", like duration_s; every value already stored is kept as it is.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite cannot drop NOT NULL in place: batch mode copies the table, rows and indexes included,
    # and keeps its AUTOINCREMENT (0003), so ids are still never handed out twice.
    with op.batch_alter_table("episode", schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.alter_column("intensity", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    # Fails (and rolls back) while any twitch has no intensity: nothing is made up to fill it.
    with op.batch_alter_table("episode", schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.alter_column("intensity", existing_type=sa.Integer(), nullable=False)
