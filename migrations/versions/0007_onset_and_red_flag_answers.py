"""the onset date the person gives, and the red-flag questions answered "no"

`diary_setting`: facts about the whole diary given once and editable, by key (`onset`: the day
the person says the twitching began, which is often before the first entry).

`red_flag_no`: a red-flag question answered "no" on a day. A clinician needs "asked on 3 Mar:
no weakness" apart from a question never asked; a "yes" stays a `red_flag` row. Two new tables,
nothing already stored changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "diary_setting",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_diary_setting")),
    )
    op.create_table(
        "red_flag_no",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_red_flag_no")),
        sa.UniqueConstraint("date", "kind", name="uq_red_flag_no_date_kind"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("red_flag_no", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_red_flag_no_date"), ["date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("red_flag_no", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_red_flag_no_date"))
    op.drop_table("red_flag_no")
    op.drop_table("diary_setting")
