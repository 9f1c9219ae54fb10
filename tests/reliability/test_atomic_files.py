"""A backup (asked for, or taken before an upgrade) or an export killed at the moment its file
shows up leaves either a complete, checked file or nothing: no empty "backup" that blocks the
next one or counts among the five kept, and no hidden temporary file.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from tests.helpers.processes import integrity, select_rows, tracker_process
from tracker.storage import engine as db
from tracker.storage.backup import RECORD_NAME  # the names of the copies tracker wrote: not a copy

pytestmark = pytest.mark.slow

KILLS = 4


@pytest.fixture(scope="module")
def three_years_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three years of demo history: a copy takes long enough to be caught in the middle."""
    path = tmp_path_factory.mktemp("diary") / "tracker.db"
    assert tracker_process("--db", str(path), "demo", "--days", "1100").returncode == 0
    return path


def kill_when_a_file_appears(argv: list[str], folder: Path) -> None:
    """Run `tracker ARGV` and SIGKILL it the moment any new name shows up in `folder`."""
    before = set(os.listdir(folder))
    victim = subprocess.Popen([sys.executable, "-m", "tracker", *argv], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    while victim.poll() is None:
        if set(os.listdir(folder)) - before - {"tracker.db-wal", "tracker.db-shm", RECORD_NAME}:
            victim.send_signal(signal.SIGKILL)
            break
        time.sleep(0.0001)
    victim.wait(timeout=60)


def test_a_killed_backup_leaves_a_whole_backup_or_none(tmp_path, three_years_db) -> None:
    path = tmp_path / "tracker.db"
    shutil.copy(three_years_db, path)
    for _ in range(KILLS):
        kill_when_a_file_appears(["--db", str(path), "db", "backup"], tmp_path)
        others = set(os.listdir(tmp_path)) - {"tracker.db", "tracker.db-wal", "tracker.db-shm", RECORD_NAME}
        backups = db.list_backups(path)
        assert others == {backup.name for backup in backups}, others  # nothing hidden, nothing half-made
        for backup in backups:
            assert integrity(backup) == "ok" and db.stored_revision(backup) == db.SCHEMA_HEAD
    dest = tmp_path / "mine.db"
    kill_when_a_file_appears(["--db", str(path), "db", "backup", str(dest)], tmp_path)
    assert not dest.exists() or integrity(dest) == "ok"
    again = tracker_process("--db", str(path), "db", "backup", str(tmp_path / "later.db"))
    assert again.returncode == 0, again.stderr  # nothing left blocks the next one
    assert select_rows(tmp_path / "later.db", "SELECT count(*) FROM episode") == select_rows(
        path, "SELECT count(*) FROM episode"
    )


def test_a_killed_pre_upgrade_backup_leaves_a_whole_backup_or_none(tmp_path) -> None:
    old = tmp_path / "source.db"
    config = Config()
    config.set_main_option("script_location", str(db.migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{old}")
    command.upgrade(config, "0001")
    import sqlite3

    with sqlite3.connect(old) as conn:
        conn.executemany(
            "INSERT INTO episode (started_at, utc_offset_min, local_date, location, side, intensity, context, relief,"
            " note, created_at) VALUES (?, 0, '2026-11-20', 'eyelid', 'left', 3, '', '', ?, ?)",
            [(f"2026-11-20 08:{n % 60:02d}:00", "x" * 500, f"2026-11-20 08:{n % 60:02d}:00") for n in range(6000)],
        )
    conn.close()
    for attempt in range(KILLS):
        folder = tmp_path / f"attempt-{attempt}"
        folder.mkdir()
        path = folder / "tracker.db"
        shutil.copy(old, path)
        kill_when_a_file_appears(["--db", str(path), "db", "upgrade"], folder)
        others = set(os.listdir(folder)) - {
            "tracker.db",
            "tracker.db-wal",
            "tracker.db-shm",
            "tracker.db-journal",
            RECORD_NAME,
        }
        assert others == {backup.name for backup in db.list_backups(path)}, others
        for backup in db.list_backups(path):
            assert integrity(backup) == "ok" and db.stored_revision(backup) == "0001"


def test_a_killed_export_leaves_no_hidden_file(tmp_path, three_years_db) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for number in range(KILLS):
        target = out / f"episodes-{number}.csv"
        kill_when_a_file_appears(["--db", str(three_years_db), "export", "csv", "--episodes", "-o", str(target)], out)
        assert [name for name in os.listdir(out) if name.startswith(".")] == []
        assert not target.exists() or target.read_text(encoding="utf-8").endswith("\n")
