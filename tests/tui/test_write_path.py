"""The app survives its database: a write that fails (the file locked by another program, a
full disk) keeps the entry, says so in one line, and the app stays up. Real files, a real
second connection, a real full file system."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

from tests.conftest import fill_disk
from tests.helpers.tui import on
from tests.tui.conftest import SIZE, settle
from tracker.storage.engine import open_database
from tracker.tui.app import make_app


def problem(app) -> str:  # type: ignore[no-untyped-def]
    """The reopened form's first line: why the save failed."""
    return str(app.screen.query_one("#problem").render())


def errors_shown(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications if n.severity == "error"]


def saved_twitches(path: Path) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT intensity, note FROM episode").fetchall()


async def test_a_locked_database_keeps_the_twitch_and_the_app(migrated_db, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("tracker.storage.engine.BUSY_TIMEOUT_S", 1)  # give up after 1 s, not 10, in this test
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    app = make_app(engine=open_database(path), db_path=path)
    other = sqlite3.connect(path, isolation_level=None)  # another program holding the write lock
    other.execute("BEGIN IMMEDIATE")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "4", "n", *"while locked", "enter")
        await settle(pilot)
        assert not app._exit, "the app stayed up"
        assert on(app, "EpisodeForm"), "the form is open again, with what was typed"
        assert app.screen.query_one("#note").value == "while locked"
        assert "busy" in problem(app)
        [line] = errors_shown(app)
        assert "busy" in line and "\n" not in line
        other.execute("ROLLBACK")  # the other program is done
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "TodayScreen")
    other.close()
    assert saved_twitches(path) == [(4, "while locked")]


async def test_a_full_disk_keeps_the_twitch_and_the_app(migrated_db, small_disk) -> None:
    path = small_disk / "tracker.db"
    shutil.copy(migrated_db, path)
    app = make_app(engine=open_database(path), db_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        filler = fill_disk(small_disk)
        await pilot.press("t", "5", "n", *"disk full", "enter")
        await settle(pilot)
        assert not app._exit
        assert on(app, "EpisodeForm") and app.screen.query_one("#note").value == "disk full"
        assert "full" in problem(app)
        filler.unlink()  # room again
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "TodayScreen")
    assert saved_twitches(path) == [(5, "disk full")]
