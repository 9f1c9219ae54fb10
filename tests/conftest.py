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

from tracker.cli import main
from tracker.storage.engine import open_database

TODAY = dt.date(2026, 11, 24)
LONDON = "Europe/London"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test touches the real user data dir, and local time is London unless a test says otherwise."""
    monkeypatch.delenv("TRACKER_DB", raising=False)
    # The daily backup runs in a process of its own: off, unless a test of it turns it on.
    monkeypatch.setenv("TRACKER_BACKUPS", "off")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    use_timezone(monkeypatch, LONDON)
    yield
    time.tzset()


def use_timezone(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("TZ", name)
    time.tzset()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.db"


@pytest.fixture
def engine(db_path: Path):  # type: ignore[no-untyped-def]
    engine = open_database(db_path)
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
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run `tracker --db <tmp db> ARGS...` in-process and capture what it printed."""

    def run(*args: str, db: Path | None = db_path) -> Result:
        capsys.readouterr()
        argv = (["--db", str(db)] if db is not None else []) + list(args)
        code = main(argv)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


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
