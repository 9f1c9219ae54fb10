"""Several trackers writing at once into a diary kept by an older version (a script logging in
the background, with `tracker db upgrade` run beside it): one upgrades it, after one checked
backup, and every other write waits its turn and lands; none fails because another upgraded first."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from tracker.storage import engine as db

WRITERS = 8
OLDER = "0007"


def older_diary(path: Path) -> Path:
    """A diary at OLDER as that version kept it (write-ahead-log mode), with one entry."""
    config = Config()
    config.set_main_option("script_location", str(db.migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, OLDER)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    with conn:
        conn.execute(
            "INSERT INTO factor_entry (factor_id, at, utc_offset_min, local_date, value, note, created_at) "
            "SELECT id, '2026-11-01 08:00:00.000000', 0, '2026-11-01', 2, 'before', '2026-11-01 08:00:00.000000' "
            "FROM factor WHERE name = 'caffeine'"
        )
    conn.close()
    path.chmod(0o600)
    return path


def start(*argv: str) -> subprocess.Popen[str]:
    env = {**os.environ, "TRACKER_BACKUPS": "off"}  # no daily copies: the upgrade's own is the one counted
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", *argv], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


def notes(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(row[0] for row in conn.execute("SELECT note FROM factor_entry"))
    finally:
        conn.close()


def revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.slow
def test_writers_and_an_upgrade_at_once_all_succeed(tmp_path: Path) -> None:
    path = older_diary(tmp_path / "o3.db")
    processes = [start("--db", str(path), "log", "caffeine", str(n), "--note", f"w{n}") for n in range(WRITERS)]
    processes.append(start("--db", str(path), "db", "upgrade"))
    said = [process.communicate()[1] for process in processes]
    assert [process.returncode for process in processes] == [0] * (WRITERS + 1), [line for line in said if line]
    assert notes(path) == sorted(["before", *(f"w{n}" for n in range(WRITERS))])
    assert revision(path) == db.SCHEMA_HEAD
    backups = db.list_backups(path)
    assert len(backups) == 1  # one upgrade, one copy of the diary as it was before it
    assert revision(backups[0]) == OLDER and notes(backups[0]) == ["before"]


@pytest.mark.usefixtures("frozen")
def test_a_backup_of_a_diary_upgraded_since_it_was_inspected_is_written(tmp_path: Path) -> None:
    # `tracker db backup` inspects the file, then copies it: a write in between may upgrade it.
    path = older_diary(tmp_path / "o3.db")
    inspected = db.inspect_file(path)
    db.open_database(path).dispose()  # another tracker's write upgrades the diary meanwhile
    written = db.backup_database(path, tmp_path / "copy.db", state=inspected)
    assert revision(written) == db.SCHEMA_HEAD and notes(written) == ["before"]
