"""A dialog taller than the terminal opens with its title in view: at 80x24 the new-factor form
opened scrolled to its first box, and the line saying what the dialog is for was above the screen."""

from __future__ import annotations

from tests.tui.conftest import screen_text, settle
from tracker.tui.app import TrackerApp


async def test_the_new_factor_form_shows_its_title_at_80x24(app: TrackerApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        shown = screen_text(app)
        assert "New factor" in shown
        assert "name, e.g. alcohol" in shown  # the box with the cursor is in view as well
        await pilot.press("tab", "tab", "tab", "tab", "tab")  # to the last choice, below the fold
        await settle(pilot)
        assert "not logged on a day" in screen_text(app)
