"""Sleep a night cannot hold is refused where it is typed, with one line saying what is allowed:
bed and wake times that read as a day-long sleep, and a day's sleep past 24 h."""

from __future__ import annotations

from sqlmodel import select

from tests.helpers.tui import field_error, on
from tests.tui.conftest import SIZE, TODAY, settle
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import FactorEntry, FactorEntryCreate


def stored_sleep(engine) -> list[float]:  # type: ignore[no-untyped-def]
    with session_scope(engine, write=False) as session:
        return [e.value for e in session.exec(select(FactorEntry))]


async def test_bed_at_seven_and_wake_at_six_is_refused_not_read_as_23_hours(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "tab", *"7:00", "tab", *"6:00", "enter")
        await settle(pilot)
        assert on(app, "SleepForm")  # kept open, the times as typed
        line = field_error(app, "bed")
        assert line.startswith("wake: '6:00' is not allowed; a time at most 16 h after bed 07:00")
        assert "23 h" in line
        assert app.screen.query_one("#wake").value == "6:00" and app.screen.focused.id == "wake"
    assert stored_sleep(engine) == []


async def test_a_days_sleep_past_24_hours_is_refused_in_the_form(app, engine, seed) -> None:
    entry = FactorEntryCreate(factor="sleep", value=20, date=TODAY)
    seed(lambda s: store.add_factor_entry(session=s, entry_in=entry))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", *"6", "+")  # added to the day's (Enter would put it in their place)
        await settle(pilot)
        assert on(app, "SleepForm")
        assert "at most 4 h more: the day already has 20 h" in app.screen.query_one("#hours-error").render().plain
    assert stored_sleep(engine) == [20]
