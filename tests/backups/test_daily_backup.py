"""The first write of each day leaves a checked copy of the diary in the backup folder, and the
folder is thinned to 7 daily, 4 weekly and 12 monthly copies."""

from __future__ import annotations

import datetime as dt
import stat
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.backups.conftest import backed_up_days, begin_diary, wait_until
from tests.conftest import LONDON, fill_disk
from tests.helpers.processes import integrity, select_rows
from tracker.storage.backup import list_backups
from tracker.storage.daily_backup import failure_note, take_daily_backup
from tracker.storage.engine import open_database


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 30), tzinfo=ZoneInfo(LONDON))


def test_the_first_write_of_each_day_backs_the_diary_up_once(cli, db_path) -> None:
    monday = dt.date(2026, 11, 23)
    with time_machine.travel(at(monday - dt.timedelta(days=1)), tick=False):
        begin_diary(db_path)  # begun the day before: nothing to copy that day
    with time_machine.travel(at(monday), tick=False):
        assert cli("log", "caffeine", "95").code == 0
        assert cli("log", "stress", "4").code == 0
    wait_until(lambda: backed_up_days(db_path) == [monday], "Monday's copy")
    with time_machine.travel(at(monday), tick=False):
        assert cli("log", "stress", "5").code == 0  # Monday's copy is there: no second one
    with time_machine.travel(at(monday + dt.timedelta(days=1)), tick=False):
        assert cli("list").code == 0  # reading never backs up
        time.sleep(1)
        assert backed_up_days(db_path) == [monday]
        assert cli("log", "none").code == 0
    wait_until(lambda: len(backed_up_days(db_path)) == 2, "Tuesday's copy")
    assert backed_up_days(db_path) == [monday, monday + dt.timedelta(days=1)]
    folder = db_path.parent / "backups"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    newest = list_backups(db_path, folder)[-1]
    assert stat.S_IMODE(newest.stat().st_mode) == 0o600
    assert integrity(newest) == "ok"
    # The copy holds every entry of the days before it.
    assert select_rows(newest, "SELECT count(*) FROM factor_entry") == [(3,)]


@pytest.mark.slow
def test_a_year_of_daily_writes_keeps_7_daily_4_weekly_and_12_monthly_copies(db_path) -> None:
    first, today = dt.date(2025, 10, 1), dt.date(2026, 11, 24)  # a Tuesday
    with time_machine.travel(at(first), tick=False):
        open_database(db_path).dispose()
    day = first
    while day <= today:  # what the day's first write starts, run here on the day's clock
        with time_machine.travel(at(day, hour=8 + day.day % 12), tick=False):
            assert take_daily_backup(db_path, dt.datetime.now()) is not None
            assert take_daily_backup(db_path, dt.datetime.now()) is None  # one a day
        day += dt.timedelta(days=1)
    month_ends = [dt.date(2025, 12, 31)] + [
        dt.date(2026, month + 1, 1) - dt.timedelta(days=1) for month in range(1, 11)
    ]
    daily = [dt.date(2026, 11, d) for d in range(18, 25)]
    weekly = [dt.date(2026, 11, 8), dt.date(2026, 11, 15)]  # and Sun 22 Nov, the 23rd and 24th, among the daily
    assert backed_up_days(db_path) == sorted(month_ends + weekly + daily)


def test_a_full_backup_disk_never_stops_the_write_and_is_said_once(cli, db_path, small_disk, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_BACKUPS", str(small_disk))
    with time_machine.travel(at(dt.date(2026, 11, 22)), tick=False):
        begin_diary(db_path)
    with time_machine.travel(at(dt.date(2026, 11, 23)), tick=False):
        assert cli("log", "caffeine", "95").code == 0
    wait_until(lambda: len(list(small_disk.rglob("*.backup.db"))) == 1, "Monday's copy")
    before = set(small_disk.rglob("*"))
    fill_disk(small_disk)
    with time_machine.travel(at(dt.date(2026, 11, 24)), tick=False):
        first = cli("import", "csv", str(_two_day_file(db_path.parent)))
        assert first.code == 0 and first.err == "", first.err  # the write goes on at once
        wait_until(failure_note(db_path).exists, "the note of the failed copy")
        said = cli("log", "none")
    assert said.code == 0
    assert said.err.count("\n") == 1 and "not made" in said.err and "untouched" in said.err, said.err
    assert f"no space left on device in {small_disk}" in said.err, said.err
    assert select_rows(db_path, "SELECT count(*) FROM factor_entry") == [(3,)]  # the writes went on
    assert set(small_disk.rglob("*")) == before | {small_disk / "filler"}  # no half copy left behind
    assert integrity(db_path) == "ok"


def _two_day_file(folder: Path) -> Path:
    daily = folder / "daily.csv"
    daily.write_text("date,caffeine_mg\n2026-11-20,100\n2026-11-21,50\n")
    return daily
