"""`db restore --latest` passes over a copy dated after now: one write with the clock set years
ahead names its copy 2029, and that copy was "latest" until 2029, rolling back every day since."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.backups.test_latest_after_a_restore import caffeine
from tests.conftest import LONDON
from tracker.storage.daily_backup import take_daily_backup


@pytest.fixture(autouse=True)
def _copies_taken_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_BACKUPS", "off")


def at(moment: dt.datetime) -> time_machine.travel:
    return time_machine.travel(moment.replace(tzinfo=ZoneInfo(LONDON)), tick=False)


def test_latest_takes_the_newest_copy_up_to_now_and_names_the_later_one(cli, db_path) -> None:  # type: ignore[no-untyped-def]
    with at(dt.datetime(2026, 11, 20, 9)):
        assert cli("log", "caffeine", "10").code == 0
        good = take_daily_backup(db_path, dt.datetime.now())
    with at(dt.datetime(2029, 1, 1, 10)):  # the clock set wrong for one write
        assert cli("log", "caffeine", "5", "--date", "2026-11-21").code == 0
        ahead = take_daily_backup(db_path, dt.datetime.now())
    assert good is not None and ahead is not None
    with at(dt.datetime(2026, 12, 1, 9)):
        assert cli("log", "caffeine", "6").code == 0
        result = cli("db", "restore", "--latest")

    assert result.code == 0, result.err
    assert good.name in result.out and ahead.name not in result.out
    assert f"passed over {ahead}" in result.err and "after now" in result.err
    assert caffeine(db_path) == [10.0]
