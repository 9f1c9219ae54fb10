"""The new-factor form keeps every key of a burst typed across its kind box: the unit and the
range typed after Tab Tab are the ones saved (in Pilot and in a real terminal)."""

from __future__ import annotations

from tests.helpers.tui import ENTER, burst, rows
from tests.tui.conftest import settle

TAB = ("tab", None)


async def test_a_burst_across_the_kind_box_keeps_the_unit_and_the_range(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("F", "a")
        await settle(pilot)
        burst(app, *"beer", TAB, TAB, *"units", TAB, "1", TAB, *"12", ENTER)
        await settle(pilot)
        assert rows(app, "SELECT name, unit, min_value, max_value FROM factor WHERE name = 'beer'") == [
            ("beer", "units", 1.0, 12.0)
        ]


async def test_a_burst_across_the_preset_forms_factor_box_keeps_the_amount(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("F", "p")
        await settle(pilot)
        burst(app, *"flat-white", TAB, TAB, *"130", ENTER)
        await settle(pilot)
        assert rows(app, "SELECT name, amount FROM preset WHERE name = 'flat-white'") == [("flat-white", 130.0)]
