"""What a restore keeps (the diary as it was) stays until the person removes it: the daily
thinning, which keeps only the newest copy of each day, never takes it, and `db backups` lists it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import LONDON
from tracker.storage.daily_backup import take_daily_backup

MON, TUE = dt.date(2026, 11, 23), dt.date(2026, 11, 24)
KEPT = "the diary as it was is kept in "


def at(day: dt.date, hour: int = 9) -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(LONDON)), tick=False)


@pytest.fixture(autouse=True)
def _copies_taken_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_BACKUPS", "off")


def test_copies_kept_by_restores_outlive_the_next_days_thinning(cli, db_path) -> None:
    with at(MON, 9):
        assert cli("log", "caffeine", "95").code == 0
        assert take_daily_backup(db_path, dt.datetime.now()) is not None
    with at(MON, 10):
        assert cli("log", "stress", "6").code == 0  # only in the diary, not in the morning's copy
        first = cli("db", "restore", "--date", "2026-11-23")
    assert first.code == 0, first.err
    kept_first = Path(first.out.splitlines()[0].removeprefix(KEPT))
    with at(MON, 11):
        second = cli("db", "restore", str(kept_first))  # changed their mind: back to the stress entry
    assert second.code == 0, second.err
    kept_second = Path(second.out.splitlines()[0].removeprefix(KEPT))
    with at(TUE):
        assert cli("log", "caffeine", "40").code == 0
        assert take_daily_backup(db_path, dt.datetime.now()) is not None  # and thins the folder
        listed = cli("db", "backups")
    assert kept_first.exists() and kept_second.exists()
    assert listed.code == 0 and str(kept_first) in listed.out and str(kept_second) in listed.out, listed.out


def test_undo_right_after_a_restore_names_the_kept_copy_and_changes_nothing(cli, db_path) -> None:
    with at(MON, 9):
        assert cli("log", "caffeine", "95").code == 0
        assert take_daily_backup(db_path, dt.datetime.now()) is not None
        assert cli("log", "stress", "6").code == 0
    with at(MON, 10):
        done = cli("db", "restore", "--latest")
        assert done.code == 0, done.err
        kept = done.out.splitlines()[0].removeprefix(KEPT)
        restored = cli("export", "csv")
        undone = cli("undo")
        assert undone.code == 2 and undone.err.count("\n") == 1, undone.err
        assert f"tracker db restore {kept}" in undone.err and "nothing changed" in undone.err, undone.err
        assert cli("export", "csv").out == restored.out and "95" in restored.out
