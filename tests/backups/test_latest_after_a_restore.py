"""`db restore --latest` twice does not swap back and forth: the diary a restore keeps is
labelled as such in `db backups` and never taken by --latest or --date, and a second --latest
with nothing written since says which copy it would restore, and how to go back, changing nothing."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import LONDON
from tracker.storage.daily_backup import take_daily_backup

MON = dt.date(2026, 11, 23)
KEPT = "the diary as it was is kept in "


def at(hour: int, minute: int = 0) -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(MON, dt.time(hour, minute), tzinfo=ZoneInfo(LONDON)), tick=False)


@pytest.fixture(autouse=True)
def _copies_taken_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_BACKUPS", "off")


def caffeine(path: Path) -> list[float]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT value FROM factor_entry ORDER BY id")]
    finally:
        conn.close()


def test_a_second_latest_does_not_swap_back(cli, db_path) -> None:
    with at(9):
        assert cli("log", "caffeine", "95").code == 0
        morning = take_daily_backup(db_path, dt.datetime.now())
        assert morning is not None
    with at(10):
        assert cli("log", "caffeine", "40").code == 0  # only in the diary, not in the morning's copy
        first = cli("db", "restore", "--latest")
    assert first.code == 0 and morning.name in first.out, first.out
    kept = first.out.splitlines()[0].removeprefix(KEPT)
    assert caffeine(db_path) == [95.0]
    with at(10, 5):
        before = db_path.read_bytes()
        again = cli("db", "restore", "--latest")
        by_day = cli("db", "restore", "--date", "2026-11-23")
        listed = cli("db", "backups")
    for refused in (again, by_day):
        assert refused.code == 2 and refused.err.count("\n") == 1, refused.err
        assert morning.name in refused.err and f"tracker db restore {kept}" in refused.err, refused.err
    assert db_path.read_bytes() == before and caffeine(db_path) == [95.0]  # not swapped back
    [kept_line] = [line for line in listed.out.splitlines() if kept in line]
    assert "kept before the restore on 2026-11-23 10:00" in kept_line, listed.out
    [morning_line] = [line for line in listed.out.splitlines() if morning.name in line]
    assert "kept before" not in morning_line


def test_after_a_write_latest_takes_the_newest_copy_again_never_the_kept_one(cli, db_path) -> None:
    with at(9):
        assert cli("log", "caffeine", "95").code == 0
        assert take_daily_backup(db_path, dt.datetime.now()) is not None
    with at(10):
        assert cli("log", "caffeine", "40").code == 0
        assert cli("db", "restore", "--latest").code == 0
    with at(11):
        assert cli("log", "stress", "3").code == 0  # a write after the restore: going back is a choice again
        second = cli("db", "restore", "--latest")
    assert second.code == 0, second.err
    assert caffeine(db_path) == [95.0]  # the morning's copy, not the diary the first restore kept (95, 40)


def test_latest_right_after_a_restore_never_takes_a_copy_taken_since(cli, db_path) -> None:
    sunday = time_machine.travel(dt.datetime(2026, 11, 22, 9, tzinfo=ZoneInfo(LONDON)), tick=False)
    with sunday:
        assert cli("log", "caffeine", "95").code == 0
        assert take_daily_backup(db_path, dt.datetime.now()) is not None
    with at(10):
        assert cli("log", "caffeine", "40").code == 0
        first = cli("db", "restore", "--latest")
    assert first.code == 0 and caffeine(db_path) == [95.0], first.out
    kept = first.out.splitlines()[0].removeprefix(KEPT)
    with at(10, 5):  # the day's first copy, as any later write (a refused `undo`, say) starts it
        since = take_daily_backup(db_path, dt.datetime.now())
    assert since is not None
    with at(10, 6):
        before = db_path.read_bytes()
        again = cli("db", "restore", "--latest")
    assert again.code == 2 and again.err.count("\n") == 1, again.out + again.err
    assert since.name not in again.out and f"tracker db restore {kept}" in again.err, again.err
    assert db_path.read_bytes() == before and caffeine(db_path) == [95.0]


def test_latest_is_explained_in_help(cli) -> None:
    shown = cli("db", "restore", "--help")
    words = " ".join(shown.out.split())
    assert "right after a restore, with nothing written since, the newest taken before that restore" in words, words
