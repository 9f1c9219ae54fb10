"""The database file as the standard library sees it: is it ours, at which schema, may we
write it. Imports no SQLAlchemy, so the Today screen's first look (tracker.storage.glance) and every
start-up check cost milliseconds; tracker.storage.engine builds the engine on top.

Every connection to the file is made by `connect_file` (tracker.storage.first_look, where the
schema revisions this code knows are kept too, for the first look's few imports).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from dataclasses import dataclass, field
from pathlib import Path

from tracker.core.files import PRIVATE_FILE, describe_kind, read_head
from tracker.core.files import SQLITE_HEADER as SQLITE_MAGIC
from tracker.errors import DatabaseRefused
from tracker.storage.first_look import (
    BUSY_TIMEOUT_S,
    KNOWN_REVISIONS,
    SCHEMA_HEAD,
    connect_file,
    database_errors,
    not_created_yet,
    sqlite_uri,
)
from tracker.storage.keys import is_encrypted, key_file
from tracker.storage.schema import signature
from tracker.storage.wal import foreign_wal, wal_path

# The open check reads every page; memory-mapping the file makes that about twice as fast
# as read() calls (bench/bench_open_check.py), which pays for the index counts below.
CHECK_MMAP_BYTES = 1 << 30


@dataclass(frozen=True)
class FileState:
    """What is at a database path before we open it."""

    exists: bool
    revision: str | None  # None: a new (missing, empty or table-less) database
    schema: frozenset[tuple[object, ...]] = field(default=frozenset())  # tracker.storage.schema.signature


def refuse_unless_regular(path: Path, info: os.stat_result, *, what: str = "database path") -> None:
    """Refuse a directory, FIFO, device or socket by its mode alone: opening a FIFO blocks."""
    if not stat.S_ISREG(info.st_mode):
        raise DatabaseRefused(f"{what} {path} is {describe_kind(info.st_mode)}, not a file; left untouched")


def refuse_unless_sqlite(path: Path) -> None:
    """DatabaseRefused, in one line, when the file at `path` is neither SQLite nor an encrypted
    diary: SQLCipher's file starts with a random salt, not SQLite's header, and opens only with
    its key file beside it (tracker.storage.keys), so one moved without it is told to come back."""
    if is_encrypted(path) or read_head(path, len(SQLITE_MAGIC)) in (SQLITE_MAGIC, b""):  # never close()d: core.files
        return
    where = key_file(path)
    if where.exists() or where.is_symlink():  # there, but no regular file (a folder, a link)
        why = f"its key file {where.name} is not a regular file"
    else:
        why = f"if it is an encrypted diary, its key file {where.name} is missing: put it back beside it"
    raise DatabaseRefused(f"{path} is not a tracker database (not an SQLite file; {why}); left untouched")


def inspect_file(path: Path, *, recover: bool = True) -> FileState:
    """Read the stored revision cheaply, refusing files we must not touch.

    Everything is read through a read-only connection, and a write-ahead log that does not
    belong to the file is refused before SQLite reads it. The one change ever made: with
    `recover`, a rollback journal left by a crash (`NAME-journal`) is rolled back, as SQLite
    does on any open for writing; without it (commands that only read) such a file is refused.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise DatabaseRefused(f"database path {path} is a symbolic link to a missing file") from None
        return FileState(exists=False, revision=None)
    except OSError as exc:
        raise DatabaseRefused(f"database path {path} cannot be read ({exc.strerror})") from None
    refuse_unless_regular(path, info)
    for suffix in ("-wal", "-shm", "-journal"):
        # SQLite opens these by name too: a FIFO there would block it just the same.
        companion = path.with_name(path.name + suffix)
        with contextlib.suppress(FileNotFoundError):
            refuse_unless_regular(companion, companion.stat(), what="the database's companion file")
    wal = wal_path(path)
    if info.st_size == 0 and not_created_yet(path):
        refuse_if_read_only(path, info)
        return FileState(exists=True, revision=None)
    if info.st_size:
        refuse_unless_sqlite(path)
    _roll_back_crashed_transaction(path, recover=recover)
    reason = foreign_wal(path)
    if reason:
        raise DatabaseRefused(
            f"{path} and its write-ahead log {wal.name} do not belong together ({reason}); both left untouched. "
            f"If you restored {path.name} from a copy, move {wal.name} out of the folder"
        )
    try:
        conn = connect_file(path, read_only=True)
        try:
            conn.execute(f"PRAGMA mmap_size={CHECK_MMAP_BYTES}")
            conn.execute("BEGIN")  # one snapshot for every read below
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            check = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if check == "ok":
                check = _index_mismatch(conn) or "ok"
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            schema = signature(conn)
        finally:
            conn.close()
    except database_errors() as exc:
        if "disk I/O error" in str(exc):
            # Opening a diary in WAL mode writes its shared-memory file: on a full disk that
            # fails like this, and "corrupt" would send a person to replace a healthy file.
            raise DatabaseRefused(
                f"{path} could not be opened ({exc}): the disk may be full or failing; the file was left untouched"
            ) from None
        raise DatabaseRefused(f"{path} is corrupt or unreadable ({exc}); left untouched") from None
    if check != "ok":
        raise DatabaseRefused(f"{path} is corrupt (integrity check: {check}); left untouched")
    if not tables:
        refuse_if_read_only(path, info)
        return FileState(exists=True, revision=None, schema=schema)  # a view alone is still foreign
    if "alembic_version" not in tables or revision is None:
        raise DatabaseRefused(f"{path} is an SQLite file but not a tracker database; left untouched")
    if revision not in KNOWN_REVISIONS:
        raise DatabaseRefused(
            f"{path} was written by a newer version of tracker (schema {revision}; this version "
            f"knows up to {SCHEMA_HEAD}); upgrade tracker to open it. Left untouched"
        )
    refuse_if_read_only(path, info)
    return FileState(exists=True, revision=revision, schema=schema)


