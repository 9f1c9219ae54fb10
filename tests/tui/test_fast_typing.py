"""Keys typed faster than screens mount: a terminal delivers a burst like "t⏎" in one read,
so the second key arrives before the form it is meant for is on screen. Nothing may be lost
or reordered: what is saved is what was typed."""

from __future__ import annotations

from tests.helpers.tui import ENTER, burst, rows
from tests.tui.conftest import settle


async def test_t_then_enter_typed_at_once_saves_the_twitch(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, "t", ENTER)
        await settle(pilot)
        assert rows(app, "SELECT location, side, intensity FROM episode") == [("unspecified", "unspecified", None)]


async def test_choices_typed_before_enter_are_the_ones_saved(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, "t", "e", "4", "right", ENTER)
        await settle(pilot)
        assert rows(app, "SELECT location, side, intensity FROM episode") == [("eyelid", "right", 4)]


async def test_pickers_and_checklist_keep_key_order(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, "c", "down", "down", "down", ENTER)  # nothing is highlighted at first; third: black tea
        await settle(pilot)
        burst(app, "x", "7")
        await settle(pilot)
        burst(app, "r", "3", "1", ENTER, ENTER)  # 1 then 3 would be 13; the first Enter ticks the waiting 1
        await settle(pilot)
        values = rows(app, "SELECT f.name, e.value FROM factor_entry e JOIN factor f ON f.id = e.factor_id")
        assert sorted(values) == [("caffeine", 47.0), ("stress", 7.0)]
        assert sorted(rows(app, "SELECT kind FROM red_flag")) == [("drooping",), ("spreading",)]
