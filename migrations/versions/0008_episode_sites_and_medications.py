"""several sites in one episode, and the medication list

`episode_site`: the further places one episode involved (eye and mouth together on one side is
the sign a clinician looks for in hemifacial spasm). The episode's own location and side stay its
first site, so every diary already stored reads as before.

`medication`: drug, dose as written, start and stop dates (either may be unknown). Two new
tables, nothing already stored changes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "episode_site",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("episode_id", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("side", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["episode_id"], ["episode.id"], name=op.f("fk_episode_site_episode_id_episode")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_episode_site")),
        sa.UniqueConstraint("episode_id", "location", "side", name="uq_episode_site_episode_id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("episode_site", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_episode_site_episode_id"), ["episode_id"], unique=False)
    op.create_table(
        "medication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("dose", sa.String(), nullable=False),
        sa.Column("started", sa.Date(), nullable=True),
        sa.Column("stopped", sa.Date(), nullable=True),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medication")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("medication", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_medication_name"), ["name"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("medication", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_medication_name"))
    op.drop_table("medication")
    with op.batch_alter_table("episode_site", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_episode_site_episode_id"))
    op.drop_table("episode_site")
