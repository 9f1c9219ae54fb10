"""A diary opened for a first look, on the standard library's sqlite3 and almost nothing else.

Both the Today screen's first paint (tracker.storage.glance) and `tracker remind`, which a
shell prompt may run on every line, read through open_current: read-only, never creating or
changing a file, and only a diary already at the current schema. Every connection tracker
makes to a diary is made by connect_file, by a `file:` URI whose path is percent-encoded, so a
name holding `#`, `?` or `%` opens exactly that file. Imports stay few: the write-ahead-log
check (tracker.storage.wal) is loaded only when a log with something in it lies beside the file.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

# The newest schema this code knows, and every revision it can upgrade from. A test keeps
# these in step with migrations/versions/.
SCHEMA_HEAD = "0007"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")

BUSY_TIMEOUT_S = 10


def sqlite_uri(path: Path, *, read_only: bool = False) -> str:
    """A `file:` URI naming exactly `path`: `as_uri` percent-encodes `#`, `?`, `%` and the rest.

    `mode=rw` never creates a file (tracker.storage.engine creates a new database itself, owner-only);
    `mode=ro` opens the file read-only, so reading can never change it.
    """
    return f"{Path(os.path.abspath(path)).as_uri()}?mode={'ro' if read_only else 'rw'}"


def connect_file(path: Path, *, read_only: bool = False, check_same_thread: bool = True) -> sqlite3.Connection:
    """A sqlite3 connection to exactly `path` (never creating it); the one way tracker opens a database."""
    return sqlite3.connect(
        sqlite_uri(path, read_only=read_only),
        uri=True,
        timeout=BUSY_TIMEOUT_S,
        check_same_thread=check_same_thread,
    )


def open_current(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to `path`, inside one read transaction (one snapshot for every
    read), when it is a tracker database at SCHEMA_HEAD; None when it is missing, not a regular
    file, older, unreadable, or has a write-ahead log that is not its own (the full open says why).
    The caller closes it."""
    try:
        if not os.path.isfile(path):
            return None  # missing, a folder, or a FIFO that would block
        wal = path.with_name(path.name + "-wal")
        if os.path.isfile(wal) and os.path.getsize(wal) > 0:
            from tracker.storage.wal import foreign_wal  # deferred: only while a log holds writes

            if foreign_wal(path):
                return None  # never show what a stray log holds
        conn = connect_file(path, read_only=True)
    except (OSError, sqlite3.Error):
        return None
    try:
        conn.execute("BEGIN")
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone():
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if row and row[0] == SCHEMA_HEAD:
                return conn
    except sqlite3.Error:  # not a database ("file is not a database"), or unreadable
        conn.close()
        return None
    conn.close()  # a tracker database at another schema: the full open path upgrades or refuses it
    return None
