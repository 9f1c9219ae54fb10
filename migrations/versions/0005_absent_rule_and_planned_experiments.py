"""a factor says how the analysis reads a day with nothing logged; interventions can be planned

`factor.absent_means_none`: on a day whose twitches were answered, a factor with the rule and no
entry reads as none (0) in the analysis. Storage and exports still hold the blank. The defaults
are written here with this revision's own copy of them: caffeine and magnesium (logged only when
taken) and every yes-no factor of the person's own get it; sleep, water, stress and the person's
numbers and scales (measured, so a day without them is a day nobody measured) do not.

`intervention.block_days`: an intervention planned as alternating off/on blocks of this many
days (`tracker intervention plan`); NULL for every intervention already stored.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The built-in factors logged only when taken (this revision's copy of core.vocabulary's rule).
LOGGED_WHEN_TAKEN = ("caffeine_mg", "magnesium_mg")

factor = sa.table(
    "factor",
    sa.column("column", sa.String),
    sa.column("kind", sa.String),
    sa.column("builtin", sa.Boolean),
    sa.column("absent_means_none", sa.Boolean),
)


def upgrade() -> None:
    # Adding a column with a constant default is a plain ALTER TABLE on SQLite: no table copy.
    op.add_column("factor", sa.Column("absent_means_none", sa.Boolean(), nullable=False, server_default="0"))
    op.add_column("intervention", sa.Column("block_days", sa.Integer(), nullable=True))
    op.execute(
        factor.update()
        .where(
            (factor.c.builtin.is_(True) & factor.c.column.in_(LOGGED_WHEN_TAKEN))
            | (factor.c.builtin.is_(False) & (factor.c.kind == "yes-no"))
        )
        .values(absent_means_none=True)
    )


def downgrade() -> None:
    # A plan read by the older version would be one long intervention, half of it off: refused
    # (and rolled back) while any plan is stored, rather than compared wrongly.
    planned = op.get_bind().execute(sa.text("SELECT count(*) FROM intervention WHERE block_days IS NOT NULL"))
    if planned.scalar():
        raise RuntimeError("planned experiments are stored; remove them (tracker undo) before going back to 0004")
    with op.batch_alter_table("intervention", schema=None, table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_column("block_days")
    with op.batch_alter_table("factor", schema=None) as batch_op:
        batch_op.drop_column("absent_means_none")
