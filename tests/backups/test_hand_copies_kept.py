"""Thinning removes only the copies tracker wrote itself: a copy a person put in the backup
folder or beside the diary stays, whatever its name, and is still listed to restore."""

from __future__ import annotations

import datetime as dt
import shutil

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


def test_a_copy_put_among_the_backups_under_its_own_name_is_listed_kept_and_restored(cli, db_path, tmp_path) -> None:
    folder = db_path.parent / "backups"
    with at(london(2026, 11, 18, 9)):
        logged(cli, db_path, "caffeine", "95")
    folder.mkdir()
    # Copied with `cp` while nothing was open: the file alone, in write-ahead-log mode, no log beside it.
    hand = folder / "handcopy.backup.db"
    shutil.copyfile(db_path, hand)
    (folder / "notes.txt").write_text("where I keep my copies\n")  # not a database: not a copy
    for day in range(19, 30):
        with at(london(2026, 11, day, 9)):
            logged(cli, db_path, "caffeine", str(day))
            take_daily_backup(db_path, dt.datetime.now())
    assert hand.exists()
    with at(london(2026, 11, 29, 10)):
        listed = cli("db", "backups")
    lines = [line for line in listed.out.splitlines() if str(hand) in line]
    assert len(lines) == 1 and "by hand" in lines[0] and "1 entry" in lines[0], listed.out
    assert "notes.txt" not in listed.out
    # Reading it made nothing beside it that a person could take for another copy.
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith("handcopy")) == [hand.name]
    with at(london(2026, 11, 29, 10)):
        latest = cli("db", "restore", "--latest")
        assert latest.code == 0 and hand.name not in latest.out, latest.out  # --latest takes tracker's dated copies
        done = cli("db", "restore", str(hand))
    assert done.code == 0, done.err
    assert factors(db_path) == [("caffeine",)] and "now, 1 day, 1 entry" in done.out, done.out


def test_a_hand_copy_of_another_diary_is_restored_only_with_force(cli, db_path, tmp_path) -> None:
    other = tmp_path / "other" / "tracker.db"
    other.parent.mkdir()
    with at(london(2026, 11, 20, 9)):
        logged(cli, other, "caffeine", "50")
        logged(cli, db_path, "caffeine", "95")
    (db_path.parent / "backups").mkdir()
    hand = db_path.parent / "backups" / "handcopy.backup.db"
    shutil.copyfile(other, hand)
    with at(london(2026, 11, 20, 10)):
        listed = cli("db", "backups")
        refused = cli("db", "restore", str(hand))
    assert "by hand" in listed.out and "a copy of another diary" in listed.out, listed.out
    assert refused.code == 2 and "another diary" in refused.err, refused.err
