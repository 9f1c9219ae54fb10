"""History: `n` answers "no twitches" for the highlighted day (asked first, as on Today), `i`
opens Insights, and a hint says when columns run past the right edge."""

from __future__ import annotations

import datetime as dt

from tests.helpers.tui import caffeine, on, rows, twitch
from tests.tui.conftest import TODAY, screen_text, settle

TWO_DAYS_AGO = TODAY - dt.timedelta(days=2)


async def test_n_in_history_answers_no_twitches_for_the_highlighted_day(app, seed) -> None:
    seed(lambda s: caffeine(s, 95, TWO_DAYS_AGO))  # a day whose twitches were not answered
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("down", "down", "n")  # newest first: today, yesterday, two days ago
        await settle(pilot)
        assert "No twitches" in screen_text(app) and TWO_DAYS_AGO.strftime("%A %d %B") in screen_text(app)
        assert rows(app, "SELECT date FROM day WHERE checked_in") == []  # asked first: nothing yet
        await pilot.press("enter")
        await settle(pilot)
        assert rows(app, "SELECT date FROM day WHERE checked_in") == [(TWO_DAYS_AGO.isoformat(),)]
        assert on(app, "HistoryScreen")
        row = next(line for line in screen_text(app).splitlines() if TWO_DAYS_AGO.isoformat() in line)
        assert " 0 " in row.replace("yes", " ")  # read again: that day now shows 0 twitches, not "?"


async def test_n_in_history_refuses_a_day_with_twitches(app, seed) -> None:
    seed(lambda s: twitch(s, 7))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("h", "n")
        await settle(pilot)
        assert on(app, "HistoryScreen") and any("1 twitch" in n.message for n in app._notifications)
        assert rows(app, "SELECT date FROM day WHERE checked_in") == []


async def test_i_in_history_opens_insights(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("h", "i")
        await settle(pilot)
        assert on(app, "InsightsScreen")


async def test_history_says_when_columns_are_cut_off(app, seed) -> None:
    seed(lambda s: caffeine(s, 95, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert "scroll sideways" in screen_text(app)
        await pilot.resize_terminal(160, 30)
        await settle(pilot)
        assert "scroll sideways" not in screen_text(app)
