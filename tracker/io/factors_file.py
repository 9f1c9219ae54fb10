"""The factors file: the person's own factors, as `tracker factor add` would make them, written
beside the daily CSV (`daily.factors.csv` beside `daily.csv`) so that importing that export into a
fresh diary makes them before it reads their columns, and exporting again gives the same files.

A factor the diary already has must agree with the file in every setting: an import never
changes a factor, so a difference is refused, naming the setting and both values.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from tracker.core import validate
from tracker.core.columns import FACTOR_COLUMNS
from tracker.core.formatting import format_number
from tracker.core.vocabulary import DailyRule, FactorKind, absent_words
from tracker.errors import InputError
from tracker.io.csv_cells import csv_text, restore_text
from tracker.io.csv_table import CsvTable
from tracker.storage.factors import build_factor
from tracker.storage.models import Factor, FactorCreate

SUFFIX = ".factors.csv"
ABSENT = {absent_words(True): True, absent_words(False): False}


def factors_file_beside(daily: Path) -> Path:
    """Where the factors file of a daily file goes: `daily.csv` -> `daily.factors.csv`."""
    return daily.with_name(daily.stem + SUFFIX)


def is_factors_file(header: list[str]) -> bool:
    return header[:1] == ["name"] and {"kind", "daily"} <= set(header)


def factors_csv(factors: list[Factor]) -> str:
    """The factors file: a header and one row per factor of the person's own, in the diary's order."""
    return csv_text(
        [
            FACTOR_COLUMNS,
            *(
                [f.name, f.column, f.kind, f.unit, format_number(f.min_value), format_number(f.max_value),
                 f.daily_rule, absent_words(f.absent_means_none)]
                for f in factors
                if not f.builtin
            ),
        ]
    )  # fmt: skip


@dataclass
class _Row:
    where: str
    cells: dict[str, str]

    def text(self, name: str) -> str:
        return restore_text(self.cells.get(name, "")).strip()

    def refuse(self, name: str, allowed: str) -> InputError:
        return InputError(f"{self.where}: {name}", self.cells.get(name, ""), allowed)


def read_factors(table: CsvTable, *, session: Session, known: list[Factor]) -> list[Factor]:
    """The factors the file defines that the diary (with `known`, which grows) lacks, checked as
    `tracker factor add` checks them and given stand-in ids below 0 until they are written.
    InputError names the file, line and setting at fault."""
    missing = [name for name in ("name", "kind") if name not in table.header]
    if missing:
        raise InputError(f"{table.where} header", ",".join(table.header)[:60], f"{','.join(FACTOR_COLUMNS)}")
    new: list[Factor] = []
    after = max((f.position for f in known), default=0)
    for line, record in table.rows():
        row = _Row(f"{table.where} line {line}", dict(zip(table.header, record, strict=True)))
        wanted = _wanted(row)
        existing = next((f for f in known if f.name == wanted.name), None)
        if existing is not None:
            _agrees(row, existing, wanted)
            continue
        try:
            factor = build_factor(session=session, factor_in=wanted)
        except InputError as exc:
            raise InputError(f"{row.where}: {exc.field}", exc.value, exc.allowed) from None
        column = row.text("column")
        if column and column != factor.column:
            raise row.refuse("column", f"{factor.column}, the column a {factor.name} factor with that unit has")
        clash = next((f for f in known if factor.column in (f.name, f.column)), None)
        if clash is not None:
            raise row.refuse("name", f"a name whose column is not {clash.name}'s already")
        factor.position = after + len(new) + 1
        factor.id = -(len(new) + 1)  # a stand-in until written: daily rows are read by factor id
        new.append(factor)
        known.append(factor)
    return new


def _wanted(row: _Row) -> FactorCreate:
    absent = row.text("absent").lower()
    if absent and absent not in ABSENT:
        raise row.refuse("absent", "none or unknown (how a day with nothing logged counts)")
    try:
        return FactorCreate(
            name=row.text("name").lower(),
            kind=validate.choice("kind", row.text("kind"), FactorKind),
            unit=validate.unit("unit", row.text("unit")),
            min_value=_number(row, "min"),
            max_value=_number(row, "max"),
            daily_rule=validate.choice("daily", row.text("daily"), DailyRule) if row.text("daily") else None,
            absent_means_none=ABSENT[absent] if absent else None,
        )
    except InputError as exc:
        raise InputError(f"{row.where}: {exc.field}", exc.value, exc.allowed) from None


def _number(row: _Row, name: str) -> float | None:
    text = row.text(name)
    return validate.number_text(name, text) if text else None


def _agrees(row: _Row, factor: Factor, wanted: FactorCreate) -> None:
    """A factor the diary has already: each setting the file gives must be the diary's."""
    given = {
        "kind": (wanted.kind.value, factor.kind),
        "unit": (wanted.unit, factor.unit),
        "min": (format_number(wanted.min_value), format_number(factor.min_value)),
        "max": (format_number(wanted.max_value), format_number(factor.max_value)),
        "daily": (wanted.daily_rule.value if wanted.daily_rule else "", factor.daily_rule),
        "absent": (row.text("absent").lower(), absent_words(factor.absent_means_none)),
        "column": (row.text("column"), factor.column),
    }
    for name, (theirs, ours) in given.items():
        if row.text(name) and theirs != ours:
            mine = ours or "(none)"
            raise row.refuse(name, f"{mine}, as your {factor.name} factor has it (an import never changes a factor)")
