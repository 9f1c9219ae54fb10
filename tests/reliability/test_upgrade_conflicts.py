"""An upgrade that meets a person's own factor or preset named like a new built-in finishes and
says what it did; an upgrade that fails leaves the file byte for byte as it was, explains, and
leaves no backup behind, however often it is retried.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from tracker.cli import main
from tracker.storage import engine as db

pytestmark = pytest.mark.usefixtures("frozen")


def at_0001(path: Path, *statements: str) -> Path:
    """A revision-0001 diary as tracker kept it (write-ahead-log mode), with the given rows."""
    config = Config()
    config.set_main_option("script_location", str(db.migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, "0001")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    with conn:
        for sql in statements:
            conn.execute(sql)
    conn.close()
    path.chmod(0o600)
    return path


def own_factor(name: str, column: str, unit: str, *, kind: str = "number") -> str:
    return (
        "INSERT INTO factor (id, name, column, kind, unit, min_value, max_value, daily_rule, builtin, position) "
        f"VALUES (40, '{name}', '{column}', '{kind}', '{unit}', 0, 5000, 'sum', 0, 0)"
    )


ENTRY = (
    "INSERT INTO factor_entry (factor_id, at, utc_offset_min, local_date, value, note, created_at) "
    "VALUES (40, '2026-11-20 08:00:00.000000', 0, '2026-11-20', 190, 'two mugs', '2026-11-20 08:00:00.000000')"
)


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_own_caffeine_in_mg_becomes_the_built_in_with_its_entries(capsys, tmp_path) -> None:
    path = at_0001(tmp_path / "tracker.db", own_factor("caffeine", "caffeine_mg", "mg"), ENTRY)
    code, _, err = run(capsys, "--db", str(path), "log", "drink", "espresso")
    assert code == 0, err
    assert "your factor 'caffeine' (mg) is now the built-in caffeine" in err
    assert rows(path, "SELECT id, name, builtin FROM factor WHERE name LIKE 'caffeine%'") == [(40, "caffeine", 1)]
    assert rows(path, "SELECT value, note FROM factor_entry WHERE factor_id = 40 ORDER BY id") == [
        (190.0, "two mugs"),
        (63.0, "espresso"),
    ]
    assert rows(path, "SELECT DISTINCT factor_id FROM preset WHERE name IN ('espresso', 'coffee')") == [(40,)]


def test_own_caffeine_in_other_units_is_renamed_and_said(capsys, tmp_path) -> None:
    path = at_0001(tmp_path / "tracker.db", own_factor("caffeine", "caffeine_cups", "cups"), ENTRY)
    code, _, err = run(capsys, "--db", str(path), "db", "upgrade")
    assert code == 0, err
    assert "your factor 'caffeine' is renamed 'caffeine_own' (CSV column caffeine_cups_own)" in err
    assert rows(path, "SELECT id, name, column, builtin FROM factor WHERE name LIKE 'caffeine%' ORDER BY id") == [
        (40, "caffeine_own", "caffeine_cups_own", 0),
        (41, "caffeine", "caffeine_mg", 1),
    ]
    assert rows(path, "SELECT factor_id, value FROM factor_entry") == [(40, 190.0)]


def test_own_preset_named_like_a_built_in_is_kept(capsys, tmp_path) -> None:
    path = at_0001(
        tmp_path / "tracker.db",
        own_factor("tea", "tea_cups", "cups"),
        "INSERT INTO preset (name, factor_id, amount) VALUES ('coffee', 40, 2)",
    )
    code, _, err = run(capsys, "--db", str(path), "db", "upgrade")
    assert code == 0 and "your preset 'coffee' is kept" in err, err
    assert rows(path, "SELECT factor_id, amount FROM preset WHERE name = 'coffee'") == [(40, 2.0)]
    assert rows(path, "SELECT count(*) FROM preset") == [(8,)]  # the seven other built-in presets


def test_a_failed_upgrade_leaves_the_file_byte_identical_and_no_backups(capsys, tmp_path, monkeypatch) -> None:
    path = at_0001(tmp_path / "tracker.db", own_factor("alcohol", "alcohol_units", "units"), ENTRY)
    broken = tmp_path / "migrations"
    shutil.copytree(db.migrations_dir(), broken)
    step = broken / "versions" / "0002_builtin_factors_and_presets.py"
    step.write_text(step.read_text().replace("    conn = op.get_bind()\n", "    raise OSError('disk full')\n", 1))
    monkeypatch.setattr(db, "migrations_dir", lambda: broken)
    before = path.read_bytes()
    for _ in range(3):
        code, _, err = run(capsys, "--db", str(path), "log", "twitch")
        assert code == 1 and err.count("\n") == 1, err
        assert (
            "could not upgrade" in err
            and f"from schema 0001 to {db.SCHEMA_HEAD}: disk full" in err
            and "left exactly" in err
        )
        assert path.read_bytes() == before
        assert db.list_backups(path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["migrations", "tracker.db"]
