"""The database file: engine and pragmas, session scope, and the one opener (migrate-on-open).

Opening a database reads its stored revision with the standard library's sqlite3, so a
normal start never imports Alembic; only a database that needs upgrading pays for it. Every
connection is made by tracker.storage.file_checks.connect_file, so the engine, the migrations and the
checks all open exactly the file named, whatever characters its name holds.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.pool import NullPool
from sqlmodel import Session

from tracker.core.files import PRIVATE_FILE, ensure_private_dir
from tracker.errors import DatabaseRefused, TrackerError
from tracker.paths import default_db_path
from tracker.storage.backup import BACKUPS_KEPT, backup_database, list_backups, prune_backups, remove_copies
from tracker.storage.cipher import engine_module
from tracker.storage.daily_backup import backup_if_first_today, none_today
from tracker.storage.diary_id import mark_diary
from tracker.storage.file_checks import (
    BUSY_TIMEOUT_S,
    KNOWN_REVISIONS,
    SCHEMA_HEAD,
    FileState,
    connect_file,
    inspect_file,
    make_private,
)
from tracker.storage.first_look import not_created_yet
from tracker.storage.leftovers import clear_stopped_conversion
from tracker.storage.schema import expected_signature, unexpected
from tracker.storage.wait import notice_if_slow, retry_while_locked
from tracker.storage.wal import advance_write_marker

__all__ = [
    "BACKUPS_KEPT",
    "KNOWN_REVISIONS",
    "SCHEMA_HEAD",
    "backup_database",
    "inspect_file",
    "list_backups",
    "prune_backups",
]


class UpgradeFailed(TrackerError):
    """A migration failed; the database file was left exactly as it was (exit code 1)."""


# --- engine and sessions ---------------------------------------------------------------------


def make_engine(
    path: Path,
    *,
    read_only: bool = False,
    wal: bool = True,
    pool: bool = True,
    wait_s: float | None = None,
    on_wait: Callable[[], None] | None = None,
    daily_backup: bool = True,
) -> Engine:
    """An engine on exactly `path` with the pragmas that make a logged entry survive a crash.

    `read_only` connections open the file with `mode=ro` (SQLite cannot write it, nor fold a
    write-ahead log into it) and `query_only`. `wal=False` leaves the journal mode as the file
    has it, for an upgrade that must leave a file it fails on byte for byte as it was. A write
    waits up to `wait_s` (default BUSY_TIMEOUT_S) for another writer's lock, calling `on_wait`
    if that takes over a second. Every write transaction advances the header's write marker (tracker.storage.wal).
    The first write of each day first takes the day's backup (tracker.storage.daily_backup) unless
    `daily_backup` is False (a migration, which keeps its own backup).
    """
    engine = create_engine(
        URL.create("sqlite", database=str(path)),  # shown in messages only: `creator` opens the file
        creator=partial(connect_file, path, read_only=read_only, check_same_thread=False),
        **({} if pool else {"poolclass": NullPool}),
        **engine_module(path),  # SQLCipher's module for an encrypted diary: its errors are then database errors
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # We issue BEGIN ourselves (below), so the driver must not.
        dbapi_conn.isolation_level = None
        pragmas = [f"PRAGMA busy_timeout={int((wait_s or BUSY_TIMEOUT_S) * 1000)}"]
        if read_only:
            pragmas.append("PRAGMA query_only=ON")
        else:
            pragmas += ["PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL"]
        for pragma in pragmas:
            dbapi_conn.execute(pragma)
        if wal and not read_only:
            # Switching a file to WAL (a new diary, a rollback-journal copy brought back) needs
            # its lock, and SQLite answers "locked" at once, busy timeout or not, while another
            # program holds it: tried again for as long as any write waits.
            with notice_if_slow(on_wait):
                retry_while_locked(lambda: dbapi_conn.execute("PRAGMA journal_mode=WAL"), wait_s or BUSY_TIMEOUT_S)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: object) -> None:
        # Writers take the lock up front: a deferred transaction that later upgrades to a
        # write can fail with "database is locked" without waiting on the busy timeout.
        reading = read_only or conn.get_execution_options().get("tracker_read_only", False)  # type: ignore[attr-defined]  # conn: the event's Connection
        if reading:
            conn.exec_driver_sql("BEGIN")  # type: ignore[attr-defined]  # as above
            return
        with notice_if_slow(on_wait):
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # type: ignore[attr-defined]  # as above
        if daily_backup:
            # Under the lock: the copy's process waits for this write to end (after_the_write), so
            # the day's copy always holds the write that started it, and never holds up a writer.
            backup_if_first_today(path)
        # The one place every write passes (store, journal, import, migrations).
        advance_write_marker(conn.connection.dbapi_connection)  # type: ignore[attr-defined]  # as above
        mark_diary(conn.connection.dbapi_connection)  # type: ignore[attr-defined]  # as above; its id, once

    return engine


@contextlib.contextmanager
def session_scope(engine: Engine, *, write: bool = True) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any error."""
    bind = engine if write else engine.execution_options(tracker_read_only=True)
    with Session(bind, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# --- opening ---------------------------------------------------------------------------------


def open_database(
    path: Path, *, migrate: bool = True, wait_s: float | None = None, on_wait: Callable[[], None] | None = None
) -> Engine:
    """An engine on a database at the current schema, creating or upgrading it as needed.

    An older database is backed up beside itself before it is upgraded. A file that is not a
    tracker database, is corrupt, read-only, from a newer version, holds objects tracker did
    not create or has a write-ahead log of another file is refused untouched. `wait_s` and
    `on_wait`: how long a write waits for another writer, and what it does after a second (make_engine).
    The default data folder is made owner-only first (created, or tightened if something
    loosened it); a folder named with --db or TRACKER_DB is the person's and left as it is.
    """
    path = Path(path)
    if path == default_db_path():
        ensure_private_dir(path.parent, tighten=True)
    clear_stopped_conversion(path)  # a stat, unless a stopped `db encrypt` left a half-made copy
    state = inspect_file(path)
    refuse_foreign_objects(path, state)
    if state.revision == SCHEMA_HEAD:
        make_private(path)
        return make_engine(path, wait_s=wait_s, on_wait=on_wait)
    if not migrate:
        raise DatabaseRefused(
            f"database {path} is at revision {state.revision or 'none'}; "
            f"run `tracker db upgrade` to bring it to {SCHEMA_HEAD}"
        )
    if not state.exists:
        _create_private_file(path)
    upgrade_database(path, state=state, wait_s=wait_s, on_wait=on_wait)
    if state.revision is None:
        none_today(path)  # a new diary: nothing before this write to back up
    return make_engine(path, wait_s=wait_s, on_wait=on_wait)


def open_read_only(path: Path, *, any_known_revision: bool = False) -> Engine:
    """An engine that can only read `path`, which must already be a tracker database.

    Nothing is created, upgraded, switched to WAL or checkpointed: the file keeps its bytes
    and its modification time. Older revisions are refused (reading them needs an upgrade)
    unless `any_known_revision`.
    """
    path = Path(path)
    state = inspect_file(path, recover=False)
    if not state.exists:
        raise DatabaseRefused(f"no database at {path}; nothing was created (the first `tracker log` creates it)")
    if state.revision is None:
        if not_created_yet(path):
            raise DatabaseRefused(
                f"no diary in {path} yet (an empty file a first run left when it was stopped); "
                "nothing was changed (the first `tracker log` creates it)"
            )
        raise DatabaseRefused(f"{path} holds no tracker data yet; nothing to read")
    refuse_foreign_objects(path, state)
    if state.revision != SCHEMA_HEAD and not any_known_revision:
        raise DatabaseRefused(
            f"{path} is at schema {state.revision}; run `tracker db upgrade` first (it keeps a backup). "
            "Reading never changes the file"
        )
    return make_engine(path, read_only=True)


def refuse_foreign_objects(path: Path, state: FileState) -> None:
    """Refuse a database whose schema holds objects (triggers, views, tables, indexes, columns)
    that tracker's migrations did not create at its revision, or lacks ones they did."""
    expected = expected_signature(state.revision) if state.revision else frozenset()
    extra, lacking = unexpected(state.schema, expected), unexpected(expected, state.schema)
    if not extra and not lacking:
        return
    changed = sorted(set(extra) & set(lacking))
    words = [f"{item} changed" for item in changed]
    words += [f"{item} added" for item in extra if item not in changed]
    words += [f"{item} missing" for item in lacking if item not in changed]
    more = f" and {len(words) - 3} more" if len(words) > 3 else ""
    raise DatabaseRefused(
        f"{path} has a schema tracker did not make ({'; '.join(words[:3])}{more}); left untouched. "
        "Something else has changed this file: restore a backup"
    )


def _create_private_file(path: Path) -> None:
    """A new, empty, owner-only file at `path`, in a folder that must already exist."""
    if not path.parent.is_dir():
        raise DatabaseRefused(f"no folder {path.parent} for the database {path.name}; create it or choose another path")
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), PRIVATE_FILE)
    except OSError as exc:
        if exc.errno != errno.EEXIST:
            raise
        return  # created a moment ago by another tracker: inspected again when it is opened
    os.close(fd)
    make_private(path)


