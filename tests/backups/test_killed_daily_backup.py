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

from tests.conftest import LONDON
from tests.helpers.processes import integrity, row_counts
from tracker.storage.backup import list_backups

pytestmark = pytest.mark.slow

# The copy is written and synced, then named: this child stops for good at that sync.
HANG_AT_SYNC = """
import os, sys, time
from pathlib import Path
ready, real = Path(sys.argv[1]), os.fsync
def hang(fd):
    real(fd)
    ready.touch()
    time.sleep(120)
os.fsync = hang
from tracker.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_a_daily_backup_killed_midway_leaves_diary_and_older_backups_intact(cli, db_path, tmp_path) -> None:
    for day in (dt.date(2025, 1, 6), dt.date(2025, 1, 7)):
        with time_machine.travel(dt.datetime.combine(day, dt.time(9), tzinfo=ZoneInfo(LONDON)), tick=False):
            assert cli("log", "caffeine", "95", "--date", day.isoformat()).code == 0
    folder = db_path.parent / "backups"
    older = {copy.name: copy.read_bytes() for copy in list_backups(db_path, folder)}
    assert len(older) == 2
    diary_before = row_counts(db_path)
    ready = tmp_path / "copy-written"
    child = subprocess.Popen(
        [sys.executable, "-c", HANG_AT_SYNC, str(ready), "--db", str(db_path), "log", "stress", "3"],
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
    assert set(os.listdir(folder)) == set(older)  # no hidden or half-written copy
    assert row_counts(db_path) == diary_before and integrity(db_path) == "ok"
    again = subprocess.run([sys.executable, "-m", "tracker", "--db", str(db_path), "log", "stress", "3"],
                           capture_output=True, text=True, timeout=120)  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert len(list_backups(db_path, folder)) == 3
