"""A database filled at every past schema revision upgrades to head with every row kept.

The fixture databases are built once per session: Alembic takes an empty file to each revision
in tracker.storage.file_checks.KNOWN_REVISIONS, then plain SQL fills every table the way that version would
have. A new revision is covered as soon as it is listed there; if it renames a column the
inserts below fail loudly and need a line for the new shape.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from tests.helpers.processes import integrity, tracker_process
from tracker.storage import engine as db
from tracker.storage import file_checks as db_file

TABLES = ("factor", "preset", "episode", "factor_entry", "day", "red_flag", "intervention")


def _alembic_config(path: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(db.migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    return config


def _fill(conn: sqlite3.Connection, revision: str) -> None:
    """Rows in every table, with the awkward values real diaries have (DST offsets, NULLs, unicode)."""
    run = conn.execute
    run("INSERT INTO factor (id, name, column, kind, unit, min_value, max_value, daily_rule, builtin, position) "
        "VALUES (40, 'alcohol', 'alcohol_units', 'number', 'units', 0, 50, 'sum', 0, 9)")  # fmt: skip
    run("INSERT INTO preset (id, name, factor_id, amount) VALUES (40, 'pint', 40, 2.3)")
    episodes = [
        ("2026-03-29 00:30:00.000000", 0, "2026-03-29", "eyelid", "left", 3, None, "screen", "", "before DST"),
        ("2026-03-29 02:30:00.000000", 60, "2026-03-29", "lower-lip", "right", 5, 45, "", "pressed", "après — 😖"),
        ("2026-11-01 14:30:00.000000", 540, "2026-11-01", "cheek", "both", 1, 86400, "", "", "=formula? no, a note"),
    ]  # fmt: skip
    for started, offset, day, location, side, intensity, duration, context, relief, note in episodes:
        run("INSERT INTO episode (started_at, utc_offset_min, local_date, location, side, intensity, duration_s, "
            "context, relief, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (started, offset, day, location, side, intensity, duration, context, relief, note, started))  # fmt: skip
    run("INSERT INTO factor_entry (factor_id, at, utc_offset_min, local_date, value, note, created_at) "
        "VALUES (40, '2026-11-01 20:00:00.000000', 60, '2026-11-01', 2.5, 'wedding', "
        "'2026-11-01 20:00:00.000000')")  # fmt: skip
    run("INSERT INTO factor_entry (factor_id, at, utc_offset_min, local_date, value, note, created_at) "
        "VALUES (40, NULL, NULL, '2026-11-02', 0, '', '2026-11-02 09:00:00.000000')")  # fmt: skip
    run("INSERT INTO day (date, checked_in, note, created_at) VALUES ('2026-11-03', 1, '', "
        "'2026-11-03 21:00:00.000000')")  # fmt: skip
    run("INSERT INTO day (date, checked_in, note, created_at) VALUES ('2026-11-01', 0, 'long flight', "
        "'2026-11-01 21:00:00.000000')")  # fmt: skip
    run("INSERT INTO red_flag (date, kind, note, created_at) VALUES ('2026-11-01', 'spreading', 'to the cheek', "
        "'2026-11-01 21:00:00.000000')")  # fmt: skip
    run("INSERT INTO intervention (name, start_date, end_date, note, created_at) VALUES "
        "('magnesium', '2026-10-01', NULL, '300 mg glycinate', '2026-10-01 08:00:00.000000'), "
        "('less coffee', '2026-09-01', '2026-09-30', '', '2026-09-01 08:00:00.000000')")  # fmt: skip
    if revision >= "0002":  # the built-in factors exist from 0002 on
        caffeine = run("SELECT id FROM factor WHERE column = 'caffeine_mg'").fetchone()[0]
        run("INSERT INTO factor_entry (factor_id, at, utc_offset_min, local_date, value, note, created_at) "
            "VALUES (?, '2026-11-01 07:00:00.000000', 60, '2026-11-01', 95, 'coffee', '2026-11-01 07:00:00.000000')",
            (caffeine,))  # fmt: skip
        run("UPDATE preset SET amount = 100 WHERE name = 'coffee'")  # a person's own edit


def _rows(path: Path) -> dict[str, list[dict[str, object]]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return {table: [dict(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid")] for table in TABLES}
    finally:
        conn.close()


@pytest.fixture(scope="session")
def filled_databases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One filled database per known revision, built once; tests work on copies."""
    folder = tmp_path_factory.mktemp("revisions")
    built = {}
    for revision in db_file.KNOWN_REVISIONS:
        path = folder / f"at-{revision}.db"
        command.upgrade(_alembic_config(path), revision)
        conn = sqlite3.connect(path)
        with conn:
            _fill(conn, revision)
        conn.close()
        built[revision] = path
    return built


def _copy(source: Path, folder: Path) -> Path:
    target = folder / "tracker.db"
    shutil.copy(source, target)
    target.chmod(0o600)
    return target


@pytest.mark.parametrize("revision", db_file.KNOWN_REVISIONS)
def test_every_row_survives_the_upgrade_to_head(filled_databases, tmp_path, revision: str) -> None:
    path = _copy(filled_databases[revision], tmp_path)
    before = _rows(path)
    db.open_database(path).dispose()

    assert db.stored_revision(path) == db.SCHEMA_HEAD
    assert integrity(path) == "ok"
    after = _rows(path)
    for table, rows in before.items():
        kept = {json.dumps(row, sort_keys=True) for row in after[table]}
        # Every old row is still there with every old value (new columns may be added).
        for row in rows:
            matches = [new for new in after[table] if all(new.get(key) == value for key, value in row.items())]
            assert matches, f"{table} lost {row} upgrading from {revision}; now {sorted(kept)[:3]}"
    backups = db.list_backups(path)
    if revision == db.SCHEMA_HEAD:
        assert backups == []  # nothing to upgrade, nothing copied
    else:
        [backup] = backups
        assert db.stored_revision(backup) == revision and _rows(backup) == before


