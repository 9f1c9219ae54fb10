"""Back from "Discard what you typed?": the person is in the box they were typing in, the
cursor at its end, so the next letters are text and ctrl+u clears it."""

from __future__ import annotations

from textual.widgets import Input

from tests.helpers.tui import on
from tests.tui.conftest import SIZE, settle


async def test_back_from_discarding_puts_the_cursor_back_in_the_note(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "n", *"something", "escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert on(app, "DiscardTyped")
        await pilot.press("n")
        await settle(pilot)
        note = app.screen.query_one("#note", Input)
        assert app.screen.focused is note and note.cursor_position == len("something")
        await pilot.press("ctrl+u", *"morning")
        await settle(pilot)
        assert note.value == "morning"
        assert app.screen.location == "unspecified"  # m and o were text, not places
