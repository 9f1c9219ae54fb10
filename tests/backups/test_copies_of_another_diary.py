"""A restore puts back a copy of this diary only: a copy of another diary of the same file name,
put by hand among the backups with a later date in its name, is passed over by --latest and
--date, and named, it is restored only with --force. Copies made before a diary had an id are
taken as its own when they are older than the id."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine

from tests.conftest import LONDON
from tests.helpers.processes import select_rows
from tracker.storage.backup import backup_database, backup_name


def at(*parts: int) -> time_machine.travel:
    return time_machine.travel(dt.datetime(*parts, tzinfo=ZoneInfo(LONDON)), tick=False)  # type: ignore[misc]


def logged(cli, diary: Path, *entry: str) -> None:  # type: ignore[no-untyped-def]
    os.environ["TRACKER_BACKUPS"] = "off"  # each test takes its copies when it says
    try:
        done = cli("log", *entry, db=diary)
    finally:
        del os.environ["TRACKER_BACKUPS"]
    assert done.code == 0, done.err


def factors(diary: Path) -> list[tuple[object, ...]]:
    return select_rows(diary, "SELECT f.name FROM factor_entry e JOIN factor f ON f.id = e.factor_id ORDER BY 1")


def diaries(cli, tmp_path: Path) -> tuple[Path, Path, Path]:  # type: ignore[no-untyped-def]
    """Mine (caffeine, a copy on the 23rd) and a partner's of the same name (stress), whose copy
    was put by hand in my backup folder, named as if taken on the 25th."""
    mine, theirs = tmp_path / "me" / "diary.db", tmp_path / "partner" / "diary.db"
    mine.parent.mkdir(), theirs.parent.mkdir()
    folder = mine.parent / "backups"
    folder.mkdir()
    with at(2026, 11, 22, 9):
        logged(cli, mine, "caffeine", "95")
        logged(cli, theirs, "stress", "4")
    with at(2026, 11, 23, 9):
        backup_database(mine, folder)
    with at(2026, 11, 25, 9):
        placed = backup_database(theirs, folder / backup_name(mine, dt.datetime.now()))
    logged(cli, mine, "caffeine", "200")
    return mine, theirs, placed


def test_latest_and_date_pass_over_a_copy_of_another_diary_and_say_so(cli, tmp_path) -> None:
    mine, _, placed = diaries(cli, tmp_path)
    listed = cli("db", "backups", db=mine).out.splitlines()
    assert [line.endswith("(a copy of another diary)") for line in listed] == [True, False], listed
    with at(2026, 11, 26, 9):
        restored = cli("db", "restore", "--latest", db=mine)
    assert restored.code == 0, restored.err
    assert factors(mine) == [("caffeine",)]  # my copy of the 23rd, never my partner's stress
    assert f"passed over {placed}: a copy of another diary" in restored.err
    on_the_day = cli("db", "restore", "--date", "2026-11-25", db=mine)
    assert on_the_day.code == 2 and placed.name in on_the_day.err and "another diary" in on_the_day.err
    assert factors(mine) == [("caffeine",)]


def test_a_named_copy_of_another_diary_needs_force(cli, tmp_path) -> None:
    mine, _, placed = diaries(cli, tmp_path)
    refused = cli("db", "restore", str(placed), db=mine)
    assert refused.code == 2 and "another diary" in refused.err and "--force" in refused.err, refused.err
    assert len(refused.err.splitlines()) == 1
    assert factors(mine) == [("caffeine",), ("caffeine",)]  # nothing changed
    forced = cli("db", "restore", str(placed), "--force", db=mine)
    assert forced.code == 0, forced.err
    assert factors(mine) == [("stress",)]
    kept = forced.out.split("the diary as it was is kept in ")[1].split("\n")[0]
    back = cli("db", "restore", os.path.relpath(kept), db=mine)  # what undo names goes back without --force
    assert back.code == 0, back.err
    assert factors(mine) == [("caffeine",), ("caffeine",)]


def without_id(copy: Path) -> None:
    """The copy as a version of tracker before diaries had ids wrote it."""
    conn = sqlite3.connect(copy)
    try:
        with conn:
            conn.execute("DELETE FROM diary_setting WHERE key = 'diary_id'")
    finally:
        conn.close()


def test_copies_from_before_ids_are_this_diarys_when_older_than_its_id(cli, tmp_path) -> None:
    diary = tmp_path / "diary.db"
    folder = tmp_path / "backups"
    folder.mkdir()
    with at(2026, 11, 20, 9):
        logged(cli, diary, "caffeine", "95")  # the id is recorded now
    with at(2026, 11, 21, 9):
        other = tmp_path / "other" / "diary.db"
        other.parent.mkdir()
        logged(cli, other, "stress", "4")
        old_version_copy = backup_database(other, folder / backup_name(diary, dt.datetime.now()))
    with at(2026, 11, 19, 9):  # named as taken the day before the id: this diary's earlier life
        own_old_copy = backup_database(diary, folder)
    without_id(own_old_copy)
    without_id(old_version_copy)
    with at(2026, 11, 22, 9):
        restored = cli("db", "restore", "--latest", db=diary)
    assert restored.code == 0, restored.err
    assert f"passed over {old_version_copy}" in restored.err  # no id, and dated after this diary's
    assert factors(diary) == [("caffeine",)]
