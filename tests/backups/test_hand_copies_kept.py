"""Thinning removes only the copies tracker wrote itself: a copy a person put in the backup
folder or beside the diary stays, whatever its name, and is still listed to restore."""

from __future__ import annotations

import datetime as dt

from tests.backups.test_backups_belong_to_their_diary import at, factors, logged, london
from tracker.storage.backup import backup_database, list_backups
from tracker.storage.daily_backup import take_daily_backup


def test_a_copy_put_among_the_daily_backups_by_hand_outlives_thinning(cli, db_path) -> None:
    folder = db_path.parent / "backups"
    with at(london(2026, 11, 19, 9)):
        logged(cli, db_path, "caffeine", "95")
        first = take_daily_backup(db_path, dt.datetime.now())
    assert first is not None
    # Brought back from another disk, named as tracker names copies: taken earlier on the 19th,
    # so thinning would keep the day's newer copy (taken at 09:00) instead of it.
    brought = folder / "tracker.20261119-060000-000000Z.backup.db"
    brought.write_bytes(first.read_bytes())
    for day in range(20, 25):
        with at(london(2026, 11, day, 9)):
            assert take_daily_backup(db_path, dt.datetime.now()) is not None
    assert brought.exists()
    assert brought in list_backups(db_path, folder)
    listed = cli("db", "backups")
    assert str(brought) in listed.out, listed.out


def test_a_copy_beside_the_diary_outlives_the_five_kept_there(cli, db_path) -> None:
    with at(london(2026, 11, 23, 8)):
        logged(cli, db_path, "caffeine", "95")
    # The person's own copy, named like tracker's and older than any of them.
    theirs = db_path.with_name("tracker.20261101-080000-000000Z.backup.db")
    theirs.write_bytes(db_path.read_bytes())
    made = []
    for hour in range(9, 16):  # seven `tracker db backup`s: the two oldest of tracker's go
        with at(london(2026, 11, 23, hour)):
            made.append(backup_database(db_path))
    assert theirs.exists()
    assert [copy.exists() for copy in made] == [False, False, True, True, True, True, True]
    assert factors(theirs) == [("caffeine",)]