# --- revisions, migrations, checks -----------------------------------------------------------


def stored_revision(path: Path) -> str | None:
    return inspect_file(path).revision


def migrations_dir() -> Path:
    """The Alembic scripts: inside the package when installed, at the repo top in a checkout."""
    package = Path(__file__).resolve().parent.parent  # tracker/, this module being tracker/storage/engine.py
    packaged = package / "_migrations"
    if packaged.is_dir():
        return packaged
    return package.parent / "migrations"


def upgrade_database(
    path: Path,
    revision: str = "head",
    *,
    state: FileState | None = None,
    wait_s: float | None = None,
    on_wait: Callable[[], None] | None = None,
) -> None:
    """Back up, then run the migrations in one transaction, waiting for another writer as the
    write that asked for the upgrade would (`wait_s`, `on_wait`: make_engine).

    The backup is taken and checked under the write lock the migrations then hold, so it is the
    diary exactly as they found it; a tracker that gets the lock after another has upgraded the
    file finds nothing to do, takes no copy, and goes on with its own write.
    A failure leaves the file byte for byte as it was: the journal mode is switched only once
    the upgrade is committed, and the backup taken for the attempt is removed (it would be an
    identical copy, and retries would push older backups out of the BACKUPS_KEPT). Raises
    UpgradeFailed saying what stopped it.
    """
    state = state or inspect_file(path)
    taken: list[Path] = []  # the backup, once written: removed again if the upgrade fails
    try:
        # A new file has nothing to keep: it goes to WAL at once, so a kill during its first
        # migration leaves only an uncommitted log, never a rollback journal to recover.
        _migrate_when_free(path, revision, state, taken, wait_s=wait_s, on_wait=on_wait)
    except BaseException as exc:
        remove_copies(taken)
        if not isinstance(exc, Exception) or isinstance(exc, TrackerError):
            raise
        cause = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        if "database is locked" in cause:
            raise  # another writer held on past the wait: said as any busy write is, the file untouched
        raise UpgradeFailed(
            f"could not upgrade {path} from schema {state.revision or 'none'} to {SCHEMA_HEAD}: {cause}. "
            "The file was left exactly as it was; this version of tracker cannot open it until that is fixed"
        ) from exc
    make_private(path)


