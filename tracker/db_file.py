"""The database file as the standard library sees it: is it ours, at which schema, may we
write it. Imports no SQLAlchemy, so the Today screen's first look (tracker.glance) and every
start-up check cost milliseconds; tracker.db builds the engine on top.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import DatabaseRefused

# The newest schema this code knows, and every revision it can upgrade from. A test keeps
# these in step with migrations/versions/.
SCHEMA_HEAD = "0003"
KNOWN_REVISIONS = ("0001", "0002", "0003")

BUSY_TIMEOUT_S = 10
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileState:
    """What is at a database path before we open it."""

    exists: bool
    revision: str | None  # None: a new (missing, empty or table-less) database


def inspect_file(path: Path) -> FileState:
    """Read the stored revision cheaply, refusing files we must not touch."""
    if not path.exists():
        return FileState(exists=False, revision=None)
    if path.is_dir():
        raise DatabaseRefused(f"database path {path} is a directory, not a file")
    info = path.stat()
    if info.st_size == 0:
        _refuse_if_read_only(path, info)
        return FileState(exists=True, revision=None)
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise DatabaseRefused(f"{path} is not a tracker database (not an SQLite file); left untouched")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            check = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(f"{path} is corrupt or unreadable ({exc}); left untouched") from None
    if check != "ok":
        raise DatabaseRefused(f"{path} is corrupt (integrity check: {check}); left untouched")
    if not tables:
        _refuse_if_read_only(path, info)
        return FileState(exists=True, revision=None)
    if "alembic_version" not in tables or revision is None:
        raise DatabaseRefused(f"{path} is an SQLite file but not a tracker database; left untouched")
    if revision not in KNOWN_REVISIONS:
        raise DatabaseRefused(
            f"{path} was written by a newer version of tracker (schema {revision}; this version "
            f"knows up to {SCHEMA_HEAD}); upgrade tracker to open it. Left untouched"
        )
    _refuse_if_read_only(path, info)
    return FileState(exists=True, revision=revision)


def _refuse_if_read_only(path: Path, info: os.stat_result) -> None:
    # Checked on the mode bits, not os.access: root may write anything, but a file its owner
    # made read-only is a clear wish to leave it alone.
    if not info.st_mode & stat.S_IWUSR or not os.access(path.parent, os.W_OK):
        raise DatabaseRefused(f"{path} is read-only; tracker needs to write to it. Left untouched")
