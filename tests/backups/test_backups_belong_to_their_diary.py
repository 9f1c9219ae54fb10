"""Each diary's backups are its own, named and ordered by when they were really taken, kept in
folders tracker may make private without touching what the person made."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine

from tests.conftest import LONDON, fill_disk, use_timezone
from tests.helpers.processes import select_rows
from tracker.storage.backup import backup_database, list_backups
from tracker.storage.backup_choice import backups_of
from tracker.storage.daily_backup import failure_note, take_daily_backup, thin_backups


def at(moment: dt.datetime) -> time_machine.travel:
    return time_machine.travel(moment, tick=False)


def london(*parts: int, fold: int = 0) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=ZoneInfo(LONDON), fold=fold)  # type: ignore[misc]


def logged(cli, diary: Path, *entry: str) -> None:  # type: ignore[no-untyped-def]
    """A write with the daily backup off, so each test takes its copies when it says."""
    before = os.environ.get("TRACKER_BACKUPS")
    os.environ["TRACKER_BACKUPS"] = "off"
    try:
        done = cli("log", *entry, db=diary)
    finally:
        if before is None:
            del os.environ["TRACKER_BACKUPS"]
        else:
            os.environ["TRACKER_BACKUPS"] = before
    assert done.code == 0, done.err


def factors(diary: Path) -> list[tuple[object, ...]]:
    return select_rows(diary, "SELECT f.name FROM factor_entry e JOIN factor f ON f.id = e.factor_id ORDER BY 1")


def test_two_diaries_sharing_a_backup_folder_keep_apart(cli, tmp_path, monkeypatch) -> None:
    mine, theirs = tmp_path / "me" / "diary.db", tmp_path / "partner" / "diary.db"
    mine.parent.mkdir(), theirs.parent.mkdir()
    with at(london(2026, 11, 22, 9)):
        logged(cli, mine, "caffeine", "95")
        logged(cli, theirs, "stress", "4")
    monkeypatch.setenv("TRACKER_BACKUPS", str(tmp_path / "shared"))
    with at(london(2026, 11, 23, 9)):
        assert take_daily_backup(mine, dt.datetime.now()) is not None
        assert take_daily_backup(theirs, dt.datetime.now()) is not None  # the second diary of the day too
    for day in range(24, 30):  # theirs is backed up daily and thinned; my copy stays
        with at(london(2026, 11, day, 9)):
            assert take_daily_backup(theirs, dt.datetime.now()) is not None
    listed = cli("db", "backups", db=mine)
    assert listed.code == 0 and len(listed.out.splitlines()) == 1 and "1 entry" in listed.out, listed.out
    [copy] = [copy.path for copy in backups_of(mine)]
    assert factors(copy) == [("caffeine",)]
    logged(cli, mine, "caffeine", "200")
    with at(london(2026, 11, 30, 9)):
        restored = cli("db", "restore", "--latest", db=mine)
    assert restored.code == 0, restored.err
    assert factors(mine) == [("caffeine",)]  # my own copy, never my partner's stress
    assert factors(theirs) == [("stress",)]


def test_the_newest_copy_wins_when_the_clock_goes_back_an_hour(cli, db_path) -> None:
    folder = db_path.parent / "backups"
    with at(london(2026, 10, 24, 9)):
        logged(cli, db_path, "caffeine", "95")
    with at(london(2026, 10, 25, 1, 50)):  # 01:50 summer time
        first = take_daily_backup(db_path, dt.datetime.now())
    logged(cli, db_path, "stress", "4")
    with at(london(2026, 10, 25, 1, 10, fold=1)):  # 01:10 winter time, 20 minutes later
        second = backup_database(db_path, folder)
    assert list_backups(db_path, folder) == [first, second]
    with at(london(2026, 10, 25, 1, 20, fold=1)):
        restored = cli("db", "restore", "--latest")
    assert restored.code == 0, restored.err
    assert factors(db_path) == [("caffeine",), ("stress",)]  # the newer copy came back


def test_thinning_keeps_the_newest_copy_when_the_clock_goes_back_an_hour(cli, db_path) -> None:
    folder = db_path.parent / "backups"
    with at(london(2026, 10, 24, 9)):
        logged(cli, db_path, "caffeine", "95")
    with at(london(2026, 10, 25, 1, 50)):
        take_daily_backup(db_path, dt.datetime.now())
    logged(cli, db_path, "stress", "4")
    with at(london(2026, 10, 25, 1, 10, fold=1)):
        second = backup_database(db_path, folder)
        thin_backups(db_path, folder)
    assert list_backups(db_path, folder) == [second]
    assert factors(second) == [("caffeine",), ("stress",)]  # the day's newest entry survives


def test_the_newest_copy_wins_after_moving_west(cli, db_path, monkeypatch) -> None:
    folder = db_path.parent / "backups"
    use_timezone(monkeypatch, "Asia/Tokyo")
    tokyo = dt.datetime(2026, 11, 24, 10, tzinfo=ZoneInfo("Asia/Tokyo"))  # 01:00 UTC
    with at(tokyo - dt.timedelta(days=1)):
        logged(cli, db_path, "caffeine", "95")
    with at(tokyo):
        first = take_daily_backup(db_path, dt.datetime.now())
    use_timezone(monkeypatch, LONDON)
    logged(cli, db_path, "stress", "4")
    with at(london(2026, 11, 24, 8)):  # 08:00 UTC, seven hours after the Tokyo copy
        second = backup_database(db_path, folder)
        assert take_daily_backup(db_path, dt.datetime.now()) is None  # the day has its copy
    assert list_backups(db_path, folder) == [first, second]
    thin_backups(db_path, folder)
    assert list_backups(db_path, folder) == [second]
    with at(london(2026, 11, 24, 9)):
        assert cli("db", "restore", "--latest").code == 0
    assert factors(db_path) == [("caffeine",), ("stress",)]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_backup_folder_the_person_chose_keeps_its_mode(cli, db_path, tmp_path, monkeypatch) -> None:
    chosen = tmp_path / "on-the-nas"
    chosen.mkdir(mode=0o755)
    chosen.chmod(0o755)
    with at(london(2026, 11, 23, 9)):
        logged(cli, db_path, "caffeine", "95")
    monkeypatch.setenv("TRACKER_BACKUPS", str(chosen))
    with at(london(2026, 11, 24, 9)):
        copy = take_daily_backup(db_path, dt.datetime.now())
    assert copy is not None and mode(chosen) == 0o755
    assert mode(copy.parent) == 0o700 and copy.parent.parent == chosen  # the folder tracker made


def test_a_linked_backups_folder_keeps_its_mode(cli, db_path, tmp_path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    elsewhere.chmod(0o750)
    (db_path.parent / "backups").symlink_to(elsewhere)
    with at(london(2026, 11, 23, 9)):
        logged(cli, db_path, "caffeine", "95")
    with at(london(2026, 11, 24, 9)):
        assert take_daily_backup(db_path, dt.datetime.now()) is not None
    assert mode(elsewhere) == 0o750


def test_a_file_named_backups_is_never_touched(cli, db_path) -> None:
    mine = db_path.parent / "backups"
    mine.write_text("my list of backups to make\n")
    mine.chmod(0o644)
    with at(london(2026, 11, 23, 9)):
        logged(cli, db_path, "caffeine", "95")
    with at(london(2026, 11, 24, 9)):
        assert take_daily_backup(db_path, dt.datetime.now()) is None
    assert mode(mine) == 0o644 and mine.read_text() == "my list of backups to make\n"
    assert "not a directory" in failure_note(db_path).read_text().lower()


def test_no_backup_notice_for_a_diary_the_first_write_created(cli, tmp_path, small_disk, monkeypatch) -> None:
    started: list[subprocess.Popen[bytes]] = []
    popen = subprocess.Popen

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(process := popen(*args, **kwargs))
        return process

    monkeypatch.setattr(subprocess, "Popen", recorded)
    monkeypatch.setenv("TRACKER_BACKUPS", str(small_disk))
    fill_disk(small_disk)
    diary = tmp_path / "d.db"
    with at(london(2026, 11, 24, 9)):
        first = cli("log", "caffeine", "95", db=diary)
        for process in started:
            process.wait(timeout=90)
        second = cli("log", "stress", "4", db=diary)
    assert first.code == 0 and second.code == 0, first.err + second.err
    assert "backup" not in first.err + second.err, first.err + second.err
    assert not failure_note(diary).exists()


def test_no_note_when_there_is_no_diary_to_copy(tmp_path, monkeypatch) -> None:
    diary = tmp_path / "d.db"
    with at(london(2026, 11, 24, 9)):
        assert take_daily_backup(diary, dt.datetime.now()) is None
    assert not failure_note(diary).exists() and not (tmp_path / "backups").exists()


def test_a_diary_never_counts_the_copies_of_another_named_like_it(cli, tmp_path) -> None:
    diary, old = tmp_path / "diary.db", tmp_path / "diary.old.db"
    with at(london(2026, 11, 23, 9)):
        logged(cli, diary, "caffeine", "95")
        logged(cli, old, "stress", "4")
        theirs = [backup_database(old)]
    for hour in range(10, 16):  # six copies of diary.db: the oldest goes, diary.old.db's stays
        with at(london(2026, 11, 23, hour)):
            backup_database(diary)
    assert all(copy.exists() for copy in theirs)
    assert len(list_backups(diary)) == 5 and not set(theirs) & set(list_backups(diary))


def test_copies_named_in_local_time_before_are_still_listed_in_order(cli, db_path) -> None:
    folder = db_path.parent / "backups"
    with at(london(2026, 11, 22, 9)):
        logged(cli, db_path, "caffeine", "95")
    with at(london(2026, 11, 23, 9)):
        newer = take_daily_backup(db_path, dt.datetime.now())
    assert newer is not None
    older = folder / "tracker.20261122-093000-000000.backup.db"  # as copies were named before, local time
    older.write_bytes(newer.read_bytes())
    assert list_backups(db_path, folder) == [older, newer]
    listed = cli("db", "backups")
    assert [line[:16] for line in listed.out.splitlines()] == ["2026-11-23 09:00", "2026-11-22 09:30"], listed.out
