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
import sys

from tracker.core.key_names import key_file_name

# The tables of what a person logged: a diary holding none of them is empty, whatever factors
# it has (a copy goes only into such a diary; a database a failed command created is removed
# only while it is). Here, on the standard library, for both.
ENTRY_TABLES = ("episode", "factor_entry", "day", "red_flag", "red_flag_no", "intervention", "medication")

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `tracker remind` reads through here
if TYPE_CHECKING:
    from pathlib import Path

# The bytes a `file:` URI's path keeps as they are (urllib.parse's always-safe set, and "/"); the
# rest are percent-encoded. Written out here: urllib.parse and pathlib import re, ~10 ms of the
# 30 `tracker remind` may spend beyond starting Python.
URI_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/")


# The newest schema this code knows, and every revision it can upgrade from. A test keeps
# these in step with migrations/versions/.
SCHEMA_HEAD = "0009"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")

BUSY_TIMEOUT_S = 10


def database_errors(*more: type[Exception]) -> tuple[type[Exception], ...]:
    """What a failing read or write raises: sqlite3's errors, and SQLCipher's once it is loaded
    (an encrypted diary's connections raise their own, which are not sqlite3's); and `more`."""
    cipher = sys.modules.get("sqlcipher3")
    return (sqlite3.Error, *more, *((cipher.Error,) if cipher is not None else ()))


def sqlite_uri(path: Path | str, *, read_only: bool = False) -> str:
    """A `file:` URI naming exactly `path`, as pathlib's `as_uri` writes it (a test holds them
    equal): `#`, `?`, `%` and the rest percent-encoded.

    `mode=rw` never creates a file (tracker.storage.engine creates a new database itself, owner-only);
    `mode=ro` opens the file read-only, so reading can never change it.
    """
    mode = "ro" if read_only else "rw"
    if sys.platform == "win32":  # a drive letter and backslashes: pathlib knows their form
        from pathlib import Path

        return f"{Path(os.path.abspath(path)).as_uri()}?mode={mode}"
    encoded = "".join(chr(byte) if byte in URI_SAFE else f"%{byte:02X}" for byte in os.fsencode(os.path.abspath(path)))
    return f"file://{encoded}?mode={mode}"


def connect_file(path: Path | str, *, read_only: bool = False, check_same_thread: bool = True) -> sqlite3.Connection:
    """A sqlite3 connection to exactly `path` (never creating it); the one way tracker opens a database.

    An encrypted diary (tracker.storage.keys.is_encrypted) gets a SQLCipher connection opened with
    its key instead: sqlcipher3 is a DB-API twin of sqlite3, so every reader works on it unchanged,
    catching database_errors() rather than sqlite3.Error alone.
    """
    if os.path.isfile(key_file_name(path)):  # one stat for a plain diary; the rest only beside a key file
        from pathlib import Path

        from tracker.storage.keys import is_encrypted

        if not is_encrypted(Path(path)):
            return _plain(path, read_only=read_only, check_same_thread=check_same_thread)
        from tracker.storage.cipher import connect_encrypted  # deferred: SQLCipher, only for an encrypted diary

        return connect_encrypted(Path(path), read_only=read_only, check_same_thread=check_same_thread)
    return _plain(path, read_only=read_only, check_same_thread=check_same_thread)


def connect_copy(path: Path | str) -> sqlite3.Connection:
    """A read-only connection to a copy (a backup, a file a person put among them) that leaves
    nothing beside it. A plain copy in write-ahead-log mode with no log beside it (copied
    without one) is whole in its file: opened immutable, SQLite makes no `-wal` or `-shm` next
    to it, which a person would find among their backups. Otherwise as connect_file."""
    if os.path.isfile(key_file_name(path)) or os.path.exists(f"{path}-wal"):
        return connect_file(path, read_only=True)
    return sqlite3.connect(sqlite_uri(path, read_only=True) + "&immutable=1", uri=True, timeout=BUSY_TIMEOUT_S)


def _refusals() -> tuple[type[Exception], ...]:
    # tracker.errors costs `tracker remind` its budget; whatever raised DatabaseRefused loaded it.
    errors = sys.modules.get("tracker.errors")
    return (errors.DatabaseRefused,) if errors is not None else ()


def _plain(path: Path | str, *, read_only: bool, check_same_thread: bool) -> sqlite3.Connection:
    return sqlite3.connect(
        sqlite_uri(path, read_only=read_only),
        uri=True,
        timeout=BUSY_TIMEOUT_S,
        check_same_thread=check_same_thread,
    )


def not_created_yet(path: Path | str) -> bool:
    """Whether `path` is an empty (0-byte) file with no write-ahead log holding anything beside it:
    what a first run stopped before SQLite wrote its first page leaves (the file is made, owner-only,
    before the schema goes in). It holds no diary: every reader treats it as none yet, and the
    next write creates the diary in it."""
    try:
        if os.path.getsize(path) != 0:
            return False
    except OSError:  # missing: not a file left behind either
        return False
    try:
        return os.path.getsize(f"{os.fspath(path)}-wal") == 0
    except OSError:
        return True


def open_current(path: Path | str) -> sqlite3.Connection | None:
    """A read-only connection to `path`, inside one read transaction (one snapshot for every
    read), when it is a tracker database at SCHEMA_HEAD; None when it is missing, not a regular
    file, older, unreadable, or has a write-ahead log that is not its own (the full open says why).
    The caller closes it."""
    try:
        if not os.path.isfile(path):
            return None  # missing, a folder, or a FIFO that would block
        wal = f"{os.fspath(path)}-wal"
        if os.path.isfile(wal) and os.path.getsize(wal) > 0:
            from pathlib import Path

            from tracker.storage.wal import foreign_wal  # deferred: only while a log holds writes

            if foreign_wal(Path(path)):
                return None  # never show what a stray log holds
        conn = connect_file(path, read_only=True)
    except Exception as exc:
        if isinstance(exc, database_errors(OSError, *_refusals())):
            return None  # the full open says why (an encrypted diary with no key here, say)
        raise
    try:
        conn.execute("BEGIN")
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone():
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if row and row[0] == SCHEMA_HEAD:
                return conn
    except database_errors():  # not a database ("file is not a database"), or unreadable
        conn.close()
        return None
    conn.close()  # a tracker database at another schema: the full open path upgrades or refuses it
    return None
