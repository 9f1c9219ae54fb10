"""action journal; row ids never reused

Every write records one action (a log, a delete, an import, ...) with what undoing it takes,
so `tracker undo` reverses exactly the last thing a person did. A deleted entry comes back
under its old id, so ids must never be handed to a newer entry: the entry tables are rebuilt
with SQLite's AUTOINCREMENT (batch mode copies every row, ids kept).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ENTRY_TABLES = ("episode", "factor_entry", "red_flag", "intervention")


def upgrade() -> None:
    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done", sa.String(), nullable=False),
        sa.Column("undo", sa.String(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
    )
    for table in ENTRY_TABLES:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
            pass


def downgrade() -> None:
    for table in ENTRY_TABLES:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": False}):
            pass
    op.drop_table("action")
