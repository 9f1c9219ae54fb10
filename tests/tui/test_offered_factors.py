"""On the Factors screen `o` offers alcohol, then nicotine, in the factor form filled in: saved as
offered, changed (nicotine in mg), or left with Esc and nothing added."""

from __future__ import annotations

from textual.widgets import Input

from tests.helpers.tui import on, rows
from tests.tui.conftest import SIZE, settle


async def test_o_offers_alcohol_then_nicotine_and_esc_adds_nothing(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("o")
        assert on(app, "FactorForm")
        assert [box.value for box in app.screen.query(Input)] == ["alcohol", "units", "0", "100"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("o")
        assert on(app, "FactorForm")
        assert app.screen.query_one("#name", Input).value == "nicotine"
        await pilot.press("escape")
        await settle(pilot)
        assert on(app, "FactorsScreen")
    assert rows(app, 'SELECT name, "column", daily_rule, absent_means_none FROM factor WHERE NOT builtin') == [
        ("alcohol", "alcohol_units", "sum", 1)
    ]
