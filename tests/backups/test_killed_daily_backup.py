"""A daily backup killed while it writes its copy leaves the diary and the older copies as they
were, and no half copy: the next write takes the day's backup as if nothing had happened."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.backups.conftest import backed_up_days, begin_diary, wait_until
from tests.conftest import LONDON
from tests.helpers.processes import integrity, row_counts
from tracker.storage.backup import RECORD_NAME, list_backups

pytestmark = pytest.mark.slow

# The day's backup process, as the first write starts it, stopped for good where its copy is
# written and synced but not yet named.
HANG_AT_SYNC = """
import os, runpy, sys, time
from pathlib import Path
ready, real = Path(sys.argv[1]), os.fsync
def hang(fd):
    real(fd)
    ready.touch()
    time.sleep(120)
os.fsync = hang
sys.argv = ["daily_backup", *sys.argv[2:]]
runpy.run_module("tracker.storage.daily_backup", run_name="__main__")
"""


def test_a_daily_backup_killed_midway_leaves_diary_and_older_backups_intact(cli, db_path, tmp_path) -> None:
    folder = db_path.parent / "backups"
    with time_machine.travel(dt.datetime(2025, 1, 5, 9, tzinfo=ZoneInfo(LONDON)), tick=False):
        begin_diary(db_path)  # begun the day before: nothing to copy that day
    for day in (dt.date(2025, 1, 6), dt.date(2025, 1, 7)):
        with time_machine.travel(dt.datetime.combine(day, dt.time(9), tzinfo=ZoneInfo(LONDON)), tick=False):
            assert cli("log", "caffeine", "95", "--date", day.isoformat()).code == 0
        wait_until(lambda day=day: day in backed_up_days(db_path), f"the copy of {day}")
    older = {copy.name: copy.read_bytes() for copy in list_backups(db_path, folder)}
    assert len(older) == 2
    diary_before = row_counts(db_path)
    ready = tmp_path / "copy-written"
    child = subprocess.Popen(
        [sys.executable, "-c", HANG_AT_SYNC, str(ready), str(db_path), "2026-11-24T09:00:00"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert ready.exists(), "the child never reached the backup's sync"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    assert {copy.name: copy.read_bytes() for copy in list_backups(db_path, folder)} == older
    # No hidden or half-written copy: beside the copies, only the record of those tracker wrote.
    assert set(os.listdir(folder)) == {*older, RECORD_NAME}
    assert row_counts(db_path) == diary_before and integrity(db_path) == "ok"
    with time_machine.travel(dt.datetime(2026, 11, 24, 10, tzinfo=ZoneInfo(LONDON)), tick=False):
        assert cli("log", "stress", "3").code == 0  # nothing left over blocks the day's copy
    wait_until(lambda: len(backed_up_days(db_path)) == 3, "the day's copy")
    assert integrity(list_backups(db_path, folder)[-1]) == "ok"