def _migrate_when_free(
    path: Path,
    revision: str,
    state: FileState,
    taken: list[Path],
    *,
    wait_s: float | None,
    on_wait: Callable[[], None] | None,
) -> None:
    """_migrate, tried again while the file is locked, for as long as a write waits for one.

    SQLite's busy timeout covers a lock held by another writer, but a new diary being created by
    several trackers at once (a script logging in parallel) also changes journal mode under the
    others, and SQLite then answers "locked" at once, without waiting: each such tracker failed
    with nothing written. A migration that failed changed nothing, so trying it again is safe;
    one that another tracker finished meanwhile finds the schema current and does nothing."""

    def start_again() -> None:
        remove_copies(taken)  # the attempt changed nothing: the next takes its own copy
        taken.clear()

    retry_while_locked(
        partial(_migrate, path, revision, state, taken, wait_s=wait_s, on_wait=on_wait),
        wait_s or BUSY_TIMEOUT_S,
        retrying=start_again,
    )


def _migrate(
    path: Path,
    revision: str,
    state: FileState,
    taken: list[Path],
    *,
    wait_s: float | None,
    on_wait: Callable[[], None] | None,
) -> None:
    """Under one write lock: the file's revision read again, the backup, the migrations. A
    file another tracker upgraded while this one waited is left to the write that follows."""
    from alembic import command  # deferred: ~150 ms, only when a migration is due
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    wal = state.revision is None
    engine = make_engine(path, wal=wal, pool=False, daily_backup=False, wait_s=wait_s, on_wait=on_wait)
    try:
        with engine.connect() as conn:
            # Batch migrations copy and drop tables; foreign keys are checked at the end instead.
            # The pragma is a no-op inside a transaction, so it goes to the driver directly.
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]  # open here
            with conn.begin():
                found = _revision_under_lock(conn.connection.dbapi_connection)  # type: ignore[arg-type]  # sqlite3's, open here
                if found == (SCHEMA_HEAD if revision == "head" else revision):
                    return  # upgraded by another tracker while this one waited for the lock
                if found is not None:
                    # The file as it is now (another tracker may have moved it on since `state`
                    # was read): checked against its own inspection only if still at that revision.
                    taken.append(backup_database(path, state=state if found == state.revision else None))
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise DatabaseRefused(f"migration left broken references: {problems[:3]}")
    finally:
        engine.dispose()


def _revision_under_lock(conn: sqlite3.Connection) -> str | None:
    """The revision stored in the file `conn` holds locked; None before its first migration."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone() is None:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else None


def integrity_check(path: Path) -> str:
    """SQLite's full integrity check, read-only: 'ok' or the problems found, joined by '; '."""
    conn = connect_file(path, read_only=True)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()
    return "; ".join(row[0] for row in rows)
