"""episodes, factors, days, red flags, interventions, presets

Revision ID: 0001
Revises:
Create Date: 2026-11-24
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
        "day",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("checked_in", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("date", name=op.f("pk_day")),
    )
    with op.batch_alter_table("day", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_day_created_at"), ["created_at"], unique=False)

    op.create_table(
        "episode",
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("utc_offset_min", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("side", sa.String(), nullable=False),
        sa.Column("intensity", sa.Integer(), nullable=False),
        sa.Column("duration_s", sa.Integer(), nullable=True),
        sa.Column("context", sa.String(), nullable=False),
        sa.Column("relief", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_episode")),
    )
    with op.batch_alter_table("episode", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_episode_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_episode_local_date"), ["local_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_episode_started_at"), ["started_at"], unique=False)

    op.create_table(
        "factor",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("column", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("min_value", sa.Float(), nullable=True),
        sa.Column("max_value", sa.Float(), nullable=True),
        sa.Column("daily_rule", sa.String(), nullable=False),
        sa.Column("builtin", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_factor")),
        sa.UniqueConstraint("column", name=op.f("uq_factor_column")),
        sa.UniqueConstraint("name", name=op.f("uq_factor_name")),
    )
    op.create_table(
        "intervention",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intervention")),
    )
    with op.batch_alter_table("intervention", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_intervention_name"), ["name"], unique=False)

    op.create_table(
        "red_flag",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_red_flag")),
        sa.UniqueConstraint("date", "kind", name="uq_red_flag_date_kind"),
    )
    with op.batch_alter_table("red_flag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_red_flag_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_red_flag_date"), ["date"], unique=False)

    op.create_table(
        "factor_entry",
        sa.Column("factor_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("utc_offset_min", sa.Integer(), nullable=True),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["factor_id"], ["factor.id"], name=op.f("fk_factor_entry_factor_id_factor")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_factor_entry")),
    )
    with op.batch_alter_table("factor_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_factor_entry_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_factor_entry_factor_id"), ["factor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_factor_entry_local_date"), ["local_date"], unique=False)

    op.create_table(
        "preset",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("factor_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["factor_id"], ["factor.id"], name=op.f("fk_preset_factor_id_factor")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_preset")),
        sa.UniqueConstraint("name", name=op.f("uq_preset_name")),
    )


def downgrade() -> None:
    op.drop_table("preset")
    with op.batch_alter_table("factor_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_factor_entry_local_date"))
        batch_op.drop_index(batch_op.f("ix_factor_entry_factor_id"))
        batch_op.drop_index(batch_op.f("ix_factor_entry_created_at"))

    op.drop_table("factor_entry")
    with op.batch_alter_table("red_flag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_red_flag_date"))
        batch_op.drop_index(batch_op.f("ix_red_flag_created_at"))

    op.drop_table("red_flag")
    with op.batch_alter_table("intervention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intervention_name"))

    op.drop_table("intervention")
    op.drop_table("factor")
    with op.batch_alter_table("episode", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_episode_started_at"))
        batch_op.drop_index(batch_op.f("ix_episode_local_date"))
        batch_op.drop_index(batch_op.f("ix_episode_created_at"))

    op.drop_table("episode")
    with op.batch_alter_table("day", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_day_created_at"))

    op.drop_table("day")
