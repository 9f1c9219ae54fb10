"""A restore replaces the diary's file: any program still holding the old one would go on
writing into a file that is no longer the diary, and those entries would be lost. So a restore
is refused while any other process has the diary open, and works once it has closed it."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import LONDON

MON = dt.date(2026, 11, 23)

# Another program with the diary open: a plain sqlite3 connection that has read from it.
HOLD_OPEN = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM factor_entry").fetchone()
print("open", flush=True)
sys.stdin.readline()
conn.close()
"""

# The sqlite3 shell or a script that has opened the diary and not read from it yet: it has no
# lock on the -shm file, but holds the file, and would write into the one a restore replaced.
HOLD_UNREAD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
print("open", flush=True)
sys.stdin.readline()
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE day SET note = 'written late' WHERE 0")
conn.execute("COMMIT")
conn.close()
"""


# The tracker app in another window: the diary opened as the app opens it, and read.
APP_OPEN = """
import sys
from pathlib import Path
from tracker.tui.diary import open_database_file
engine = open_database_file(Path(sys.argv[1]))
with engine.connect() as conn:
    conn.exec_driver_sql("SELECT count(*) FROM factor_entry").fetchone()
print("open", flush=True)
sys.stdin.readline()
engine.dispose()
"""


@pytest.fixture(autouse=True)
def _copies_taken_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_BACKUPS", "off")


def fingerprint(db: Path) -> tuple[str, list[str]]:
    return hashlib.sha256(db.read_bytes()).hexdigest(), sorted(p.name for p in db.parent.rglob("[!.]*"))


@pytest.mark.parametrize(
    "holder", [HOLD_OPEN, HOLD_UNREAD, APP_OPEN], ids=["sqlite3", "sqlite3 not read yet", "the app"]
)
def test_a_restore_is_refused_while_another_process_has_the_diary_open(cli, db_path, holder: str) -> None:
    with time_machine.travel(dt.datetime.combine(MON, dt.time(9), tzinfo=ZoneInfo(LONDON)), tick=False):
        assert cli("log", "caffeine", "95").code == 0
        assert cli("db", "backup").code == 0
        assert cli("log", "stress", "4").code == 0
    other = subprocess.Popen(
        [sys.executable, "-c", holder, str(db_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout is not None and other.stdout.readline() == "open\n"
        before = fingerprint(db_path)
        refused = cli("db", "restore", "--latest")
        assert refused.code == 2 and refused.err.count("\n") == 1, refused.err
        assert (
            "Nothing was changed" in refused.err
            and ("tracker is open" if holder == APP_OPEN else f"process {other.pid}") in refused.err
        ), refused.err
        assert fingerprint(db_path) == before
    finally:
        other.communicate("\n")
    assert other.returncode == 0
    done = cli("db", "restore", "--latest")
    assert done.code == 0, done.err
    assert "now, 1 day, 1 entry" in done.out, done.out
