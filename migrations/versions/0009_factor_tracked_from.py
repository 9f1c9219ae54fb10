"""a factor says the day it began to be tracked

A factor added to a diary did not exist on the days before: those days are "not tracked" for it,
never "no", zero or "not logged yet". Factors stored before this column (the built-ins among
them) keep it empty: tracked for as long as the diary goes back.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column with no default is a plain ALTER TABLE on SQLite: no copy of the table.
    op.add_column("factor", sa.Column("tracked_from", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("factor", schema=None) as batch_op:
        batch_op.drop_column("tracked_from")
