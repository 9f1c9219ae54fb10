"""Enter on a list opens the row the person moved to, never one the cursor was merely left on:
after a dialog closed with Esc, or on a day just gone to, Enter waits for a row to be chosen
(arrow keys), and says so, rather than open an edit nobody asked for."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.tui import on, twitch
from tests.tui.conftest import TODAY, screen_text, settle
from tests.tui.test_nothing_cut_at_80x24 import cut_words


def notices(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(n.message) for n in app._notifications)


async def test_escape_from_go_to_date_then_enter_opens_no_edit_on_today(app, seed) -> None:
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")  # by hand, a moment later
        await settle(pilot)
        assert on(app, "TodayScreen")
        assert "to a row first" in notices(app)
        await pilot.press("up", "enter")  # a row moved to: Enter edits it
        await settle(pilot)
        assert on(app, "EpisodeForm")


async def test_a_day_gone_to_with_brackets_has_no_row_chosen(app, seed) -> None:
    seed(lambda s: twitch(s, 8, day=TODAY - dt.timedelta(days=1)))
    seed(lambda s: twitch(s, 9))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # a row of today chosen
        await pilot.press("left_square_bracket")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "TodayScreen") and app.today_screen.day == TODAY - dt.timedelta(days=1)


async def test_escape_then_enter_opens_no_day_on_history(app, seed) -> None:
    seed(lambda s: twitch(s, 8, day=TODAY - dt.timedelta(days=3)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "HistoryScreen")


async def test_escape_then_enter_opens_no_factor_on_factors(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert on(app, "FactorsScreen")
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "FactorsScreen")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_enter_as_history_opens_says_to_move_to_a_day_first(app, seed, size) -> None:
    seed(lambda s: twitch(s, 8, day=TODAY - dt.timedelta(days=3)))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("enter")  # on the row the cursor merely starts on
        await settle(pilot)
        assert on(app, "HistoryScreen")
        shown = screen_text(app)
        assert "↑↓ to a day first: Enter then opens it" in shown, shown  # on screen, whole, as it is refused
        assert cut_words(app) == [], shown
        await pilot.press("down", "enter")
        await settle(pilot)
        assert on(app, "TodayScreen") and app.today_screen.day == TODAY - dt.timedelta(days=1)
