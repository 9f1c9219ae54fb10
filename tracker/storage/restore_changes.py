"""What a restore changed, by kind of entry: a count of entries hides a medication that went and
another that came, so each kind is compared row by row and what differs is named.

Rows are compared by what a person logged, without their ids and creation times (a copy holds
the same rows under the same ids; the times only say when each was written). A kind the copy
or the diary has no table for (an older schema) is left out rather than called empty.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import DatabaseRefused
from tracker.storage.diary_facts import ONSET
from tracker.storage.file_checks import connect_file
from tracker.storage.first_look import database_errors

# Each kind as a person knows it: its tables, and the column that names one of its rows.
KINDS = (
    ("twitches", (("episode", "local_date"),)),
    ("day values", (("factor_entry", "local_date"),)),
    ("checklist answers", (("red_flag", "date"), ("red_flag_no", "date"))),
    ("check-ins and day notes", (("day", "date"),)),
    ("medications", (("medication", "name"),)),
    ("interventions", (("intervention", "name"),)),
)
_NOT_COMPARED = {"id", "created_at", "updated_at"}
_NAMED = 3  # names shown per change; more are counted


@dataclass(frozen=True)
class Snapshot:
    rows: dict[str, Counter[tuple[object, ...]]]  # kind -> its rows (each led by its name)
    onset: str | None


def snapshot(path: Path) -> Snapshot | None:
    """What the diary at `path` holds, by kind; None when it cannot be read (a damaged diary)."""
    try:
        conn = connect_file(path, read_only=True)
        try:
            rows = {kind: _rows(conn, tables) for kind, tables in KINDS}
            onset = _onset(conn)
        finally:
            conn.close()
    except database_errors(DatabaseRefused):
        return None
    return Snapshot({kind: found for kind, found in rows.items() if found is not None}, onset)


def _rows(conn: sqlite3.Connection, tables: tuple[tuple[str, str], ...]) -> Counter[tuple[object, ...]] | None:
    found: Counter[tuple[object, ...]] = Counter()
    for table, name in tables:
        try:
            cursor = conn.execute(f"SELECT * FROM {table}")
        except database_errors():  # no such table at this revision
            return None
        columns = [column[0] for column in cursor.description]
        kept = [i for i, column in enumerate(columns) if column not in _NOT_COMPARED]
        at = columns.index(name)
        found.update((row[at], table, *(row[i] for i in kept)) for row in cursor)
    return found


def _onset(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT value FROM diary_setting WHERE key = ?", (ONSET,)).fetchone()
    except database_errors():
        return None
    return str(row[0]) if row else None


def changes(before: Snapshot | None, after: Snapshot | None) -> list[str]:
    """What differs from `before` (the diary replaced) to `after` (the copy restored), a phrase a
    kind ('medications: 1 gone (prednisone)'); [] when nothing does, or either is unknown."""
    if before is None or after is None:
        return []
    said = []
    for kind, _ in KINDS:
        if kind not in before.rows or kind not in after.rows:
            continue
        gone = before.rows[kind] - after.rows[kind]
        back = after.rows[kind] - before.rows[kind]
        changed = {row[0] for row in gone} & {row[0] for row in back}  # the same name, other values
        parts = [
            _named([r for r in gone.elements() if r[0] not in changed], "gone"),
            _named([r for r in back.elements() if r[0] not in changed], "back"),
            _named([r for r in gone.elements() if r[0] in changed], "changed"),
        ]
        parts = [part for part in parts if part]
        if parts:
            said.append(f"{kind}: {', '.join(parts)}")
    if before.onset != after.onset:
        said.append(f"onset: {before.onset or 'not given'}, now {after.onset or 'not given'}")
    return said


def _named(rows: list[tuple[object, ...]], what: str) -> str:
    """'2 gone (2026-11-20, 2026-11-21)'; '' for none."""
    if not rows:
        return ""
    names = sorted({str(row[0]) for row in rows})
    shown = ", ".join(names[:_NAMED]) + (f" and {len(names) - _NAMED} more" if len(names) > _NAMED else "")
    return f"{len(rows)} {what} ({shown})"
