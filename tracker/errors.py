"""Errors a person can act on: the field, the value and what is allowed, in one line."""

from __future__ import annotations

import errno


class TrackerError(Exception):
    """A failure that is not the user's input (exit code 1)."""


class InputError(TrackerError, ValueError):
    """Bad input from a person (exit code 2): names the field, the value and what is allowed."""

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field}: {_show(value)} is not allowed; {allowed}")


class UsageError(Exception):
    """argparse found a mistake in the command line (exit code 2). Here, not beside the parser,
    so the command line catches it without building the parser `tracker` alone never needs."""


class DatabaseRefused(TrackerError):
    """The file at the database path cannot be used; it was left untouched (exit code 2)."""


class StoredValueError(DatabaseRefused):
    """A value in the file that tracker would never have written (exit code 2)."""

    def __init__(self, table: str, row: str, field: str, value: object) -> None:
        self.table, self.row, self.field, self.value = table, row, field, value
        super().__init__(
            f"table {table}, {row}, field {field}: {value!r} is not a value tracker stores there "
            "(changed outside tracker?); fix or delete that row, or restore a backup"
        )


def _show(value: object) -> str:
    # 95.0 reads as 95; a huge float keeps its exponent (1e+308), never its 309 digits
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        value = int(value)
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


EXIT_FAILURE, EXIT_BAD_INPUT = 1, 2
# How a database complaint about the disk begins: such a write changed nothing, and exits 2.
DISK_REFUSED = "the disk"


def failure_line(exc: BaseException) -> tuple[str, int]:
    """The one line a person reads about `exc`, and the exit code the command line ends with.

    The one home for this wording: the CLI prints it, the TUI shows it in a notice.
    """
    if isinstance(exc, InputError | DatabaseRefused):
        return str(exc), EXIT_BAD_INPUT
    if isinstance(exc, TrackerError):
        return str(exc), EXIT_FAILURE
    database = _database_error(exc)
    if database is not None:
        # A write the disk refused changed nothing, as a refused file does (DatabaseRefused): 2.
        return database, EXIT_BAD_INPUT if database.startswith(DISK_REFUSED) else EXIT_FAILURE
    if type(exc).__name__ == "ValidationError" and type(exc).__module__.startswith("pydantic"):
        # A model refused a value nothing checked first: still the person's input.
        first = exc.errors()[0]  # type: ignore[attr-defined]  # pydantic's, known by name: the core never loads pydantic
        field = ".".join(str(part) for part in first.get("loc", ())) or "input"
        return f"{field}: {first.get('input')!r} is not allowed; {first.get('msg')}", EXIT_BAD_INPUT
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        full = exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO)
        return f"{exc.strerror.lower()}{where}; nothing was written", EXIT_BAD_INPUT if full else EXIT_FAILURE
    return f"unexpected error: {type(exc).__name__}: {exc} (set TRACKER_DEBUG=1 for details)", EXIT_FAILURE


def _database_error(exc: BaseException) -> str | None:
    """The database's complaint (SQLite's or a PostgreSQL server's, wrapped by SQLAlchemy or not)
    in words, or None."""
    import sqlite3

    original = getattr(exc, "orig", None) if type(exc).__module__.startswith("sqlalchemy") else exc
    if type(original).__module__.startswith("psycopg"):
        return _server_error(original)
    # An encrypted diary's connections are SQLCipher's, whose errors are not sqlite3's (known by name).
    if not isinstance(original, sqlite3.Error) and not type(original).__module__.startswith("sqlcipher3"):
        return None
    text = str(original)
    if "locked" in text or "busy" in text:
        return "the database is busy: another program kept it locked; nothing was changed"
    if "full" in text:
        return f"{DISK_REFUSED} is full (database or disk is full); nothing was changed"
    if "disk I/O error" in text:  # SQLite's word for a write the disk refused part-way (full, or failing)
        return f"{DISK_REFUSED} refused the write (disk I/O error): it may be full or failing; nothing was changed"
    return f"database error: {text}; nothing was changed"


def _server_error(error: object) -> str:
    """A PostgreSQL server's complaint (a psycopg error, known by name: this module loads no driver).

    The server's messages name the host and user, never the password; its SQLSTATE says what
    kind of failure it was (55P03: a lock not granted in time; class 08: the connection).
    """
    state = str(getattr(error, "sqlstate", "") or "")
    text = (str(error).strip().splitlines() or [type(error).__name__])[0].rstrip(".")
    if state == "55P03":
        return "the database is busy: another program kept the diary's write lock; nothing was changed"
    if state.startswith("08") or type(error).__name__ == "OperationalError":
        return f"lost the database server ({text}); nothing was changed"
    return f"database error: {text}; nothing was changed"
