"""Shared fixtures: a real SQLite file in tmp_path, a frozen clock, the CLI run in-process."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.helpers import postgres as pg
from tracker.cli import main
from tracker.storage.engine import open_database

TODAY = dt.date(2026, 11, 24)
LONDON = "Europe/London"


@pytest.fixture(autouse=True)
def _isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """No test touches the real user data or cache dir, and local time is London unless a test says otherwise."""
    monkeypatch.delenv("TRACKER_DB", raising=False)
    # The daily backup runs in a process of its own: off, unless a test of it turns it on.
    monkeypatch.setenv("TRACKER_BACKUPS", "off")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    # A folder outside tmp_path: tests list what a command left there.
    monkeypatch.setenv("TRACKER_CACHE", str(tmp_path_factory.getbasetemp() / "tracker-cache"))
    use_timezone(monkeypatch, LONDON)
    yield
    time.tzset()


def use_timezone(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("TZ", name)
    time.tzset()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.db"


# The stores a diary can live in. A module runs its tests on both by overriding `backend`:
#     @pytest.fixture(params=BACKENDS)
#     def backend(request): return request.param
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pg.Cluster]:
    """One throwaway PostgreSQL cluster for the whole run (per xdist worker), with a database at
    the current schema to copy each test's diary from."""
    reason = pg.missing()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the PostgreSQL tests: {reason}")
        pytest.skip(reason)
    cluster = pg.start()
    try:
        from tracker.storage.postgres import open_server

        cluster.admin('CREATE DATABASE "diary_head"')
        open_server(cluster.url("diary_head")).dispose()
        yield cluster
    finally:
        pg.stop(cluster)


@pytest.fixture
def backend() -> str:
    """Where this test's diary lives: SQLite unless the module asks for both (BACKENDS)."""
    return "sqlite"


@pytest.fixture
def db_target(backend: str, db_path: Path, request: pytest.FixtureRequest) -> str:
    """The --db value of this test's diary: the SQLite file's path (not created yet), or the URL
    of a database of its own on the test server, at the current schema (as a server diary is
    once anyone has used it; tests/test_server_diary.py upgrades empty and older ones)."""
    if backend == "sqlite":
        return str(db_path)
    cluster: pg.Cluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database(template="diary_head")


@pytest.fixture
def engine(backend: str, db_path: Path, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """A diary at the current schema (a SQLite file, or a server database copied from one)."""
    if backend == "sqlite":
        engine = open_database(db_path)
    else:
        from tracker.storage.postgres import open_server

        cluster: pg.Cluster = request.getfixturevalue("pg_cluster")
        engine = open_server(cluster.new_database(template="diary_head"))
    yield engine
    engine.dispose()


@pytest.fixture
def frozen() -> Iterator[time_machine.Coordinates]:
    """The clock stopped at 2026-11-24 09:30 London time."""
    moment = dt.datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo(LONDON))
    with time_machine.travel(moment, tick=False) as traveller:
        yield traveller


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(db_target: str, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run `tracker --db <this test's diary> ARGS...` in-process and capture what it printed."""

    def run(*args: str, db: Path | str | None = db_target) -> Result:
        capsys.readouterr()
        argv = (["--db", str(db)] if db is not None else []) + list(args)
        code = main(argv)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def entries_in(target: str) -> int:
    """How many twitches, factor entries and red flags the diary at `target` (a path or a server
    URL) holds; 0 for a file that does not exist."""
    from sqlalchemy import create_engine, text

    from tracker.paths import server_url_given

    if server_url_given(target) is None and not Path(target).exists():
        return 0
    engine = create_engine(target if server_url_given(target) else f"sqlite:///{target}")
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(
                    text(
                        "SELECT (SELECT count(*) FROM episode) + (SELECT count(*) FROM factor_entry)"
                        " + (SELECT count(*) FROM red_flag)"
                    )
                ).scalar_one()
            )
    finally:
        engine.dispose()


def file_mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs; skipped where mounting is not allowed (not root, no CAP_SYS_ADMIN)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill_disk(folder: Path) -> Path:
    """Fill the file system of `folder` to the last byte; returns the filler file."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as out:
        for size in (4096, 512, 1):
            with contextlib.suppress(OSError):
                while True:
                    out.write(b"\0" * size)
    return filler
