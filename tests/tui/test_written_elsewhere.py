"""Entries written by another program while the app is open (`tracker log twitch` in another
terminal, a cron job) appear on the screens showing the day, without changing day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from textual.widgets.data_table import RowDoesNotExist

from tests.helpers.tui import twitch
from tests.tui.conftest import SIZE, TODAY, pause_until, settle
from tracker.storage import store
from tracker.storage.engine import open_database, session_scope
from tracker.storage.models import FactorEntryCreate
from tracker.tui.diary_watch import WATCH_SECONDS
from tracker.tui.widgets.day_table import DayTable

PATIENCE = WATCH_SECONDS * 10  # a loaded machine may run the timer late; the condition ends it


@pytest.fixture
def elsewhere(engine: Engine, tmp_path: Path) -> Iterator[Engine]:
    """A second, separate opening of the app's database file, as another process would have."""
    other = open_database(tmp_path / "tracker.db")
    yield other
    other.dispose()


async def test_today_shows_a_twitch_logged_elsewhere_and_keeps_the_cursor_on_its_entry(app, seed, elsewhere):
    seed(lambda s: twitch(s, 9))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DayTable)
        before = table.selected_id()
        assert table.row_count == 1 and before is not None
        with session_scope(elsewhere) as session:  # earlier in the day: its row comes in above
            twitch(session, 7)
            store.add_factor_entry(session=session, entry_in=FactorEntryCreate(factor="caffeine", value=95))
        await pause_until(pilot, lambda: table.row_count == 3, seconds=PATIENCE)
        assert table.selected_id() == before
        assert "2 twitches" in str(app.screen.query_one("#totals").render())


async def test_history_shown_reads_the_days_again_after_a_write_elsewhere(app, seed, elsewhere):
    seed(lambda s: twitch(s, 9, day=TODAY - dt.timedelta(days=3)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        table = app.screen.query_one("#history")
        table.move_cursor(row=2)  # two days ago, being looked at

        def twitches_today() -> str:
            try:
                return str(table.get_row(TODAY.isoformat())[2])
            except RowDoesNotExist:  # between clearing the table and adding the rows again
                return ""

        assert twitches_today() == "—"
        with session_scope(elsewhere) as session:
            twitch(session, 7)
        await pause_until(pilot, lambda: twitches_today() == "1", seconds=PATIENCE)
        assert table.cursor_row == 2  # still on the day being looked at
