"""A database may hold only what tracker's migrations create: a crafted trigger, view, table,
index or column is refused before anything is written, and the file is left as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from tracker.cli import main
from tracker.storage import engine as db
from tracker.storage import file_checks as db_file

pytestmark = pytest.mark.usefixtures("frozen")

CRAFTED = {
    "trigger that moves each new twitch elsewhere": [
        "CREATE TABLE elsewhere (note TEXT)",
        "CREATE TRIGGER steal AFTER INSERT ON episode BEGIN "
        "INSERT INTO elsewhere VALUES (new.note); DELETE FROM episode WHERE id = new.id; END",
    ],
    "trigger alone": ["CREATE TRIGGER t AFTER DELETE ON factor_entry BEGIN SELECT 1; END"],
    "view": ["CREATE VIEW everything AS SELECT * FROM episode"],
    "extra table": ["CREATE TABLE notes (x)"],
    "extra index": ["CREATE UNIQUE INDEX one_a_day ON episode (local_date)"],
    "extra column": ["ALTER TABLE episode ADD COLUMN shadow TEXT DEFAULT 'x'"],
    "cascading key": [
        "DROP INDEX ix_factor_entry_factor_id",
        "DROP INDEX ix_factor_entry_local_date",
        "DROP INDEX ix_factor_entry_created_at",
        "ALTER TABLE factor_entry RENAME TO fe_old",
        "CREATE TABLE factor_entry (factor_id INTEGER NOT NULL REFERENCES factor (id) ON DELETE CASCADE, "
        "at DATETIME, utc_offset_min INTEGER, local_date DATE NOT NULL, value FLOAT NOT NULL, note VARCHAR NOT NULL, "
        "id INTEGER NOT NULL PRIMARY KEY, created_at DATETIME NOT NULL)",
        "DROP TABLE fe_old",
        "CREATE INDEX ix_factor_entry_factor_id ON factor_entry (factor_id)",
        "CREATE INDEX ix_factor_entry_local_date ON factor_entry (local_date)",
        "CREATE INDEX ix_factor_entry_created_at ON factor_entry (created_at)",
    ],
}


def craft(path: Path, statements: list[str]) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for sql in statements:
            conn.execute(sql)
    conn.close()


@pytest.mark.parametrize("crafted", CRAFTED, ids=list(CRAFTED))
def test_a_database_with_objects_tracker_did_not_create_is_refused(capsys, cli, db_path, crafted: str) -> None:
    assert cli("log", "twitch", "--note", "mine").code == 0
    craft(db_path, CRAFTED[crafted])
    before = db_path.read_bytes()
    for argv in (["log", "twitch", "--note", "stolen?"], ["list"], ["db", "check"], ["db", "backup"]):
        result = cli(*argv)
        assert result.code == 2, (argv, result)
        assert result.err.count("\n") == 1 and "schema tracker did not make" in result.err, result.err
        assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.backup.db"))


def test_an_old_database_with_a_trigger_is_refused_before_its_upgrade(tmp_path) -> None:
    path = tmp_path / "old.db"
    config = Config()
    config.set_main_option("script_location", str(db.migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, "0001")
    craft(path, CRAFTED["trigger alone"])
    before = path.read_bytes()
    assert main(["--db", str(path), "log", "twitch"]) == 2
    assert path.read_bytes() == before and db.list_backups(path) == []


@pytest.mark.parametrize("revision", db_file.KNOWN_REVISIONS)
def test_what_is_expected_is_what_the_migrations_build(revision: str) -> None:
    """The models' reference for the current schema is the migrations' own result, object for object."""
    from tracker.storage import schema as db_schema

    assert db_schema.expected_signature(revision) == db_schema.migrated_signature(revision)


def test_a_file_with_only_a_view_is_not_taken_for_a_new_database(tmp_path) -> None:
    path = tmp_path / "tracker.db"
    craft(path, ["CREATE VIEW looks_empty AS SELECT 1 AS x"])
    before = path.read_bytes()
    assert main(["--db", str(path), "log", "twitch"]) == 2
    assert path.read_bytes() == before
