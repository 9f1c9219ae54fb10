"""A diary on a PostgreSQL server: upgraded with data in it, written by many machines at once,
and never showing the password, hanging or half-writing when the server is away."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.helpers import postgres as pg
from tracker.storage import file_checks

# A port nothing listens on (tcpmux): the connection is refused at once, no timeout waited.
AWAY = "postgresql://me:s3cret-pw@127.0.0.1:1/tracker"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`tracker ARGS...` as a person runs it: its own process, its own environment."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


# --- without a server --------------------------------------------------------------------------


def test_db_path_shows_the_server_with_the_password_masked(cli) -> None:
    shown = cli("db", "path", db=AWAY)
    assert shown.code == 0
    assert "s3cret" not in shown.out + shown.err
    assert shown.out.strip() == "postgresql://me:***@127.0.0.1:1/tracker"


@pytest.mark.parametrize("command", [["log", "twitch"], ["list"], ["export", "csv"], ["db", "upgrade"]])
def test_a_server_that_is_away_is_one_line_with_no_password(cli, command: list[str]) -> None:
    result = cli(*command, db=AWAY)
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "cannot reach the database postgresql://me:***@127.0.0.1:1/tracker" in lines[0]
    assert "nothing was changed" in lines[0]
    assert "s3cret" not in result.out + result.err


def test_a_server_named_in_the_environment_is_used_like_one_given_with_db(cli, monkeypatch) -> None:
    monkeypatch.setenv("TRACKER_DB", AWAY)
    result = cli("log", "twitch", db=None)
    assert result.code == 1 and "cannot reach the database postgresql://me:***@127.0.0.1" in result.err


def test_a_remote_server_needs_tls_and_every_connection_gives_up_in_seconds() -> None:
    from tracker.storage.postgres import server_url

    remote = server_url("postgresql://me@diary.home/tracker")
    assert remote.query["sslmode"] == "require"
    assert remote.query["connect_timeout"] == "5"
    assert "sslmode" not in server_url("postgresql://me@localhost/tracker").query
    assert "sslmode" not in server_url("postgresql://me@/tracker?host=/run/postgresql").query
    assert server_url("postgresql://me@diary.home/tracker?sslmode=verify-full").query["sslmode"] == "verify-full"
    # A network that drops mid-command: noticed within seconds, not after the system's TCP timeouts.
    assert remote.query["tcp_user_timeout"] == "5000" and remote.query["keepalives_idle"] == "5"


def test_a_stopped_server_is_one_line_and_nothing_is_created(cli, tmp_path: Path) -> None:
    # A socket folder where no server listens: as a server that is stopped, or not started yet.
    stopped = f"postgresql://me@/tracker?host={tmp_path}"
    result = cli("log", "twitch", "--note", "lost?", db=stopped)
    assert result.code == 1
    [line] = result.err.strip().splitlines()
    assert line.startswith("tracker: error: cannot reach the database postgresql://me@/tracker?host=")
    assert "nothing was changed" in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "value,allowed",
    [
        ("postgresql+asyncpg://me@host/tracker", "psycopg"),
        ("postgresql://me@host", "names the database"),
    ],
)
def test_a_server_url_tracker_cannot_use_is_refused_in_one_line(cli, value: str, allowed: str) -> None:
    result = cli("log", "twitch", db=value)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "--db" in result.err and allowed in result.err


# --- on a real server --------------------------------------------------------------------------


def test_every_revision_upgrades_on_the_server_with_its_data_kept(pg_cluster: pg.Cluster) -> None:
    from alembic import command
    from alembic.config import Config

    from tracker.storage.engine import migrations_dir
    from tracker.storage.postgres import open_server

    for revision in file_checks.KNOWN_REVISIONS[:-1]:
        url = pg_cluster.new_database()
        old = create_engine(url)
        with old.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(migrations_dir()))
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            conn.execute(
                text(
                    'INSERT INTO factor (id, name, "column", kind, unit, daily_rule, builtin, position) '
                    "VALUES (40, 'alcohol', 'alcohol_units', 'number', 'units', 'sum', false, 9)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO episode (started_at, utc_offset_min, local_date, location, side, intensity, context,"
                    " relief, note, created_at) VALUES ('2026-11-20 08:00:00', 60, '2026-11-20', 'eyelid', 'left', 3,"
                    " '', '', 'kept from ' || :revision, '2026-11-20 08:00:00')"
                ),
                {"revision": revision},
            )
        old.dispose()
        open_server(url).dispose()
        new = create_engine(url)
        with new.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == file_checks.SCHEMA_HEAD
            episodes = conn.execute(text("SELECT note, utc_offset_min FROM episode")).all()
            column = conn.execute(text("SELECT \"column\" FROM factor WHERE name = 'alcohol'")).scalar()
        assert episodes == [(f"kept from {revision}", 60)]
        assert column == "alcohol_units"
        new.dispose()


def test_the_models_match_the_migrations_on_the_server(pg_cluster: pg.Cluster) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from tracker.storage.models import metadata
    from tracker.storage.postgres import open_server

    engine = open_server(pg_cluster.new_database())
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    engine.dispose()
    assert diff == []


def test_db_path_upgrade_and_check_on_a_server(pg_cluster: pg.Cluster) -> None:
    url = pg_cluster.new_database()
    upgraded = run("--db", url, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"schema new -> {file_checks.SCHEMA_HEAD}" in upgraded.stdout
    assert f"already at schema {file_checks.SCHEMA_HEAD}" in run("--db", url, "db", "upgrade").stdout
    check = run("--db", url, "db", "check")
    assert check.returncode == 0 and f"schema revision: {file_checks.SCHEMA_HEAD}" in check.stdout


WRITER = """
import sys
from tracker.cli import main

