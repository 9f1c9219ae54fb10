"""Reading a database file's header never costs this process its SQLite locks.

POSIX drops every lock a process holds on a file when the process closes any descriptor of it.
The app reads the file's header (is it SQLite? is the log beside it its own?) on its own, while
its connection is open: done with open() and close(), another program then found the file
unused, folded and deleted its write-ahead log, and the app's next twitch went into a deleted
log: saved on screen, missing from every other program, and later a corrupt index.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import text

from tests.helpers.processes import select_rows, tracker_process
from tracker.core.files import is_sqlite_file
from tracker.storage.engine import open_database
from tracker.storage.file_checks import inspect_file
from tracker.storage.glance import glance_day
from tracker.storage.wal import foreign_wal


def _header_reads(path: Path) -> None:
    """Every read of the file's own bytes the app may make while its connection is open."""
    is_sqlite_file(path)
    foreign_wal(path)
    inspect_file(path, recover=False)
    today = dt.date.today()
    glance_day(path, today, active_until=today)


def test_a_write_after_the_header_is_read_reaches_the_file_other_programs_read(tmp_path) -> None:
    db = tmp_path / "diary.db"
    assert tracker_process("--db", str(db), "log", "caffeine", "95").returncode == 0
    engine = open_database(db)
    try:
        with engine.begin() as conn:  # the app's connection, kept open (as the app's pool keeps it)
            conn.execute(text("UPDATE day SET note = note"))
        _header_reads(db)
        # Another program logs and closes: it must find the file still in use by this one.
        assert tracker_process("--db", str(db), "log", "water", "100").returncode == 0
        assert db.with_name("diary.db-wal").exists()
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO day (date, note, checked_in, created_at)"
                    " VALUES ('2026-01-02', 'after', 0, '2026-01-02 09:00:00.000000')"
                )
            )
        assert select_rows(db, "SELECT note FROM day WHERE date = '2026-01-02'") == [("after",)]
        assert select_rows(db, "PRAGMA integrity_check") == [("ok",)]
    finally:
        engine.dispose()
