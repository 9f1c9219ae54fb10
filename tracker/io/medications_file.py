"""The medications file: the medication list written beside the daily CSV (`daily.medications.csv`
beside `daily.csv`), so that importing an export into another diary, `db copy` and `db copy
--merge` keep it. Read back one for one: a medication the diary holds already (the same name,
dose, dates and note) is not added again, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from sqlalchemy import Connection, select

from tracker.core import validate
from tracker.core.when import parse_file_date
from tracker.errors import InputError
from tracker.io.csv_cells import csv_text, restore_text
from tracker.io.csv_table import CsvTable
from tracker.storage import journal
from tracker.storage.models import Medication, metadata, utc_now

SUFFIX = ".medications.csv"
COLUMNS = ["name", "dose", "started", "stopped", "note"]
TABLE = str(Medication.__tablename__)
# name, dose, started, stopped, note: a medication as the file and the diary both hold it
Row = tuple[str, str, dt.date | None, dt.date | None, str]


def medications_file_beside(daily: Path) -> Path:
    """Where the medications file of a daily file goes: `daily.csv` -> `daily.medications.csv`."""
    return daily.with_name(daily.stem + SUFFIX)


def is_medications_file(header: list[str]) -> bool:
    return header[:1] == ["name"] and {"started", "stopped"} <= set(header)


def medications_csv(items: list[Medication]) -> str:
    """The medications file: a header and one row per medication, unknown dates left empty."""
    return csv_text([COLUMNS, *([m.name, m.dose, _day(m.started), _day(m.stopped), m.note] for m in items)])


def read_medications(table: CsvTable, *, today: dt.date) -> list[Row]:
    """Every row of the file, checked as `tracker med add` checks one; InputError names the
    file, line and field at fault."""
    missing = [name for name in ("name", "started", "stopped") if name not in table.header]
    if missing:
        raise InputError(f"{table.where} header", ",".join(table.header)[:60], ",".join(COLUMNS))
    rows: list[Row] = []
    for line, record in table.rows():
        cells = {name: restore_text(cell) for name, cell in zip(table.header, record, strict=True)}
        where = f"{table.where} line {line}"
        try:
            dates = {name: parse_file_date(cells[name], field=name) if cells[name].strip() else None
                     for name in ("started", "stopped")}  # fmt: skip
            rows.append(
                validate.medication(
                    name=cells["name"], dose=cells.get("dose", ""), note=cells.get("note", ""), today=today, **dates
                )
            )
        except InputError as exc:
            raise InputError(f"{where}: {exc.field}", exc.value, exc.allowed) from None
    return rows


def write_new_medications(conn: Connection, rows: list[Row]) -> tuple[int, journal.Change | None]:
    """The rows the diary does not hold yet, inserted (one for one: a medication listed twice in
    the file and once in the diary is added once). Returns how many were added and the journal's
    record of them (None when none were), for the import's one action."""
    table = metadata.tables[TABLE]
    held = Counter(tuple(m) for m in conn.execute(select(*(table.c[name] for name in COLUMNS))))
    new: list[Row] = []
    for row in rows:
        if held[row]:
            held[row] -= 1
        else:
            new.append(row)
    if not new:
        return 0, None
    created = utc_now()
    first, last = journal.insert_rows(
        conn, Medication, [dict(zip(COLUMNS, row, strict=True)) | {"created_at": created} for row in new]
    )
    return len(new), journal.added_range(TABLE, first, last)


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
