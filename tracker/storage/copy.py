"""A whole diary copied between stores (a SQLite file and a PostgreSQL server, either way).

The copy reads one snapshot of the source and writes the target in one transaction, so a
failure part-way leaves the target as it was. Row ids are copied as they are (entry ids are
what `tracker delete` and the journal name), and a server's id sequences are moved past them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, func, select, text

from tracker.errors import DatabaseRefused
from tracker.storage.first_look import ENTRY_TABLES as ENTRY_TABLES  # what a person logged: the one list
from tracker.storage.models import metadata


def holds_entries(conn: Connection) -> bool:
    """Whether the diary on `conn` holds anything a person logged."""
    tables = {table.name: table for table in metadata.sorted_tables}
    return any(conn.execute(select(func.count()).select_from(tables[name])).scalar() for name in ENTRY_TABLES)


def copy_diary(
    source: Engine, target: Engine, *, check: Callable[[Connection, Connection], None] | None = None
) -> dict[str, int]:
    """Every row of `source` into `target` (both at the current schema; `target` must hold no
    entries: its built-in factors and presets are replaced by the source's). `check`, given both
    connections before the copy commits, raises to keep the target as it was. Returns the rows
    copied per table."""
    with _snapshot(source) as reading, target.begin() as writing:
        if holds_entries(writing):
            raise DatabaseRefused("the target diary already holds entries; copy only into an empty one")
        counts = replace_rows(reading, writing)
        if check is not None:
            check(reading, writing)
    return counts


def replace_rows(reading: Connection, writing: Connection) -> dict[str, int]:
    """Every row `writing`'s diary holds replaced by `reading`'s (both at the current schema), in
    `writing`'s transaction; returns the rows copied per table."""
    counts: dict[str, int] = {}
    for table in reversed(metadata.sorted_tables):
        writing.execute(table.delete())
    for table in metadata.sorted_tables:
        rows = [dict(row._mapping) for row in reading.execute(select(table).order_by(*table.primary_key.columns))]
        if rows:
            writing.execute(table.insert(), rows)
        counts[table.name] = len(rows)
    if writing.dialect.name == "postgresql":
        _move_sequences(writing)
    return counts


def _snapshot(engine: Engine) -> Connection:
    """A connection whose reads all see one moment: a server's repeatable-read transaction, or
    SQLite's read transaction (a write-ahead-log snapshot)."""
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        conn = conn.execution_options(isolation_level="REPEATABLE READ", tracker_read_only=True)
    else:
        conn = conn.execution_options(tracker_read_only=True)
    conn.begin()
    return conn


def _move_sequences(conn: Connection) -> None:
    # Rows inserted with their ids leave a serial column's sequence where it was: the next
    # entry logged would take id 1 and clash. Never moved back either: after an older copy is
    # restored, an id the replaced diary gave (shown in a list, a note) names no other entry.
    for table in metadata.sorted_tables:
        [key] = table.primary_key.columns
        if key.autoincrement is not True and not (key.autoincrement == "auto" and key.type.python_type is int):
            continue
        conn.execute(
            text(
                f"SELECT setval(seq, GREATEST(COALESCE((SELECT max({key.name}) FROM {table.name}), 0), "
                f"COALESCE(pg_sequence_last_value(seq), 0)) + 1, false) "
                f"FROM CAST(pg_get_serial_sequence('{table.name}', '{key.name}') AS regclass) AS seq"
            )
        )


def snapshot_to_file(source: Engine | Connection, dest: Path) -> Path:
    """A SQLite file at `dest` (which must not exist) holding one consistent snapshot of the
    diary on `source` (an engine, or a connection whose transaction is the snapshot); it appears
    at its name whole or not at all. Returns `dest`."""
    from tracker.storage.daily_backup import none_today
    from tracker.storage.engine import open_database
    from tracker.storage.file_checks import connect_file

    if os.path.lexists(dest):
        raise DatabaseRefused(f"backup destination {dest} already exists; choose another")
    if not dest.parent.is_dir():
        raise DatabaseRefused(f"no folder {dest.parent} for the backup {dest.name}; create it or choose another")
    folder = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        partial = folder / dest.name
        none_today(partial)  # a copy being made is no diary of its own: no daily backup of it
        target = open_database(partial)
        try:
            if isinstance(source, Connection):
                with target.begin() as writing:
                    replace_rows(source, writing)
            else:
                copy_diary(source, target)
        finally:
            target.dispose()
        conn = connect_file(partial)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, as a backup should be
        finally:
            conn.close()
        os.link(partial, dest)  # never replaces a file that appeared meanwhile
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return dest
