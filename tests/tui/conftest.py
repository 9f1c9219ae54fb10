"""TUI fixtures: a real SQLite file per test, a frozen clock in UTC, the app from the factory."""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import Engine
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tracker.storage.engine import open_database, session_scope
from tracker.tui.app import TrackerApp, make_app

TODAY = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 10, 9, 30, tzinfo=dt.UTC)
SIZE = (100, 30)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no async plugin is a dependency)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(autouse=True)
def utc_clock() -> Iterator[None]:
    """Local time is UTC and frozen at NOW, so times on screen and in the store are fixed."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    with time_machine.travel(NOW, tick=False):
        yield
    if previous is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = previous
    time.tzset()


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database at the current schema; each test gets a copy (migrating is the slow part)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    open_database(path).dispose()
    return path


@pytest.fixture
def engine(migrated_db: Path, tmp_path: Path) -> Iterator[Engine]:
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    engine = open_database(path)
    yield engine
    engine.dispose()


@pytest.fixture
def seed(engine: Engine) -> Callable:
    """seed(lambda session: store.add_episode(session=session, ...)): write through the store."""

    def run(write: Callable) -> object:
        with session_scope(engine) as session:
            return write(session)

    return run


@pytest.fixture
def app(engine: Engine, tmp_path: Path) -> TrackerApp:
    return make_app(engine=engine, db_path=tmp_path / "tracker.db")


async def settle(pilot: Pilot) -> None:
    """Wait until every worker is done and the messages they posted are handled."""
    for _ in range(4):
        for worker in list(pilot.app.workers):
            try:
                await worker.wait()
            except WorkerCancelled:
                continue  # an exclusive worker replaced by a newer one, which does its job; a failure still fails
        await pilot.pause()
    await pilot.pause(0.05)  # DataTable measures its columns when idle


async def pause_until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Let the app run until `condition` holds (a worker still blocked, say), or fail."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the app never got there"
        await pilot.pause(0.01)


def at(hour: int, minute: int = 0, day: dt.date = TODAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)


def screen_text(app: TrackerApp) -> str:
    """What the terminal shows now, line by line (the screen on top, dialogs included)."""
    return "\n".join(strip.text.rstrip() for strip in app.screen._compositor.render_strips())
