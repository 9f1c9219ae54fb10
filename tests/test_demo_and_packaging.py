"""`tracker demo`, and an installed wheel that can upgrade its own database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tracker.storage.file_checks import SCHEMA_HEAD

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.usefixtures("frozen")
def test_demo_fills_an_empty_database_with_a_believable_history(cli, db_path) -> None:
    result = cli("demo", "--days", "120", "--seed", "3")
    assert result.code == 0, result.err
    conn = sqlite3.connect(db_path)
    episodes, active_days = conn.execute("SELECT count(*), count(DISTINCT local_date) FROM episode").fetchone()
    assert episodes > 50 and 10 < active_days < 120  # streaks, not every day
    assert conn.execute("SELECT count(DISTINCT factor_id) FROM factor_entry").fetchone()[0] == 5
    assert conn.execute("SELECT count(*) FROM red_flag").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM intervention").fetchone()[0] == 1
    daily = cli("export", "csv").out.splitlines()[1:]
    assert len(daily) == 120 and 0 < sum(1 for line in daily if ",0," in line[:13]) < 20  # a few untracked days
    again = cli("demo")
    assert again.code == 2 and "empty database" in again.err  # never mixes with real data


@pytest.mark.usefixtures("frozen")
def test_demo_holds_nothing_later_than_now(cli, db_path) -> None:
    """At 09:30 (London, UTC+0 in November) today has its morning and no evening yet."""
    assert cli("demo", "--days", "30").code == 0
    conn = sqlite3.connect(db_path)
    latest = conn.execute(
        "SELECT max(t) FROM (SELECT started_at AS t FROM episode UNION ALL SELECT at FROM factor_entry)"
    ).fetchone()[0]
    assert "2026-11-23 12:00" < latest <= "2026-11-24 09:30"


@pytest.mark.slow
def test_wheel_ships_migrations_and_upgrades_an_old_database(tmp_path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    [wheel] = wheels.glob("tracker-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tracker/_migrations/env.py" in names
    assert any(name.startswith("tracker/_migrations/versions/0002") for name in names)
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    old = tmp_path / "old.db"
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{old}")
    command.upgrade(config, "0001")
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import sys, tracker.storage.engine, tracker.cli; print(tracker.storage.engine.migrations_dir());"
        " sys.exit(tracker.cli.main(['--db', sys.argv[1], 'db', 'upgrade']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(old)], capture_output=True, text=True, env=env, cwd=tmp_path, check=False
    )
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout.splitlines()[0]  # the packaged migrations were used
    assert sqlite3.connect(old).execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
