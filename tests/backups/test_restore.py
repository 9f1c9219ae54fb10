"""`tracker db backups` lists what can be gone back to; `tracker db restore` goes back to it whole,
keeping the diary as it was, and never while the tracker is open on it."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import LONDON
from tests.helpers.processes import integrity, select_rows
from tracker.storage.backup import list_backups
from tracker.storage.daily_backup import take_daily_backup
from tracker.tui.diary import open_database_file

MON, TUE = dt.date(2026, 11, 23), dt.date(2026, 11, 24)


def at(day: dt.date, hour: int = 9) -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(LONDON)), tick=False)


def both_exports(cli) -> str:  # type: ignore[no-untyped-def]
    daily, episodes = cli("export", "csv"), cli("export", "csv", "--episodes")
    assert daily.code == 0 and episodes.code == 0, daily.err + episodes.err
    return daily.out + episodes.out


# A tracker that wrote and was then killed before closing: its last write lives only in the log.
WRITE_AND_VANISH = """
import os, sys, datetime as dt
from pathlib import Path
from tracker.storage.engine import open_database, session_scope
from tracker.storage.store import check_in
engine = open_database(Path(sys.argv[1]))
with engine.connect() as conn:
    conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
with session_scope(engine) as session:
    check_in(session=session, day=dt.date(2026, 11, 22))
os._exit(0)
"""


@pytest.fixture(autouse=True)
def _copies_taken_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """The day's copy is taken by the test, as the day's backup process takes it, so that the
    test knows which writes it holds (and no process of its own adds files meanwhile)."""
    monkeypatch.setenv("TRACKER_BACKUPS", "off")


def test_restoring_a_days_backup_gives_back_that_days_diary_exactly(cli, db_path) -> None:
    with at(MON):
        assert cli("log", "twitch", "--location", "eyelid", "--side", "left", "--intensity", "3").code == 0
        assert cli("log", "caffeine", "95").code == 0
    with at(TUE):
        assert cli("log", "stress", "6").code == 0
        assert take_daily_backup(db_path, dt.datetime.now()) is not None
        that_day = both_exports(cli)
        assert cli("log", "none", "--date", "2026-11-21").code == 0
        tuesday = both_exports(cli)
    vanished = subprocess.run([sys.executable, "-c", WRITE_AND_VANISH, str(db_path)], capture_output=True, text=True)
    assert vanished.returncode == 0, vanished.stderr
    assert os.path.getsize(db_path.with_name("tracker.db-wal")) > 0  # a write pending in the log
    with at(TUE, hour=10):
        listed = cli("db", "backups")
        assert listed.code == 0 and "2026-11-24 09:00" in listed.out and "2 days, 3 entries, 1 answered" in listed.out
        done = cli("db", "restore", "--date", "2026-11-24")
    assert done.code == 0, done.err
    assert "before, 4 days, 3 entries, 3 answered; now, 2 days, 3 entries, 1 answered" in done.out, done.out
    assert not db_path.with_name("tracker.db-wal").exists()
    assert integrity(db_path) == "ok"
    with at(TUE, hour=10):
        assert both_exports(cli) == that_day
        kept = done.out.splitlines()[0].removeprefix("the diary as it was is kept in ")
        assert kept in {str(copy) for copy in list_backups(db_path, db_path.parent / "backups", "kept")}
        assert cli("db", "restore", kept).code == 0  # back again: with the log's pending write
        again = both_exports(cli)
    assert again != tuesday and again.replace("2026-11-22,1,0,0,", "2026-11-22,0,,,") == tuesday, again
    assert select_rows(db_path, "SELECT date FROM day WHERE checked_in ORDER BY date") == [
        ("2026-11-21",),
        ("2026-11-22",),
    ]


def test_a_restore_is_refused_while_the_tracker_is_open(cli, db_path) -> None:
    with at(MON):
        assert cli("log", "caffeine", "95").code == 0
        assert cli("db", "backup").code == 0
    engine = open_database_file(db_path)  # as the app opens it
    try:
        before = db_path.read_bytes()
        refused = cli("db", "restore", "--latest")
    finally:
        engine.dispose()
    assert refused.code == 2 and refused.err.count("\n") == 1 and "tracker is open" in refused.err, refused.err
    assert db_path.read_bytes() == before


def test_a_copy_that_does_not_check_out_is_refused_and_nothing_changes(cli, db_path, tmp_path) -> None:
    with at(MON):
        assert cli("log", "caffeine", "95").code == 0
    bad = tmp_path / "tracker.20261120-090000-000000.backup.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    before, folder = db_path.read_bytes(), sorted(os.listdir(tmp_path))
    refused = cli("db", "restore", str(bad))
    assert refused.code == 2 and refused.err.count("\n") == 1 and "cannot be restored" in refused.err, refused.err
    assert db_path.read_bytes() == before and sorted(os.listdir(tmp_path)) == folder
