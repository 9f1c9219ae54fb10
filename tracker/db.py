"""The database file: engine and pragmas, session scope, backups, and migrate-on-open.

Opening a database reads its stored revision with the standard library's sqlite3, so a
normal start never imports Alembic; only a database that needs upgrading pays for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

from tracker.db_file import BUSY_TIMEOUT_S, SCHEMA_HEAD, inspect_file
from tracker.errors import DatabaseRefused

BACKUPS_KEPT = 5
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


# --- engine and sessions ---------------------------------------------------------------------


def make_engine(path: Path) -> Engine:
    """An engine on `path` with the pragmas that make a logged entry survive a crash."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # We issue BEGIN ourselves (below), so the driver must not.
        dbapi_conn.isolation_level = None
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA foreign_keys=ON",
            f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}",
            "PRAGMA synchronous=FULL",
        ):
            dbapi_conn.execute(pragma)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: object) -> None:
        # Writers take the lock up front: a deferred transaction that later upgrades to a
        # write can fail with "database is locked" without waiting on the busy timeout.
        read_only = conn.get_execution_options().get("tracker_read_only", False)  # type: ignore[attr-defined]
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")  # type: ignore[attr-defined]

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


def open_database(path: Path, *, migrate: bool = True) -> Engine:
    """An engine on a database at the current schema, creating or upgrading it as needed.

    An older database is backed up beside itself before it is upgraded. A file that is not a
    tracker database, is corrupt, read-only or from a newer version is refused untouched.
    """
    path = Path(path)
    state = inspect_file(path)
    if state.revision == SCHEMA_HEAD:
        _make_private(path)
        return make_engine(path)
    if not migrate:
        raise DatabaseRefused(
            f"database {path} is at revision {state.revision or 'none'}; "
            f"run `tracker db upgrade` to bring it to {SCHEMA_HEAD}"
        )
    if state.exists and state.revision is not None:
        backup_database(path)
    else:
        _create_private_file(path)
    upgrade_database(path)
    return make_engine(path)


def ensure_private_dir(directory: Path, *, tighten: bool = False) -> None:
    """Create `directory` owner-only (0700) if it is missing; `tighten` fixes an existing one."""
    if not directory.exists():
        directory.mkdir(mode=PRIVATE_DIR, parents=True)
        directory.chmod(PRIVATE_DIR)
    elif tighten and stat.S_IMODE(directory.stat().st_mode) != PRIVATE_DIR:
        directory.chmod(PRIVATE_DIR)


def _create_private_file(path: Path) -> None:
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE)
    os.close(fd)
    _make_private(path)


def _make_private(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            if stat.S_IMODE(candidate.stat().st_mode) != PRIVATE_FILE:
                candidate.chmod(PRIVATE_FILE)


# --- revisions, migrations, checks -----------------------------------------------------------


def stored_revision(path: Path) -> str | None:
    return inspect_file(path).revision


def migrations_dir() -> Path:
    """The Alembic scripts: inside the package when installed, at the repo top in a checkout."""
    packaged = Path(__file__).parent / "_migrations"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "migrations"


def upgrade_database(path: Path, revision: str = "head") -> None:
    """Run the migrations in one transaction: a failure leaves the file as it was."""
    from alembic import command  # deferred: ~150 ms, only when a migration is due
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            # Batch migrations copy and drop tables; foreign keys are checked at the end instead.
            # The pragma is a no-op inside a transaction, so it goes to the driver directly.
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, revision)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise DatabaseRefused(f"migration left broken references: {problems[:3]}")
    finally:
        engine.dispose()
    _make_private(path)


def integrity_check(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()
    return "; ".join(row[0] for row in rows)


# --- backups ---------------------------------------------------------------------------------


def backup_database(path: Path, dest: Path | None = None) -> Path:
    """A consistent copy made with SQLite's online backup, owner-only.

    Without `dest` the copy is timestamped beside the database and only the newest
    BACKUPS_KEPT such copies are kept.
    """
    rotate = dest is None
    if dest is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        dest = path.with_name(f"{path.stem}.{stamp}.backup{path.suffix}")
    elif dest.is_dir():
        dest = dest / f"{path.stem}.{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.backup{path.suffix}"
    if dest.exists():
        raise DatabaseRefused(f"backup destination {dest} already exists; choose another")
    fd = os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    os.close(fd)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    target = sqlite3.connect(dest)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
    except BaseException:
        target.close()
        dest.unlink(missing_ok=True)
        raise
    finally:
        source.close()
        target.close()
    os.chmod(dest, PRIVATE_FILE)
    if rotate:
        prune_backups(path)
    return dest


def list_backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.*.backup{path.suffix}"))


def prune_backups(path: Path, keep: int = BACKUPS_KEPT) -> None:
    for old in list_backups(path)[:-keep]:
        old.unlink(missing_ok=True)
