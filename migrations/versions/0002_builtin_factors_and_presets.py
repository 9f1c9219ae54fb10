"""built-in factors and drink/water presets

The five factors the literature names as likely triggers, and the presets people pick from
instead of typing numbers. They are ordinary rows, so a person can edit the presets.

A person may already have made a factor or preset of that name at revision 0001. A factor of
theirs with the built-in's kind and unit becomes the built-in (its entries, range and daily
rule kept); any other is renamed NAME_own, and a preset of theirs keeps its name and amount.
Each such change is said (logger "tracker.upgrade"), never made silently.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

notes = logging.getLogger("tracker.upgrade")

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
    new = []
    for position, (name, column, kind, unit, low, high, rule) in enumerate(BUILTIN_FACTORS):
        if _adopt_or_rename(conn, name, column, kind, unit, position):
            continue
        new.append(
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
        )
    if new:
        op.bulk_insert(factor, new)
    ids = dict(conn.execute(sa.select(factor.c.column, factor.c.id)).all())
    taken = set(conn.execute(sa.select(preset.c.name)).scalars())
    for name in sorted(taken & {name for name, _, _ in PRESETS}):
        notes.info("your preset %r is kept as it is; the built-in preset of that name was not added", name)
    op.bulk_insert(
        preset,
        [
            {"name": name, "factor_id": ids[column], "amount": amount}
            for name, column, amount in PRESETS
            if name not in taken
        ],
    )


def _adopt_or_rename(conn: sa.Connection, name: str, column: str, kind: str, unit: str, position: int) -> bool:
    """Make room for a built-in among a person's own factors; True if theirs became the built-in."""
    clashes = conn.execute(
        sa.select(factor.c.id, factor.c.name, factor.c.column, factor.c.kind, factor.c.unit)
        .where(sa.or_(factor.c.name.in_([name, column]), factor.c.column.in_([name, column])))
        .order_by(factor.c.id)
    ).all()
    adopted = False
    for clash in clashes:
        if not adopted and clash.kind == kind and clash.unit == unit:
            conn.execute(
                factor.update()
                .where(factor.c.id == clash.id)
                .values(name=name, column=column, builtin=True, position=position)
            )
            notes.info("your factor %r (%s) is now the built-in %s, with all its entries", clash.name, unit, name)
            adopted = True
            continue
        new_name, new_column = (
            _free(conn, factor.c.name, f"{clash.name}_own"),
            _free(conn, factor.c.column, f"{clash.column}_own"),
        )
        conn.execute(factor.update().where(factor.c.id == clash.id).values(name=new_name, column=new_column))
        notes.info(
            "your factor %r is renamed %r (CSV column %s): this version adds a built-in %s in %s",
            clash.name,
            new_name,
            new_column,
            name,
            unit or kind,
        )
    return adopted


def _free(conn: sa.Connection, field: sa.ColumnClause, wanted: str) -> str:
    candidate, number = wanted, 1
    while conn.execute(sa.select(sa.func.count()).select_from(factor).where(field == candidate)).scalar():
        number += 1
        candidate = f"{wanted}{number}"
    return candidate


def downgrade() -> None:
    op.execute(preset.delete())
    op.execute(factor.delete().where(factor.c.builtin.is_(True)))
