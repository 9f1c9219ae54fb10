"""The tracker follows the clock: left open past midnight, today is the new day and "now" is
now. The clock is moved with time_machine while the app runs."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3

import time_machine

from tests.tui.conftest import SIZE, pause_until, settle
from tracker.storage.engine import open_database
from tracker.tui.app import make_app

BEFORE_MIDNIGHT = dt.datetime(2026, 3, 10, 23, 59, 45, tzinfo=dt.UTC)
AFTER_MIDNIGHT = dt.datetime(2026, 3, 11, 0, 0, 5, tzinfo=dt.UTC)


def app_on_copy(migrated_db, tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    return make_app(engine=open_database(path), db_path=path), path


def twitch_times(path) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT local_date, started_at FROM episode ORDER BY id").fetchall()


async def test_a_twitch_after_midnight_is_on_the_new_day_at_the_time_now(migrated_db, tmp_path) -> None:
    app, path = app_on_copy(migrated_db, tmp_path)
    with time_machine.travel(BEFORE_MIDNIGHT, tick=False) as clock:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("t", "enter")
            await settle(pilot)
            clock.move_to(AFTER_MIDNIGHT)  # 20 s later, the app still open
            await pilot.press("t", "enter")
            await settle(pilot)
            heading = str(app.screen.query_one("#day-heading").render())
            await pilot.press("h")
            await settle(pilot)
            newest = app.screen.query_one("DataTable").get_row_at(0)[0]
    assert twitch_times(path) == [
        ("2026-03-10", "2026-03-10 23:59:45.000000"),
        ("2026-03-11", "2026-03-11 00:00:05.000000"),
    ]
    assert heading.startswith("Today, Wednesday 11 March 2026")
    assert newest == "Wed 2026-03-11"  # History has the new day too


async def test_the_screen_moves_to_the_new_day_at_midnight_by_itself(migrated_db, tmp_path) -> None:
    app, _ = app_on_copy(migrated_db, tmp_path)
    with time_machine.travel(dt.datetime(2026, 3, 10, 23, 59, 50, tzinfo=dt.UTC), tick=True):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            heading = app.screen.query_one("#day-heading")
            assert "Tuesday 10 March" in str(heading.render())
            # no key pressed: the timer set for midnight (10 s away) moves the screen on
            await pause_until(pilot, lambda: "Wednesday 11 March" in str(heading.render()), seconds=40)


async def test_a_day_looked_at_stays_put_past_midnight(migrated_db, tmp_path) -> None:
    app, path = app_on_copy(migrated_db, tmp_path)
    with time_machine.travel(BEFORE_MIDNIGHT, tick=False) as clock:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("y")  # looking at Monday 9 March on purpose
            await settle(pilot)
            clock.move_to(AFTER_MIDNIGHT)
            await pilot.press("t", "enter")
            await settle(pilot)
            heading = str(app.screen.query_one("#day-heading").render())
    assert [day for day, _ in twitch_times(path)] == ["2026-03-09"]
    assert "2 days ago" in heading  # counted from the new today
