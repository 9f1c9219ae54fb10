"""A form's own key saves again only while its box holds what the form opened with: once
something is typed, the key is text (the g of "200mg" in the magnesium box)."""

from __future__ import annotations

from tests.helpers.tui import entries
from tests.tui.conftest import screen_text, settle


async def test_mg_typed_on_an_empty_magnesium_box_is_read(app, engine) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g", *"300 mg")
        await settle(pilot)
        assert "Enter writes: 300 mg" in screen_text(app), screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
    assert entries(engine) == {"magnesium": [300.0]}


async def test_a_new_dose_with_its_unit_replaces_the_one_shown(app, engine) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g", *"300", "enter")
        await settle(pilot)
        await pilot.press("g")  # the latest dose, 300, in the box
        await settle(pilot)
        await pilot.press("ctrl+u", *"200mg")  # the g is text: nothing saved yet
        await settle(pilot)
        assert entries(engine) == {"magnesium": [300.0]}
        assert "Enter writes: 200 mg" in screen_text(app), screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("g", "g")  # nothing typed: g again saves the dose shown
        await settle(pilot)
    assert entries(engine) == {"magnesium": [300.0, 200.0, 200.0]}


async def test_the_forms_key_typed_after_digits_is_text_not_a_save(app, engine) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("g", *"300", "enter")
        await settle(pilot)
        await pilot.press("g", "ctrl+u", *"250g")  # the g is typed: it stays in the box, nothing saved
        await settle(pilot)
        assert app.screen.query_one("#value").value == "250g"
        assert entries(engine) == {"magnesium": [300.0]}
        await pilot.press("backspace", "enter")
        await settle(pilot)
    assert entries(engine) == {"magnesium": [300.0, 250.0]}
