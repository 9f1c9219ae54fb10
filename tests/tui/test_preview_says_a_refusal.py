"""A value Enter would refuse because the day cannot hold it is never previewed as "Enter
writes": the line under the box already gives the reason Enter gives, and sleep reads in hours
and minutes in that reason as everywhere else."""

from __future__ import annotations

from tests.helpers.tui import field_error, on
from tests.tui.conftest import SIZE, TODAY, settle
from tracker.storage import store
from tracker.storage.models import FactorEntryCreate


def logged(factor: str, value: float):  # type: ignore[no-untyped-def]
    entry = FactorEntryCreate(factor=factor, value=value, date=TODAY)
    return lambda s: store.add_factor_entry(session=s, entry_in=entry)


def preview(app) -> str:  # type: ignore[no-untyped-def]
    line = app.screen.query_one("#preview")
    return str(line.render()) if line.display else ""


async def test_caffeine_past_what_a_day_holds_is_refused_in_the_preview(app, seed) -> None:
    seed(logged("caffeine", 221))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", *"1900")
        await settle(pilot)
        assert on(app, "PresetPicker")
        assert "Enter writes" not in preview(app)
        before_enter = field_error(app, "amount")
        assert "at most 1779 mg more" in before_enter
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "PresetPicker")
        assert field_error(app, "amount") == before_enter  # the same words, in the same place
        assert "Enter writes" not in preview(app)


async def test_sleep_past_what_a_day_holds_is_refused_in_hours_and_minutes_before_enter(app, seed) -> None:
    seed(logged("sleep", 7 + 35 / 60))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", *"20")
        await settle(pilot)
        # Enter puts the 20 h in place of the day's; `+`, adding them, would be refused, and says why.
        [enter, plus] = preview(app).splitlines()
        assert enter.startswith("Enter writes: sleep 20 h in place of sleep 7 h 35 min")
        assert plus.startswith("+ refused: ")
        assert "at most 16 h 25 min more: the day already has 7 h 35 min, and a day holds up to 24 h" in plus
        assert "16.42" not in plus
