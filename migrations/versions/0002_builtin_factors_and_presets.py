"""built-in factors and drink/water presets

The five factors the literature names as likely triggers, and the presets people pick from
instead of typing numbers. They are ordinary rows, so a person can edit the presets.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# name, column, kind, unit, min, max, daily rule
BUILTIN_FACTORS = [
    ("caffeine", "caffeine_mg", "number", "mg", 0.0, 2000.0, "sum"),
    ("sleep", "sleep_h", "number", "h", 0.0, 24.0, "sum"),
    ("water", "water_ml", "number", "ml", 0.0, 10000.0, "sum"),
    ("stress", "stress", "scale", "", 0.0, 10.0, "mean"),
    ("magnesium", "magnesium_mg", "number", "mg", 0.0, 2000.0, "sum"),
]

# name, factor column, amount
PRESETS = [
    ("espresso", "caffeine_mg", 63.0),
    ("coffee", "caffeine_mg", 95.0),
    ("black-tea", "caffeine_mg", 47.0),
    ("green-tea", "caffeine_mg", 28.0),
    ("cola", "caffeine_mg", 34.0),
    ("energy-drink", "caffeine_mg", 80.0),
    ("glass", "water_ml", 250.0),
    ("bottle", "water_ml", 500.0),
]

factor = sa.table(
    "factor",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("column", sa.String),
    sa.column("kind", sa.String),
    sa.column("unit", sa.String),
    sa.column("min_value", sa.Float),
    sa.column("max_value", sa.Float),
    sa.column("daily_rule", sa.String),
    sa.column("builtin", sa.Boolean),
    sa.column("position", sa.Integer),
)
preset = sa.table(
    "preset",
    sa.column("name", sa.String),
    sa.column("factor_id", sa.Integer),
    sa.column("amount", sa.Float),
)


def upgrade() -> None:
    conn = op.get_bind()
    op.bulk_insert(
        factor,
        [
            {
                "name": name,
                "column": column,
                "kind": kind,
                "unit": unit,
                "min_value": low,
                "max_value": high,
                "daily_rule": rule,
                "builtin": True,
                "position": position,
            }
            for position, (name, column, kind, unit, low, high, rule) in enumerate(BUILTIN_FACTORS)
        ],
    )
    ids = dict(conn.execute(sa.select(factor.c.column, factor.c.id)).all())
    op.bulk_insert(
        preset,
        [{"name": name, "factor_id": ids[column], "amount": amount} for name, column, amount in PRESETS],
    )


def downgrade() -> None:
    op.execute(preset.delete())
    op.execute(factor.delete().where(factor.c.builtin.is_(True)))
