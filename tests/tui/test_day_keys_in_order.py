"""Keys typed in one burst act on the day shown when each key is pressed: an entry typed just
after `[`, `y` or `.` goes to the day those keys moved to, never to the day before them."""

from __future__ import annotations

import datetime as dt

from tests.helpers.tui import ENTER, burst, rows
from tests.tui.conftest import TODAY, settle
from tracker.tui.widgets.day_table import DayTable

WATER_DAYS = (
    "SELECT e.local_date FROM factor_entry e JOIN factor f ON f.id = e.factor_id WHERE f.name = 'water' ORDER BY e.id"
)
YESTERDAY = TODAY - dt.timedelta(days=1)


async def test_a_glass_typed_after_a_day_back_goes_to_that_day(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "w", "g", ENTER, "left_square_bracket", "w", "g", ENTER)
        await settle(pilot)
        assert rows(app, WATER_DAYS) == [(str(TODAY),), (str(YESTERDAY),)]
        assert app.today_screen.day == YESTERDAY  # the screen stays where the keys took it
        assert "Mon 09 Mar 2026" in str(app.today_screen.query_one("#day-heading").render())
        assert app.today_screen.query_one(DayTable).row_count == 1  # yesterday's glass, not today's


async def test_a_glass_typed_after_back_to_today_goes_to_today(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        burst(app, "w", "g", ENTER, "full_stop", "w", "g", ENTER)
        await settle(pilot)
        assert rows(app, WATER_DAYS) == [(str(YESTERDAY),), (str(TODAY),)]
        assert app.today_screen.day == TODAY


async def test_a_twitch_typed_after_yesterday_goes_to_yesterday(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "t", ENTER, "y", "t", ENTER)
        await settle(pilot)
        days = [day for (day,) in rows(app, "SELECT local_date FROM episode ORDER BY id")]
        assert days == [str(TODAY), str(YESTERDAY)]
        assert app.today_screen.day == YESTERDAY


async def test_the_rows_of_the_day_left_are_gone_at_once(app) -> None:
    # A Delete pressed before the day's rows are read must not reach the day left behind.
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, "w", "g", ENTER)
        await settle(pilot)
        assert app.today_screen.query_one(DayTable).row_count == 1
        app.today_screen.action_shift_day(-1)
        assert app.today_screen.query_one(DayTable).row_count == 0
        assert app.today_screen.view is None
