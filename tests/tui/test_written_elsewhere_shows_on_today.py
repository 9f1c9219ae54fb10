"""What is added on another screen is offered on Today at once, without a restart: a preset
added on Factors is a drink in the caffeine dialog."""

from __future__ import annotations

from tests.helpers.tui import on
from tests.tui.conftest import SIZE, screen_text, settle


async def test_a_preset_added_on_factors_is_in_the_caffeine_dialog(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")  # the dialog seen once, before the preset exists
        await settle(pilot)
        assert "flat-white" not in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("F", "p", *"flat-white", "tab", "tab", *"130", "enter")
        await settle(pilot)
        assert "flat-white" in screen_text(app), screen_text(app)  # listed on Factors
        await pilot.press("escape")  # back to Today
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert on(app, "PresetPicker")
        assert "flat-white" in screen_text(app)