def _roll_back_crashed_transaction(path: Path, *, recover: bool) -> None:
    journal = path.with_name(path.name + "-journal")
    try:
        if journal.lstat().st_size == 0 or not stat.S_ISREG(journal.lstat().st_mode):
            return
    except FileNotFoundError:
        return
    if not recover:
        raise DatabaseRefused(
            f"{path} has a transaction left unfinished by a crash ({journal.name}); a read-only command cannot "
            "roll it back. Run `tracker db upgrade` (it rolls it back and changes nothing else), then try again"
        )
    try:
        conn = connect_file(path)  # opening for writing rolls the hot journal back
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except database_errors() as exc:
        raise DatabaseRefused(f"{path} has an unfinished transaction that could not be rolled back ({exc})") from None


def _index_mismatch(conn: sqlite3.Connection) -> str | None:
    """The first index whose entries do not number its table's rows, said in words; else None.

    quick_check reads every page but never compares an index with its table; a write-ahead
    log replayed onto the wrong copy of the file leaves exactly that kind of damage (a row
    missing from an index), which a full integrity_check takes three times as long to find.
    Rows are counted from the table's pages alone (NOT INDEXED); an index's entries from its
    pages' cell counts (the dbstat table, no record decoded), or where SQLite was built without
    dbstat by counting its first column through it, twice as slow.
    """
    indexes = conn.execute(
        "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND (sql IS NULL OR sql NOT LIKE '% WHERE %')"
    ).fetchall()
    rows: dict[str, int] = {}
    for index, table in indexes:
        entries = _index_entries(conn, index, table)
        if entries is None:
            continue
        if table not in rows:
            rows[table] = conn.execute(f'SELECT count(*) FROM "{table}" NOT INDEXED').fetchone()[0]
        if entries != rows[table]:
            return f"index {index} holds {entries} entries for {rows[table]} rows of {table}"
    return None


def _index_entries(conn: sqlite3.Connection, index: str, table: str) -> int | None:
    try:
        # Every cell of an index b-tree, interior or leaf, is one entry.
        row = conn.execute("SELECT ncell FROM dbstat WHERE name = ? AND aggregate = 1", (index,)).fetchone()
        if row is not None:
            return int(row[0])
    except database_errors():
        pass  # no dbstat in this SQLite
    first = conn.execute(f'PRAGMA index_info("{index}")').fetchone()
    if first is None or first[2] is None:
        return None  # an index on an expression: nothing to count it by
    column = first[2]
    # count(*) would be answered from whichever index is smallest, whatever INDEXED BY says.
    counted: int = conn.execute(
        f'SELECT count("{column}") + (SELECT count(*) FROM "{table}" INDEXED BY "{index}" WHERE "{column}" IS NULL)'
        f' FROM "{table}" INDEXED BY "{index}"'
    ).fetchone()[0]
    return counted


def refuse_if_read_only(path: Path, info: os.stat_result) -> None:
    """Nothing, or DatabaseRefused when the file `info` describes, or its folder, cannot be written."""
    # Checked on the mode bits, not os.access: root may write anything, but a file its owner
    # made read-only is a clear wish to leave it alone.
    if not info.st_mode & stat.S_IWUSR or not os.access(path.parent, os.W_OK):
        raise DatabaseRefused(f"{path} is read-only; tracker needs to write to it. Left untouched")


def make_private(path: Path) -> None:
    """Make the database and its side files owner-only, as every file tracker writes is."""
    # Only regular files: chmod follows a symbolic link, and a device must never be touched.
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            info = candidate.lstat()
            if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) != PRIVATE_FILE:
                candidate.chmod(PRIVATE_FILE)


__all__ = ["BUSY_TIMEOUT_S", "KNOWN_REVISIONS", "SCHEMA_HEAD", "connect_file", "sqlite_uri"]
