"""an imported entry says where it came from

Entries brought in from another app (Daylio, Loop, Oura, ...) keep the app and the file they
came from, so `tracker list` can show it and a second import of the same file can tell its own
entries from what the person logged. Entries already stored were logged in tracker: "".

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = ("episode", "factor_entry")


def upgrade() -> None:
    # Adding a column with a constant default is a plain ALTER TABLE on SQLite: no copy of the table.
    for table in TABLES:
        op.add_column(table, sa.Column("source", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
            batch_op.drop_column("source")
