"""An amount typed in a picker or a number dialog is saved as typed, unit and count included,
and the line under the box says what Enter will write before it is pressed."""

from __future__ import annotations

from tests.helpers.tui import ENTER, burst, entries, field_error, on
from tests.tui.conftest import SIZE, settle


def preview(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#preview").render())


async def test_a_unit_typed_after_the_amount_is_read_not_dropped(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for typed in ("1.5l", "250 ml", "0.5 L"):
            await pilot.press("w", *typed, "enter")
            await settle(pilot)
            assert on(app, "TodayScreen"), typed
    assert entries(engine) == {"water": [1500.0, 250.0, 500.0]}


async def test_a_count_before_or_after_a_drink_letter_is_kept(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", "2", "e")
        await settle(pilot)
        assert on(app, "PresetPicker")  # nothing written before Enter
        assert preview(app) == "Enter writes: 2 × espresso = 126 mg caffeine"
        await pilot.press("enter")
        await settle(pilot)
        burst(app, "c", "e", " ", "2", ENTER)
        await settle(pilot)
        burst(app, "c", "1", "5", "0", "m", "g", ENTER, "c", "2", "e", ENTER)  # the keys behind Enter: a new picker
        await settle(pilot)
    assert entries(engine) == {"caffeine": [126.0, 126.0, 150.0, 126.0]}


async def test_a_unit_that_is_not_the_factors_is_refused_with_the_text_kept(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "w", *"200mg", ENTER)  # in one read: the refusal stays after the box's last change
        await settle(pilot)
        assert on(app, "PresetPicker")
        assert app.screen.query_one("#amount").value == "200mg"
        assert "a number in ml" in field_error(app, "amount")
        await pilot.press("escape")
        await settle(pilot)
    assert entries(engine) == {}


async def test_a_dose_typed_with_its_unit_in_the_magnesium_form(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g", *"200mg")  # the g of mg is part of the unit, not "g again"
        await settle(pilot)
        assert on(app, "NumberForm")
        assert preview(app) == "Enter writes: 200 mg magnesium"
        await pilot.press("enter")
        await settle(pilot)
    assert entries(engine) == {"magnesium": [200.0]}


async def test_a_preset_amount_keeps_its_unit(app, engine) -> None:
    from sqlmodel import select

    from tracker.storage.engine import session_scope
    from tracker.storage.models import Preset

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("p", *"jug")
        await settle(pilot)
        app.screen.query_one("#factor").value = "water"
        app.screen.query_one("#amount").focus()
        await settle(pilot)
        await pilot.press(*"1.5l", "enter")
        await settle(pilot)
    with session_scope(engine, write=False) as session:
        jug = session.exec(select(Preset).where(Preset.name == "jug")).one()
    assert jug.amount == 1500  # a number-only box kept 1.5
