"""Alembic owns the schema: one head, models match, upgrades keep data, bad files are refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from tracker.errors import DatabaseRefused
from tracker.storage import engine as db
from tracker.storage import file_checks as db_file
from tracker.storage.models import metadata


def alembic_config(path: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(db.migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    return config


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_single_head_matches_the_code(tmp_path) -> None:
    scripts = ScriptDirectory.from_config(alembic_config(tmp_path / "x.db"))
    assert scripts.get_heads() == [db.SCHEMA_HEAD]
    revisions = [rev.revision for rev in scripts.walk_revisions()]
    assert sorted(revisions) == sorted(db_file.KNOWN_REVISIONS)


def test_upgrade_from_empty_and_models_match_migrations(engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert diff == []


def test_upgrade_from_previous_revision_keeps_data_and_backs_up(tmp_path) -> None:
    path = tmp_path / "old.db"
    command.upgrade(alembic_config(path), "0001")
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO factor (id, name, column, kind, unit, daily_rule, builtin, position) "
        "VALUES (40, 'alcohol', 'alcohol_units', 'number', 'units', 'sum', 0, 9)"
    )
    conn.execute(
        "INSERT INTO episode (started_at, utc_offset_min, local_date, location, side, intensity, context, relief, note,"
        " created_at) "
        "VALUES ('2026-11-20 08:00:00', 0, '2026-11-20', 'eyelid', 'left', 3, '', '', 'kept', '2026-11-20 08:00:00')"
    )
    conn.commit()
    conn.close()
    engine = db.open_database(path)
    engine.dispose()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == db.SCHEMA_HEAD
    assert conn.execute("SELECT note FROM episode").fetchall() == [("kept",)]
    assert conn.execute("SELECT column FROM factor WHERE name='alcohol'").fetchone() == ("alcohol_units",)
    [backup] = db.list_backups(path)
    assert sqlite3.connect(backup).execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"


def test_only_the_last_five_backups_are_kept(engine, db_path) -> None:
    for _ in range(7):
        db.backup_database(db_path)
    assert len(db.list_backups(db_path)) == 5


def test_failed_migration_leaves_the_file_byte_identical_and_no_backup(tmp_path, monkeypatch) -> None:
    path = tmp_path / "old.db"
    command.upgrade(alembic_config(path), "0001")
    # A copy of the migrations whose newest step fails after doing part of its work.
    broken = tmp_path / "migrations"
    shutil.copytree(db.migrations_dir(), broken)
    step = broken / "versions" / "0002_builtin_factors_and_presets.py"
    step.write_text(
        step.read_text().replace("    ids = dict(", "    raise RuntimeError('disk on fire')\n    ids = dict(")
    )
    monkeypatch.setattr(db, "migrations_dir", lambda: broken)
    before = path.read_bytes()
    with pytest.raises(db.UpgradeFailed, match="disk on fire"):
        db.open_database(path)
    assert path.read_bytes() == before  # not even switched to WAL
    assert db.list_backups(path) == []  # a copy of an unchanged file would only pile up


def test_newer_database_is_refused_untouched(engine, db_path) -> None:
    engine.dispose()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseRefused, match="newer version"):
        db.open_database(db_path)
    assert db_path.read_bytes() == before


def test_foreign_sqlite_and_non_database_files_are_refused(tmp_path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE notes (x)").connection.commit()
    with pytest.raises(DatabaseRefused, match="not a tracker database"):
        db.open_database(other)
    text = tmp_path / "notes.txt"
    text.write_text("shopping list\n")
    with pytest.raises(DatabaseRefused, match="not an SQLite file"):
        db.open_database(text)
    assert text.read_text() == "shopping list\n"


def test_corrupt_database_is_refused_untouched(engine, db_path) -> None:
    from sqlmodel import Session

    from tracker.storage import store
    from tracker.storage.models import EpisodeCreate

    with Session(engine) as session:
        import datetime as dt

        for minute in range(200):
            store.add_episode(
                session=session,
                episode_in=EpisodeCreate(
                    started_at=dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=minute),
                    location="eyelid",
                    side="left",
                    intensity=2,
                    note="x" * 200,
                ),
            )
        session.commit()
    engine.dispose()
    data = bytearray(db_path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 2000] = b"\xff" * 2000  # scribble over a b-tree page
    db_path.write_bytes(bytes(data))
    before = db_path.read_bytes()
    with pytest.raises(DatabaseRefused, match="corrupt"):
        db.open_database(db_path)
    assert db_path.read_bytes() == before


def test_the_built_in_factors_a_new_diary_gets_are_the_ones_the_code_describes(engine) -> None:
    """Migration 0002 keeps its own list (a revision describes itself as it was); what it stored
    must still be what core.vocabulary says every diary has, or the two have drifted."""
    from tracker.core.vocabulary import BUILTIN_FACTORS
    from tracker.storage import store
    from tracker.storage.engine import session_scope

    with session_scope(engine, write=False) as session:
        stored = [f for f in store.list_factors(session=session) if f.builtin]
    described = [(f.name, f.column, f.kind, f.unit, f.low, f.high, f.rule) for f in BUILTIN_FACTORS]
    assert [(f.name, f.column, f.kind, f.unit, f.min_value, f.max_value, f.daily_rule) for f in stored] == described


def test_an_upgrade_held_up_by_another_writer_says_it_is_busy_and_leaves_the_file(tmp_path) -> None:
    from tracker.errors import failure_line

    path = tmp_path / "old.db"
    command.upgrade(alembic_config(path), "0006")
    before = path.read_bytes()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    try:
        with pytest.raises(Exception) as raised:
            db.open_database(path, wait_s=0.5)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    line, _code = failure_line(raised.value)
    assert "busy" in line and "nothing was changed" in line and "cannot open it" not in line, line
    assert path.read_bytes() == before and db.list_backups(path) == []
