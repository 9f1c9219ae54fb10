"""The New factor dialog at 80×24: a refused value's reason sits under its box, so moving the
cursor away and back (Shift+Tab round the fields) finds the cursor and the reason together."""

from __future__ import annotations

from tests.helpers.tui import on
from tests.tui.conftest import screen_text, settle

FIELDS = 6  # name, kind, unit, min, max, not-logged


async def test_the_reason_stays_beside_the_refused_box_at_80x24(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("a", "x", "tab", "tab", "tab", "5", "tab", "2", "enter")  # highest 2 below lowest 5
        await settle(pilot)
        assert on(app, "FactorForm")
        for _ in range(FIELDS):  # once round every field, back to the box refused
            await pilot.press("shift+tab")
            await settle(pilot)
            focused = app.focused
            assert focused is not None and focused.region.y >= 0 and focused.region.bottom <= 24
        assert focused.id == "max"
        assert "more than the lowest" in screen_text(app)
