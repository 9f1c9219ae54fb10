"""Under an amount box, one state at a time: a value that will be refused shows only the reason
(as typed, and after Enter), never "Enter writes" beside it; a value that will be written shows
what Enter writes, and no reason."""

from __future__ import annotations

import pytest

from tests.helpers.tui import entries, field_error
from tests.tui.conftest import screen_text, settle

# (the key that opens the dialog, its box, a value outside the factor's range, one inside)
DIALOGS = {
    "caffeine": ("c", "amount", "5000", "150"),
    "water": ("w", "amount", "20000", "250"),
    "magnesium": ("g", "value", "5000", "200"),
}


@pytest.mark.parametrize("name", DIALOGS)
async def test_a_refused_amount_shows_only_the_reason(app, engine, name) -> None:
    key, box, refused, written = DIALOGS[name]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key, *refused)
        await settle(pilot)
        assert "Enter writes" not in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "not allowed" in field_error(app, box) or "allowed" in field_error(app, box), field_error(app, box)
        assert "Enter writes" not in screen_text(app), screen_text(app)
        await pilot.press(*["backspace"] * len(refused), *written)
        await settle(pilot)
        assert "Enter writes" in screen_text(app) and not field_error(app, box)
        await pilot.press("enter")
        await settle(pilot)
    assert entries(engine) == {name: [float(written)]}


@pytest.mark.parametrize("key", ["c", "w"])
async def test_a_picker_with_nothing_typed_or_highlighted_says_nothing_will_be_written(app, engine, key) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert "Enter writes" not in screen_text(app), screen_text(app)
        await pilot.press("enter")  # refused: nothing typed, nothing highlighted
        await settle(pilot)
        assert field_error(app, "amount") and "Enter writes" not in screen_text(app), screen_text(app)
        await pilot.press("down")  # the first drink, highlighted: now Enter writes it
        await settle(pilot)
        assert "Enter writes" in screen_text(app)
    assert entries(engine) == {}
