"""Owner-only files, read-only databases, and local days across DST and travel."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import file_mode, use_timezone


def test_database_backups_exports_are_0600_and_data_dir_0700(cli, tmp_path) -> None:
    os.umask(0o022)  # a typical shell; tracker must not rely on the caller's umask
    assert cli("log", "twitch", db=None).code == 0
    data_dir = tmp_path / "xdg-data" / "tracker"
    assert file_mode(data_dir) == 0o700
    assert file_mode(data_dir / "tracker.db") == 0o600
    backup = tmp_path / "b.db"
    cli("db", "backup", str(backup), db=None)
    cli("db", "backup", db=None)
    cli("export", "csv", "-o", str(tmp_path / "out.csv"), db=None)
    for path in [backup, tmp_path / "out.csv", *data_dir.glob("tracker.*.backup.db")]:
        assert file_mode(path) == 0o600, path
    assert len(list(data_dir.glob("tracker.*.backup.db"))) == 1


def test_read_only_database_is_refused_untouched(cli, db_path) -> None:
    cli("log", "twitch")
    os.chmod(db_path, 0o400)
    before = db_path.read_bytes()
    result = cli("log", "twitch")
    assert result.code == 2 and "read-only" in result.err
    assert db_path.read_bytes() == before


def test_episode_lands_on_the_local_day_across_dst_and_travel(cli, monkeypatch) -> None:
    use_timezone(monkeypatch, "Europe/London")
    # time-machine sets the local zone from the destination's ZoneInfo, as a person's clock would.
    # 29 March 2026: clocks go forward at 01:00 UTC. 00:30 and 03:30 local are both that day.
    with time_machine.travel(dt.datetime(2026, 3, 29, 13, 0, tzinfo=ZoneInfo("Europe/London")), tick=False):
        assert cli("log", "twitch", "--at", "00:30").code == 0
        assert cli("log", "twitch", "--at", "03:30").code == 0
    # 25 October 2026: clocks go back; 01:30 happens twice, both on the 25th.
    with time_machine.travel(dt.datetime(2026, 10, 25, 23, 55, tzinfo=ZoneInfo("Europe/London")), tick=False):
        assert cli("log", "twitch", "--at", "23:50").code == 0
        assert cli("log", "twitch", "--at", "2026-10-25T01:30+01:00").code == 0
        assert cli("log", "twitch", "--at", "2026-10-25T01:30+00:00").code == 0
    # Then the person flies to Tokyo and logs 23:30 on 1 November there: the 1st, as lived.
    with time_machine.travel(dt.datetime(2026, 11, 2, 0, 0, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False):
        assert cli("log", "twitch", "--at", "yesterday 23:30").code == 0
        items = json.loads(cli("list", "--from", "2026-03-01", "--json").out)
    assert [(i["date"], i["at"][11:]) for i in items] == [
        ("2026-03-29", "00:30:00+00:00"),
        ("2026-03-29", "03:30:00+01:00"),
        ("2026-10-25", "01:30:00+01:00"),
        ("2026-10-25", "01:30:00+00:00"),
        ("2026-10-25", "23:50:00+00:00"),
        ("2026-11-01", "23:30:00+09:00"),
    ]
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo")), tick=False):
        daily = cli("export", "csv", "--from", "2026-10-25", "--to", "2026-11-01").out.splitlines()
    assert daily[1].startswith("2026-10-25,1,3,") and daily[-1].startswith("2026-11-01,1,1,")


def test_wal_foreign_keys_and_synchronous_full(engine) -> None:
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_foreign_keys_are_enforced(engine, db_path) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO factor_entry (factor_id, local_date, value, note, created_at) "
            "VALUES (999, '2026-11-01', 1, '', '2026-11-01 00:00:00')"
        )
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM factor_entry").fetchone()[0] == 0


def test_the_tracker_opened_on_its_own_keeps_the_data_folder_private() -> None:
    """The tracker opened without the command line (as the tests and the app factory do) makes
    the default data folder owner-only, as `tracker log` does: one opener, one folder policy."""
    from tracker.paths import default_db_path
    from tracker.tui.diary import Diary

    folder = default_db_path().parent
    folder.mkdir(parents=True)
    folder.chmod(0o755)  # loosened by another program, or made by a shell with umask 022
    diary = Diary(db_path=default_db_path())
    diary.open()
    diary.engine.dispose()
    assert file_mode(folder) == 0o700