zone = sys.argv[1]
failed = []
for n in range(25):
    # The same evening date in every zone: each machine's own local date, whatever UTC says.
    at = f"2026-11-20T{18 + n // 10}:{n % 10 * 5:02d}"
    if main(["log", "twitch", "--at", at, "--note", f"{zone} {n}"]) != 0:
        failed.append(f"twitch {n}")
    # Every writer checks in the same 25 days: the rows they race to create.
    if main(["log", "none", "--date", f"2026-10-{n + 1:02d}"]) != 0:
        failed.append(f"none {n}")
print(len(failed), " ".join(failed))
"""
ZONES = {"Europe/London": 0, "Asia/Tokyo": 540, "America/Los_Angeles": -480, "Australia/Adelaide": 630}


@pytest.mark.slow
def test_four_machines_logging_at_once_lose_nothing(pg_cluster: pg.Cluster, tmp_path: Path) -> None:
    url = pg_cluster.new_database(template="diary_head")
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    writers = [
        subprocess.Popen(
            [sys.executable, str(script), zone],
            env={**os.environ, "TZ": zone, "TRACKER_DB": url},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for zone in ZONES
    ]
    results = [writer.communicate(timeout=600) for writer in writers]
    assert [out.splitlines()[-1].split(" ", 1)[0] for out, _err in results] == ["0"] * 4, results
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT note, utc_offset_min, local_date FROM episode")).all()
        days = conn.execute(text("SELECT count(*) FROM day WHERE checked_in")).scalar()
    engine.dispose()
    assert len(rows) == 100
    for zone, offset in ZONES.items():
        mine = [row for row in rows if row.note.startswith(zone)]
        assert len(mine) == 25
        assert {(row.utc_offset_min, str(row.local_date)) for row in mine} == {(offset, "2026-11-20")}
    assert days == 25


# --- moving a diary ----------------------------------------------------------------------------


def exports(db: str) -> tuple[str, str, str]:
    """What a person would compare: the daily and episode CSV exports, and the listing with ids."""
    return (
        run("--db", db, "export", "csv").stdout,
        run("--db", db, "export", "csv", "--episodes").stdout,
        run("--db", db, "list", "--from", "2026-11-01", "--to", "2026-11-30").stdout,
    )


def test_a_diary_copied_to_a_server_and_back_exports_the_same(pg_cluster: pg.Cluster, tmp_path: Path) -> None:
    laptop, server, back = str(tmp_path / "laptop.db"), pg_cluster.new_database(), str(tmp_path / "back.db")
    assert run("--db", laptop, "demo", "--days", "30", "--seed", "3").returncode == 0
    added = run("--db", laptop, "factor", "add", "alcohol", "--kind", "number", "--unit", "units", "--max", "20")
    assert added.returncode == 0
    assert run("--db", laptop, "log", "alcohol", "2").returncode == 0
    original = exports(laptop)
    assert "alcohol" in original[0] and original[1].count("\n") > 2

    there = run("db", "copy", laptop, server)
    assert there.returncode == 0, there.stderr
    assert "their CSV exports are identical" in there.stdout
    assert exports(server) == original
    again = run("db", "copy", server, back)
    assert again.returncode == 0, again.stderr
    assert exports(back) == original

    # The server goes on from the copied ids: the next twitch neither clashes nor reuses one.
    logged = run("--db", server, "log", "twitch")
    assert logged.returncode == 0, logged.stderr
    assert run("--db", server, "export", "csv", "--episodes").stdout.count("\n") == original[1].count("\n") + 1


def test_a_copy_into_a_diary_with_entries_is_refused_and_changes_nothing(pg_cluster: pg.Cluster, tmp_path) -> None:
    laptop, server = str(tmp_path / "laptop.db"), pg_cluster.new_database()
    assert run("--db", laptop, "log", "twitch", "--location", "eyelid").returncode == 0
    assert run("--db", server, "log", "twitch", "--location", "cheek").returncode == 0
    before = exports(server)
    refused = run("db", "copy", laptop, server)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "already holds entries" in refused.stderr
    assert exports(server) == before


def test_a_copy_whose_source_cannot_be_reached_leaves_no_new_file(tmp_path: Path) -> None:
    target = tmp_path / "new.db"
    away = run("db", "copy", AWAY, str(target))
    assert away.returncode == 1 and "cannot reach the database" in away.stderr and "s3cret" not in away.stderr
    assert not target.exists()


def test_a_server_diary_backs_up_to_a_sqlite_file(pg_cluster: pg.Cluster, tmp_path: Path) -> None:
    server, dest = pg_cluster.new_database(), tmp_path / "server-backup.db"
    assert run("--db", server, "log", "twitch", "--location", "eyelid", "--note", "on the server").returncode == 0
    backed = run("--db", server, "db", "backup", str(dest))
    assert backed.returncode == 0, backed.stderr
    assert exports(str(dest)) == exports(server)
    assert run("--db", str(dest), "db", "check").stdout.count("integrity: ok") == 1
    assert oct(dest.stat().st_mode & 0o777) == "0o600"
    again = run("--db", server, "db", "backup", str(dest))
    assert again.returncode == 2 and "already exists" in again.stderr
