"""Go to a day (`j`) takes a weekday word, as the command line's --date does."""

from __future__ import annotations

import datetime as dt

from tests.tui.conftest import SIZE, TODAY, screen_text, settle


async def test_go_to_a_day_takes_a_weekday(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", *"last tuesday", "enter")  # TODAY is a Tuesday: the one a week before
        await settle(pilot)
        assert app.screen.day == TODAY - dt.timedelta(days=7), screen_text(app)
