"""The medications file: the medication list written beside the daily CSV (`daily.medications.csv`
beside `daily.csv`), so that importing an export into another diary, `db copy` and `db copy
--merge` keep it. Read back one for one: a medication is one course of a medicine, known by its
name, dose and start; one the diary holds already is never added again (importing the same file
twice adds nothing), it only gets the stop date or note it lacks.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, select, update

from tracker.core import validate
from tracker.core.when import parse_file_date
from tracker.errors import InputError
from tracker.io.apps.plan import Conflict
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


@dataclass
class MedicationWrites:
    """What an import did to the medication list: rows added, stop dates and notes the diary
    lacked added to its own rows, the journal's record of both, and each stop date the two
    disagree on (the diary's kept)."""

    added: int = 0
    completed: int = 0
    changes: list[journal.Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def write_medications(conn: Connection, rows: list[Row]) -> MedicationWrites:
    """The file's medications matched with the diary's by identity (name, dose and start: the
    same medicine course, whatever it later became) one for one. A course the diary lacks is
    added; one it holds gets the stop date or note it lacks; a different stop date is listed as a
    conflict, the diary's kept. Never a second row for one course."""
    table = metadata.tables[TABLE]
    held: dict[tuple[str, str, dt.date | None], list[tuple[int, dt.date | None, str]]] = defaultdict(list)
    stored = conn.execute(select(table.c.id, *(table.c[name] for name in COLUMNS)).order_by(table.c.id))
    for key, name, dose, started, stopped, note in stored:
        held[(name, dose, started)].append((key, stopped, note))
    done = MedicationWrites()
    new: list[Row] = []
    updates: dict[int, dict[str, object]] = {}
    for row in rows:
        name, dose, started, stopped, note = row
        courses = held.get((name, dose, started))
        if not courses:
            new.append(row)
            continue
        # The diary's own copy of this course first (same stop date), so a repeated course in
        # both matches itself and not its twin.
        key, kept, kept_note = next((c for c in courses if c[1] == stopped), courses[0])
        courses.remove((key, kept, kept_note))
        change: dict[str, object] = {}
        if kept is None and stopped is not None:
            change["stopped"] = stopped
        elif kept is not None and stopped is not None and kept != stopped:
            done.conflicts.append(Conflict(kept, f"{name} stopped", kept.isoformat(), stopped.isoformat()))
        if not kept_note and note:
            change["note"] = note
        if change:
            updates[key] = change
    if updates:
        done.changes.append(journal.changed(conn, TABLE, sorted(updates)))
        for key, change in updates.items():
            conn.execute(update(table).where(table.c.id == key).values(**change))
        done.completed = len(updates)
    if new:
        created = utc_now()
        first, last = journal.insert_rows(
            conn, Medication, [dict(zip(COLUMNS, row, strict=True)) | {"created_at": created} for row in new]
        )
        done.changes.append(journal.added_range(TABLE, first, last))
        done.added = len(new)
    return done


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
