"""Copies an earlier setting left elsewhere are listed, so no copy is invisible: those in
`backups/` beside the diary from before TRACKER_BACKUPS named another folder, and those put
straight into that folder before each diary had a folder of its own there."""

from __future__ import annotations

import datetime as dt

from tests.backups.test_backups_belong_to_their_diary import at, factors, logged, london
from tracker.storage.daily_backup import take_daily_backup


def test_copies_straight_in_the_shared_folder_are_listed(cli, db_path, tmp_path, monkeypatch) -> None:
    shared = tmp_path / "on-the-nas"
    shared.mkdir()
    with at(london(2026, 11, 22, 9)):
        logged(cli, db_path, "caffeine", "95")
    monkeypatch.setenv("TRACKER_BACKUPS", str(shared))
    with at(london(2026, 11, 23, 9)):
        mine = take_daily_backup(db_path, dt.datetime.now())
    assert mine is not None and mine.parent.parent == shared
    # Where an earlier version put it: straight into the shared folder, named by the moment in UTC.
    earlier = shared / "tracker.20261122-093000-000000Z.backup.db"
    earlier.write_bytes(mine.read_bytes())
    listed = cli("db", "backups")
    assert listed.code == 0, listed.err
    lines = listed.out.splitlines()
    assert len(lines) == 2, listed.out
    assert lines[1].startswith("2026-11-22 09:30") and str(earlier) in lines[1]
    assert lines[1].endswith("(in the shared folder: may be another diary's of this name)")
    logged(cli, db_path, "stress", "4")
    with at(london(2026, 11, 24, 9)):
        # It may be another diary's of the same name: only restored when named.
        assert cli("db", "restore", "--date", "2026-11-22").code == 2
        restored = cli("db", "restore", str(earlier))
    assert restored.code == 0, restored.err
    assert factors(db_path) == [("caffeine",)]


def test_copies_in_backups_beside_the_diary_stay_listed(cli, db_path, tmp_path, monkeypatch) -> None:
    with at(london(2026, 11, 22, 9)):
        logged(cli, db_path, "caffeine", "95")
    with at(london(2026, 11, 23, 9)):
        before = take_daily_backup(db_path, dt.datetime.now())  # into backups/ beside the diary
    assert before is not None and before.parent == db_path.parent / "backups"
    logged(cli, db_path, "stress", "4")
    monkeypatch.setenv("TRACKER_BACKUPS", str(tmp_path / "on-the-nas"))
    listed = cli("db", "backups")
    assert str(before) in listed.out, listed.out
    with at(london(2026, 11, 24, 9)):
        restored = cli("db", "restore", "--date", "2026-11-23")
    assert restored.code == 0, restored.err
    assert factors(db_path) == [("caffeine",)]
