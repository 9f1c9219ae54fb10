"""A diary begun today has nothing a copy would keep that it does not hold itself: its first
automatic copy comes with the first write of a later day, whichever process writes it, so
`db backups` never starts with a copy of the diary's first hours."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.backups.conftest import backed_up_days, wait_until
from tests.conftest import LONDON
from tracker.storage import daily_backup

MON, TUE = dt.date(2026, 11, 23), dt.date(2026, 11, 24)


def at(day: dt.date, hour: int) -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(LONDON)), tick=False)


def another_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a new `tracker` process knows of today's backups: nothing (the day is checked anew)."""
    monkeypatch.setattr(daily_backup, "_checked", {})


def test_the_day_a_diary_is_begun_has_no_copy_the_next_day_does(cli, db_path, monkeypatch) -> None:
    with at(MON, 9):
        assert cli("log", "caffeine", "95").code == 0  # creates the diary
    for hour, argv in ((12, ["log", "stress", "4"]), (20, ["log", "none"])):
        another_process(monkeypatch)
        with at(MON, hour):
            assert cli(*argv).code == 0
    another_process(monkeypatch)
    with at(TUE, 9):
        assert cli("log", "caffeine", "63").code == 0
    wait_until(lambda: TUE in backed_up_days(db_path), "Tuesday's copy")
    assert backed_up_days(db_path) == [TUE]


def test_a_diary_begun_before_today_is_copied_at_todays_first_write(cli, db_path, monkeypatch) -> None:
    with at(MON, 23):
        assert cli("log", "caffeine", "95").code == 0
    another_process(monkeypatch)
    with at(TUE, 0):
        assert cli("log", "stress", "4").code == 0
    wait_until(lambda: TUE in backed_up_days(db_path), "Tuesday's copy")
