"""Loop Habit Tracker's CSV export, as the zip it writes or that zip unpacked: `Habits.csv`
names each habit (position, name, type, unit), and `NNN Name/Checkmarks.csv` holds its days.

A day is YES_MANUAL (done), NO (not done), a number (a measurable habit), UNKNOWN (nothing was
entered: not logged, never "no"), YES_AUTO (Loop's own fill-in between the days of a habit kept
a few times a week: the person did not do it that day, so it is left out, not turned into
"yes"), or SKIP (the person skipped the day on purpose: not logged).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tracker.errors import InputError
from tracker.io.apps.mapping import Target
from tracker.io.apps.readings import (
    Bundle,
    Parsed,
    Progress,
    Reading,
    counted_rows,
    csv_rows,
    header_of,
    own_factor,
    parse_iso_date,
    parse_number,
    require_columns,
)

APP = "loop"
HABIT_COLUMNS = ["Position", "Name"]
DAY_COLUMNS = ["Date", "Value"]
DONE, NOT_DONE = "YES_MANUAL", "NO"
NOT_LOGGED = {
    "UNKNOWN": "days with nothing entered (UNKNOWN: not logged)",
    "YES_AUTO": "days Loop filled in from the habit's frequency (YES_AUTO: not done that day)",
    "SKIP": "days skipped on purpose (SKIP: not logged)",
}


def read(path: Path, sections: Mapping[str, Any], progress: Progress | None = None) -> Parsed:
    """Every habit's days as readings: 1 done, 0 not done, or the number entered."""
    bundle = Bundle(path)
    try:
        return _read(bundle)
    finally:
        bundle.close()


def _read(bundle: Bundle) -> Parsed:
    parsed = Parsed()
    habits_file = bundle.find("Habits.csv")
    if habits_file is None:
        raise InputError("FILE", bundle.path.name, "Loop's export: a zip or folder with Habits.csv in it")
    with bundle.open(habits_file) as handle:
        where = bundle.where(habits_file)
        header = header_of(handle, where)
        require_columns(header, HABIT_COLUMNS, where, "Loop's Habits.csv columns (Position,Name,...)")
        handle.seek(0)
        habits = [cells for _, cells in csv_rows(handle, where)]
    for habit in habits:
        name = habit["Name"].strip()
        numeric = habit.get("Type", "").strip().upper() == "NUMERICAL"
        factor = own_factor(name, suffix="_habit")
        kind = "number" if numeric else "yes-no"
        parsed.items[name] = Target("factor", factor=factor, kind=kind, unit=habit.get("Unit", "").strip())
        folder = _habit_folder(habit["Position"].strip(), name)
        # Older versions of Loop named the folder with the name as it is.
        unsanitised = f"{habit['Position'].strip()} {name}/Checkmarks.csv"
        member = bundle.find(f"{folder}/Checkmarks.csv") or bundle.find(unsanitised)
        if member is None:
            raise InputError(f"{bundle.path.name} habit", name, f"a folder {folder}/ with Checkmarks.csv")
        _read_days(bundle, member, name, numeric, parsed)
    return parsed


def _habit_folder(position: str, name: str) -> str:
    """The folder Loop writes a habit's days in: its position and its name with every character
    but ASCII letters, digits, space, '.', '_' and '-' dropped, cut to 100 ("Don't smoke 🚭" ->
    "002 Dont smoke"), as Loop's HabitsCSVExporter.sanitizeFilename does."""
    return f"{position} {re.sub(r'[^ a-zA-Z0-9._-]+', '', name)[:100]}".strip()


def _read_days(bundle: Bundle, member: str, habit: str, numeric: bool, parsed: Parsed) -> None:
    where_file = bundle.where(member)
    allowed = "Loop's Checkmarks.csv columns (Date,Value,Notes)"
    with bundle.open(member) as handle:
        for where, cells in counted_rows(handle, where_file, DAY_COLUMNS, allowed, parsed):
            day = parse_iso_date(cells["Date"], where, "Date")
            value = cells["Value"].strip().upper()
            note = cells.get("Notes", "").strip()
            if value in NOT_LOGGED:
                parsed.skip(NOT_LOGGED[value], where)
                if note:  # the person typed it: said, not silently dropped with the day
                    shown = note if len(note) <= 40 else note[:37] + "..."
                    parsed.skip("notes on those days (not kept: the day is not logged)", f"{where} {shown!r}")
            elif value in (DONE, NOT_DONE) and not numeric:
                parsed.readings.append(Reading(habit, day, where, 1.0 if value == DONE else 0.0, text=note))
            elif numeric:
                parsed.readings.append(Reading(habit, day, where, parse_number(value, where, "Value"), text=note))
            else:
                raise InputError(f"{where}: Value", cells["Value"], "YES_MANUAL, YES_AUTO, NO, SKIP or UNKNOWN")
