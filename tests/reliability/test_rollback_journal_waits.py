"""A diary in rollback-journal mode (a backup brought back, a copy made by `tracker db backup`)
is switched to a write-ahead log by the first write; while another program holds the write
lock, that write waits for it, as any write does, instead of failing at once."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli import main

HOLD = (
    "import sqlite3, sys\n"
    "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "conn.execute('BEGIN IMMEDIATE')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.readline()\n"
    "conn.execute('COMMIT')\n"
)


def journal_mode(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def logged(path: Path) -> list[object]:
    conn = sqlite3.connect(path)
    try:
        notes = [row[0] for row in conn.execute("SELECT note FROM day ORDER BY date")]
        return notes + [row[0] for row in conn.execute("SELECT value FROM factor_entry ORDER BY id")]
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.usefixtures("frozen")
@pytest.mark.parametrize(
    ("argv", "written"),
    [
        (["note", "second", "--date", "2026-11-02"], ["second", "first"]),
        (["caffeine", "63"], ["first", 63.0]),  # the quick path `log FACTOR AMOUNT` takes
    ],
)
def test_a_write_to_a_rollback_journal_diary_waits_for_the_lock(
    tmp_path: Path, argv: list[str], written: list[object]
) -> None:
    source, copy = tmp_path / "a.db", tmp_path / "l.db"
    assert main(["--db", str(source), "log", "note", "first"]) == 0
    assert main(["--db", str(source), "db", "backup", str(copy)]) == 0
    assert journal_mode(copy) == "delete"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(copy)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    writer = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(copy), "log", *argv],
        env={**os.environ, "TRACKER_BACKUPS": "off"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stderr is not None
    said = writer.stderr.readline()  # the notice that it waits; on failure, the error instead
    holder.communicate("\n")  # the other program lets go only once the write is seen waiting
    rest = writer.communicate()[1]
    assert writer.returncode == 0 and said.startswith("waiting:"), said + rest
    assert logged(copy) == written
    assert journal_mode(copy) == "wal"
