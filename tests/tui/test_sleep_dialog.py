"""The sleep dialog shows the sleep already logged for its day, and editing a sleep entry reads
hours as the new-entry dialog does and never leaves bed and wake times that contradict them."""

from __future__ import annotations

from sqlmodel import select

from tests.helpers.tui import on
from tests.tui.conftest import SIZE, TODAY, settle
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import FactorEntry, FactorEntryCreate


def sleep_logged(value: float, note: str):  # type: ignore[no-untyped-def]
    return lambda s: store.add_factor_entry(
        session=s, entry_in=FactorEntryCreate(factor="sleep", value=value, date=TODAY, note=note)
    )


def stored_sleep(engine) -> list[tuple[float, str]]:  # type: ignore[no-untyped-def]
    with session_scope(engine, write=False) as session:
        return [(e.value, e.note) for e in session.exec(select(FactorEntry).order_by(FactorEntry.id))]


async def test_the_sleep_dialog_says_what_is_already_logged_for_the_day(app, seed) -> None:
    seed(sleep_logged(7.67, "bed 23:50, wake 07:30"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert on(app, "SleepForm")
        shown = str(app.screen.query_one("#already").render())
    assert "already logged: 7 h 40 min (bed 23:50, wake 07:30)" in shown
    assert "Enter puts the new hours in its place, + adds them (a nap)" in shown


async def test_editing_sleep_takes_hours_and_minutes_and_drops_the_old_bed_and_wake(app, engine, seed) -> None:
    seed(sleep_logged(7.67, "bed 23:50, wake 07:30"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert on(app, "SleepForm")
        await pilot.press("ctrl+a", "ctrl+k", *"7h20", "enter")
        await settle(pilot)
        assert on(app, "TodayScreen")
    assert stored_sleep(engine) == [(7.33, "")]


async def test_editing_sleep_by_bed_and_wake_replaces_the_times_in_the_note(app, engine, seed) -> None:
    seed(sleep_logged(7.67, "bed 23:50, wake 07:30; woke twice"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", "ctrl+a", "ctrl+k", "tab", *"23:00", "tab", *"06:30", "enter")
        await settle(pilot)
    assert stored_sleep(engine) == [(7.5, "bed 23:00, wake 06:30; woke twice")]


async def test_bed_and_wake_times_take_am_and_pm_as_the_twitch_form_does(app, engine) -> None:
    # "11:45pm" lost its "pm" (the keys were dropped) and saved 18 h 35 min from 11:45 to 6:20.
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "tab", *"11:45pm", "tab", *"6:20am", "enter")
        await settle(pilot)
        assert not on(app, "SleepForm")
    assert stored_sleep(engine) == [(6.58, "bed 23:45, wake 06:20")]


async def test_editing_sleep_logged_as_bed_and_wake_shows_them_and_keeps_them(app, engine, seed) -> None:
    # The edit opened on the hours alone, with empty boxes, and Enter wiped the times from the note.
    seed(sleep_logged(6.58, "bed 23:45, wake 06:20"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert on(app, "SleepForm")
        assert (app.screen.query_one("#bed").value, app.screen.query_one("#wake").value) == ("23:45", "06:20")
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "TodayScreen")
    assert stored_sleep(engine) == [(6.58, "bed 23:45, wake 06:20")]
