"""Sleep and stress are one figure a day: on a day that already has one, Enter puts the value
typed in its place (undo brings the earlier one back) and `+` adds it as a second entry (a nap),
the form saying which before either key. Summed factors keep adding. Real database, clock frozen."""

from __future__ import annotations

from tests.helpers.tui import entries, on, open_factor
from tests.tui.conftest import TODAY, at, screen_text, settle
from tracker.storage import store
from tracker.storage.models import FactorCreate, FactorEntryCreate, FactorKind


def sleep(hours: float):  # type: ignore[no-untyped-def]
    entry_in = FactorEntryCreate(factor="sleep", value=hours, date=TODAY)
    return lambda s: store.add_factor_entry(session=s, entry_in=entry_in)


def stress(level: float):  # type: ignore[no-untyped-def]
    entry_in = FactorEntryCreate(factor="stress", value=level, at=at(8))
    return lambda s: store.add_factor_entry(session=s, entry_in=entry_in)


def words(app) -> str:  # type: ignore[no-untyped-def]
    """The screen's words, a line wrapped inside a dialog's frame read as one."""
    return " ".join(screen_text(app).replace("█", " ").split())


async def test_enter_puts_new_hours_in_place_of_the_nights_and_u_brings_it_back(app, seed, engine) -> None:
    seed(sleep(6))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s", *"7:30")
        await settle(pilot)
        shown = words(app)
        assert "Enter writes: sleep 7 h 30 min in place of sleep 6 h logged today (u undoes it)" in shown
        assert "+ adds it as a second entry: today then holds 13 h 30 min (the sum of 2)" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "TodayScreen")
        assert entries(engine)["sleep"] == [7.5]  # one night, corrected: never a 13 h 30 min "night"
        await pilot.press("u")
        await settle(pilot)
        assert "replaced sleep 6 h" in str(app.screen.query_one(".form-title").render())
        await pilot.press("u")
        await settle(pilot)
    assert entries(engine)["sleep"] == [6]


async def test_plus_adds_a_nap_to_the_night(app, seed, engine) -> None:
    seed(sleep(6))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s", *"0:40", "+")
        await settle(pilot)
        assert on(app, "TodayScreen")
    assert sorted(entries(engine)["sleep"]) == [0.67, 6]


async def test_a_first_night_is_saved_by_enter_as_before(app, engine) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s", *"7")
        await settle(pilot)
        assert "in place of" not in words(app)
        await pilot.press("enter")
        await settle(pilot)
    assert entries(engine)["sleep"] == [7]


async def test_a_stress_level_on_a_day_with_one_is_chosen_then_put_in_its_place_or_added(app, seed, engine) -> None:
    seed(stress(6))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x", "4")
        await settle(pilot)
        assert on(app, "StressPicker")  # chosen, not yet written
        assert "Enter writes: stress 4 in place of stress 6 logged today (u undoes it)" in words(app)
        assert "+ adds it as a second entry: today then holds 5 (the mean of 2)" in words(app)
        await pilot.press("enter")
        await settle(pilot)
        assert entries(engine)["stress"] == [4]
        await pilot.press("x", "1", "0", "plus")
        await settle(pilot)
    assert entries(engine)["stress"] == [4, 10]


async def test_a_second_coffee_still_adds_on_enter(app, seed, engine) -> None:
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="caffeine", value=95, at=at(8))))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "1", "0", "0")
        await settle(pilot)
        assert "in place of" not in words(app)
        await pilot.press("enter")
        await settle(pilot)
    assert entries(engine)["caffeine"] == [95, 100]


async def test_a_scale_of_ones_own_asks_too(app, seed, engine) -> None:
    mood = FactorCreate(name="mood", kind=FactorKind.SCALE, min_value=0, max_value=10)
    seed(lambda s: store.add_factor(session=s, factor_in=mood))
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="mood", value=3, at=at(8))))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_factor(app, pilot, "mood")
        await pilot.press("5")
        await settle(pilot)
        assert "in place of mood 3 logged today (u undoes it)" in words(app)
        await pilot.press("enter")
        await settle(pilot)
        await open_factor(app, pilot, "mood")
        await pilot.press("7", "+")
        await settle(pilot)
    assert entries(engine)["mood"] == [5, 7]
