"""Esc on a dialog that holds typed text asks before throwing it away; with nothing typed it closes."""

from __future__ import annotations

import pytest

from tests.helpers.tui import episodes, on
from tests.tui.conftest import screen_text, settle

# Each opens a dialog and types into it: a twitch's note (Esc leaves the box, a second Esc
# would cancel), an amount, the day note.
TYPED = {
    "twitch note": ("t", "n", *"after coffee", "escape"),
    "caffeine amount": ("c", "8", "5"),
    "day note": ("N", *"slept badly"),
}


@pytest.mark.parametrize("keys", list(TYPED.values()), ids=list(TYPED))
async def test_escape_with_typed_text_asks_and_n_goes_back_to_it(app, keys) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        dialog = type(app.screen).__name__
        typed = {box.id: box.value for box in app.screen.query("Input")}
        await pilot.press("escape")
        await settle(pilot)
        assert "Discard what you typed?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert on(app, dialog)
        assert {box.id: box.value for box in app.screen.query("Input")} == typed


async def test_escape_then_enter_discards(app, engine) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", "n", *"after coffee", "escape", "escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "TodayScreen")
    assert episodes(engine) == []  # discarded, not saved


async def test_escape_with_nothing_typed_closes_at_once(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "escape")
        await settle(pilot)
        assert on(app, "TodayScreen")


@pytest.mark.parametrize(
    ("keys", "leave"),
    [
        (("t", "space"), "escape"),  # the timer running
        (("t", "space"), "ctrl+q"),
        (("t", "o", "4"), "escape"),  # a place and a strength chosen, nothing typed
    ],
    ids=["timer, Esc", "timer, ctrl+q", "choices, Esc"],
)
async def test_a_running_timer_or_chosen_fields_are_asked_about_too(app, keys, leave) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*keys, leave)
        await settle(pilot)
        assert app.return_code is None and on(app, "DiscardTyped" if leave == "escape" else "DiscardAndQuit")
        await pilot.press("n")
        await settle(pilot)
        assert on(app, "EpisodeForm")