@pytest.mark.parametrize("revision", db_file.KNOWN_REVISIONS)
def test_upgraded_history_reads_back_through_the_cli(filled_databases, tmp_path, revision: str) -> None:
    path = _copy(filled_databases[revision], tmp_path)
    # Commands that only read never change the file, so an older one is upgraded first.
    assert tracker_process("--db", str(path), "db", "upgrade").returncode == 0
    listed = tracker_process("--db", str(path), "list", "--from", "2026-01-01", "--to", "2026-11-03", "--json")
    assert listed.returncode == 0, listed.stderr
    items = json.loads(listed.stdout)
    twitches = [(item["date"], item["at"], item["note"]) for item in items if item["type"] == "twitch"]
    assert twitches == [
        ("2026-03-29", "2026-03-29T00:30:00+00:00", "before DST"),
        ("2026-03-29", "2026-03-29T03:30:00+01:00", "après — 😖"),
        ("2026-11-01", "2026-11-01T23:30:00+09:00", "=formula? no, a note"),
    ]
    assert {item["kind"] for item in items if item["type"] == "red_flag"} == {"spreading"}
    daily = tracker_process("--db", str(path), "export", "csv", "--from", "2026-11-01", "--to", "2026-11-03")
    assert daily.returncode == 0, daily.stderr
    lines = daily.stdout.splitlines()
    assert lines[0].endswith(",alcohol_units,red_flags,note")
    assert lines[1].startswith("2026-11-01,1,1,86400,1,cheek,") and ",2.5,spreading,long flight" in lines[1]
    assert lines[3].startswith("2026-11-03,1,0,0,")


@pytest.mark.slow
def test_upgrade_killed_part_way_keeps_the_old_or_the_new_database_whole(filled_databases, tmp_path) -> None:
    oldest = db_file.KNOWN_REVISIONS[0]
    if oldest == db.SCHEMA_HEAD:
        pytest.skip("only one revision: nothing to upgrade")
    rng = random.Random(7)
    outcomes = []
    for attempt in range(8):
        folder = tmp_path / f"attempt-{attempt}"
        folder.mkdir()
        path = _copy(filled_databases[oldest], folder)
        before = _rows(path)
        upgrade = subprocess.Popen([sys.executable, "-m", "tracker", "--db", str(path), "db", "upgrade"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        # The backup is taken just before the migration starts: kill soon after it appears.
        while upgrade.poll() is None and not db.list_backups(path):
            time.sleep(0.001)
        time.sleep(rng.uniform(0.2, 0.7))  # Alembic loads, migrates, commits in ~0.5 s
        upgrade.send_signal(signal.SIGKILL)
        upgrade.communicate(timeout=30)
        # A kill mid-transaction can leave a rollback journal (an upgrade keeps the file's journal
        # mode until it commits); SQLite rolls it back on the next open for writing, as any
        # tracker command that writes does.
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").connection.close()
        assert integrity(path) == "ok"
        revision = db.stored_revision(path)
        assert revision in (oldest, db.SCHEMA_HEAD)
        if revision == oldest:
            assert _rows(path) == before
        outcomes.append(revision if upgrade.returncode != 0 else "done")
        # Whatever the kill left, the next run finishes the upgrade with every row.
        again = tracker_process("--db", str(path), "db", "upgrade")
        assert again.returncode == 0, again.stderr
        episodes = _rows(path)["episode"]
        assert [row["note"] for row in episodes] == [row["note"] for row in before["episode"]]
    print(f"upgrade kills left the database at: {outcomes}")


def test_failed_upgrade_through_the_cli_says_so_and_a_later_one_succeeds(
    filled_databases, tmp_path, monkeypatch, capsys
) -> None:
    """tests/test_migrations.py covers open_database; this is what a person sees, and the retry."""
    from tracker.cli import main

    oldest = db_file.KNOWN_REVISIONS[0]
    if oldest == db.SCHEMA_HEAD:
        pytest.skip("only one revision: nothing to upgrade")
    path = _copy(filled_databases[oldest], tmp_path)
    before = _rows(path)
    broken = tmp_path / "migrations"
    shutil.copytree(db.migrations_dir(), broken)
    for step in (broken / "versions").glob("*.py"):
        text = step.read_text()
        if f"down_revision = '{oldest}'" in text or f'down_revision = "{oldest}"' in text:
            step.write_text(
                text.replace("def upgrade() -> None:\n", "def upgrade() -> None:\n    raise OSError('disk full')\n")
            )
    good_dir = db.migrations_dir()
    monkeypatch.setattr(db, "migrations_dir", lambda: broken)
    code = main(["--db", str(path), "log", "twitch"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.count("\n") == 1 and "disk full" in err, err
    assert _rows(path) == before and db.stored_revision(path) == oldest
    assert db.list_backups(path) == []  # the file is unchanged: a copy of it would only pile up

    monkeypatch.setattr(db, "migrations_dir", lambda: good_dir)
    assert main(["--db", str(path), "log", "twitch", "--note", "after the retry"]) == 0
    after = _rows(path)
    assert [row["note"] for row in after["episode"]] == [row["note"] for row in before["episode"]] + ["after the retry"]
    [backup] = db.list_backups(path)  # the successful attempt's
    assert _rows(backup) == before
