"""A database name holding `#`, `?`, `%`, `&`, `=`, spaces or any letter names exactly that file:
every command (and the pre-upgrade backup) acts on it and on nothing else, given by --db or
TRACKER_DB. An empty --db is refused; an empty TRACKER_DB means the default database.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import string
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.cli import main
from tracker.storage import engine as db
from tracker.storage.backup import RECORD_NAME

pytestmark = pytest.mark.usefixtures("frozen")

HOSTILE = [
    "track#1.db", "what?.db", "p%41.db", "100%.db", "%2e%2e.db", "a b.db", "naïve 日記 😖.db", "x&y=z.db",
    "?mode=ro.db", "file:x.db", "#", "-wal.db",
]  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def companions(name: str) -> set[str]:
    """The file itself and what SQLite may keep beside it (a reader leaves an empty -wal and a -shm)."""
    return {name, name + "-wal", name + "-shm"}


def episodes(path: Path) -> list[str]:
    conn = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)  # as_uri: exactly this file
    try:
        return [row[0] for row in conn.execute("SELECT note FROM episode ORDER BY id")]
    finally:
        conn.close()


@pytest.mark.parametrize("name", HOSTILE)
def test_every_command_acts_on_exactly_the_named_file(capsys, tmp_path, name: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / name
    target = ["--db", str(path)]
    assert run(capsys, *target, "log", "twitch", "--note", "first")[0] == 0
    assert run(capsys, *target, "log", "caffeine", "95")[0] == 0
    assert os.listdir(folder) == [name]  # one file, with that name; nothing stray beside it

    code, out, err = run(capsys, *target, "list", "--json")
    assert code == 0, err
    assert [item["note"] for item in json.loads(out) if item["type"] == "twitch"] == ["first"]
    code, out, err = run(capsys, *target, "db", "check")
    assert code == 0 and f"database: {path}" in out and f"schema revision: {db.SCHEMA_HEAD}" in out, (out, err)
    exported = tmp_path / "out.csv"
    assert run(capsys, *target, "export", "csv", "--episodes", "-o", str(exported))[0] == 0
    assert "first" in exported.read_text()

    code, out, err = run(capsys, *target, "db", "backup")
    assert code == 0, err
    [backup] = db.list_backups(path)
    assert episodes(backup) == ["first"]
    assert set(os.listdir(folder)) - companions(name) == {backup.name, RECORD_NAME}  # and the names of copies made


@pytest.mark.parametrize("name", ["old#1.db", "old?.db", "old%41.db", "old & new = db.db"])
def test_an_old_database_with_such_a_name_is_upgraded_with_its_backup(capsys, tmp_path, name: str) -> None:
    plain = tmp_path / "plain.db"
    config = Config()
    config.set_main_option("script_location", str(db.migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{plain}")
    command.upgrade(config, "0001")
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / name
    shutil.move(plain, path)

    code, out, err = run(capsys, "--db", str(path), "db", "upgrade")
    assert code == 0 and f"0001 -> {db.SCHEMA_HEAD}" in out, err
    assert db.stored_revision(path) == db.SCHEMA_HEAD
    [backup] = db.list_backups(path)
    assert db.stored_revision(backup) == "0001"
    assert set(os.listdir(folder)) - companions(name) == {backup.name, RECORD_NAME}  # and the names of copies made


@pytest.mark.parametrize("name", ["env#1.db", "env?.db", "env%41.db", "e n v&=.db"])
def test_tracker_db_with_such_a_name_is_that_file(capsys, monkeypatch, tmp_path, name: str) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TRACKER_DB", str(folder / name))
    assert run(capsys, "log", "twitch", "--note", "from env")[0] == 0
    assert os.listdir(folder) == [name]
    assert episodes(folder / name) == ["from env"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(
        alphabet=st.sampled_from(string.ascii_letters + "#?%&=+;:@!$'()[]{} ~_-.é日😖"), min_size=1, max_size=12
    ).filter(lambda s: s not in (".", "..") and not s.startswith("~"))
)
def test_any_name_is_exactly_that_file(capsys, tmp_path_factory, name: str) -> None:
    folder = tmp_path_factory.mktemp("names")
    path = folder / name
    assert run(capsys, "--db", str(path), "log", "twitch", "--note", "n")[0] == 0
    code, out, _ = run(capsys, "--db", str(path), "list", "--json")
    assert code == 0 and [item["note"] for item in json.loads(out)] == ["n"]
    assert set(os.listdir(folder)) <= companions(name) and name in os.listdir(folder)


def test_an_empty_db_option_is_refused_and_nothing_is_written(capsys, tmp_path) -> None:
    for argv in (["--db", "", "log", "twitch"], ["--db=", "list"], ["--db", ""], ["--db="]):
        code, _, err = run(capsys, *argv)
        assert code == 2, argv
        assert err.count("\n") == 1 and "--db: '' is not allowed" in err, (argv, err)
    assert not (tmp_path / "xdg-data").exists()  # the default database was not used instead


def test_an_empty_tracker_db_means_the_default_database(capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("TRACKER_DB", "")
    assert run(capsys, "log", "twitch", "--note", "default")[0] == 0
    assert episodes(tmp_path / "xdg-data" / "tracker" / "tracker.db") == ["default"]
