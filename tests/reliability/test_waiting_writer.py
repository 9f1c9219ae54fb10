"""A `log` typed while another write holds the database (an import's last step, say) says on
stderr what it is waiting for, then succeeds once the lock is let go; a lock never let go ends
in one line, nothing written.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from tests.helpers.processes import rest_of_output, row_counts, tracker_process
from tracker.cli import main
from tracker.storage import wait as db_wait

WAITING = "waiting: another program holds the diary's write lock"


def hold_write_lock(path: Path) -> sqlite3.Connection:
    """Another writer in the middle of a transaction: the database's write lock is taken."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_log_while_another_write_holds_the_lock_says_so_waits_and_succeeds(tmp_path) -> None:
    path = tmp_path / "diary.db"
    assert tracker_process("--db", str(path), "log", "twitch").returncode == 0
    holder = hold_write_lock(path)
    writer = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(path), "log", "twitch", "--note", "typed meanwhile"],
        stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=dict(os.environ),
    )  # fmt: skip
    assert writer.stderr is not None
    told: list[str] = []
    # Let go only once the person has been told (or the writer gave up): no clock in the test.
    reader = threading.Thread(target=lambda: told.append(writer.stderr.readline()))  # type: ignore[union-attr]
    reader.start()
    reader.join(timeout=60)
    holder.rollback()
    holder.close()
    _out, rest = rest_of_output(writer, timeout=120)
    assert told and WAITING in told[0], [*told, rest]
    assert writer.returncode == 0, rest
    assert rest.strip() == "", rest
    assert row_counts(path)["episode"] == 2


def test_a_lock_never_let_go_ends_in_one_line_and_writes_nothing(capsys, tmp_path, monkeypatch) -> None:
    path = tmp_path / "diary.db"
    assert main(["--db", str(path), "log", "twitch"]) == 0
    monkeypatch.setattr(db_wait, "WRITE_WAIT_S", 2)  # the real wait is long; the outcome is the same
    holder = hold_write_lock(path)
    try:
        capsys.readouterr()
        code = main(["--db", str(path), "log", "twitch", "--note", "never saved"])
        err = capsys.readouterr().err
    finally:
        holder.rollback()
        holder.close()
    failures = [line for line in err.splitlines() if not line.startswith(WAITING)]
    assert code == 1 and len(failures) == 1 and "busy" in failures[0] and "Traceback" not in err, err
    assert row_counts(path)["episode"] == 1
