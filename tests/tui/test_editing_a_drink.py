"""Editing a caffeine or water entry offers the drinks by their letters, as logging does, and a
note that named the old drink does not stay over a new amount."""

from __future__ import annotations

from sqlmodel import select

from tests.helpers.tui import on
from tests.tui.conftest import SIZE, TODAY, screen_text, settle
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import FactorEntry, FactorEntryCreate


def logged(value: float, note: str):  # type: ignore[no-untyped-def]
    entry = FactorEntryCreate(factor="caffeine", value=value, date=TODAY, note=note)
    return lambda s: store.add_factor_entry(session=s, entry_in=entry)


def stored(engine) -> list[tuple[float, str]]:  # type: ignore[no-untyped-def]
    with session_scope(engine, write=False) as session:
        return [(e.value, e.note) for e in session.exec(select(FactorEntry))]


async def test_a_drink_picked_by_its_letter_replaces_the_entry_and_its_note(app, engine, seed) -> None:
    seed(logged(190, "2 × coffee"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert on(app, "PresetPicker") and "Edit caffeine" in screen_text(app)
        assert "e  espresso" in screen_text(app)  # the letters of the log dialog
        await pilot.press("e", "enter")
        await settle(pilot)
    assert stored(engine) == [(63.0, "espresso")]


async def test_a_new_amount_drops_a_note_that_named_the_old_drink(app, engine, seed) -> None:
    seed(logged(190, "2 × coffee"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", *"50", "enter")
        await settle(pilot)
    assert stored(engine) == [(50.0, "")]


async def test_a_new_amount_keeps_a_note_of_the_persons_own(app, engine, seed) -> None:
    seed(logged(95, "at the station"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", *"120", "enter")
        await settle(pilot)
    assert stored(engine) == [(120.0, "at the station")]
