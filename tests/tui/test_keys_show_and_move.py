"""Keys typed in a burst move on at once, and a key that picks what Enter writes shows it."""

from __future__ import annotations

from sqlmodel import select

from tests.helpers.tui import ENTER, burst
from tests.tui.conftest import SIZE, settle
from tracker.storage.engine import session_scope
from tracker.storage.models import FactorEntry


async def test_sleep_bed_and_wake_typed_in_one_burst(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "s", "tab", *"23:10", "tab", *"7:05", ENTER)
        await settle(pilot)
    with session_scope(engine, write=False) as session:
        stored = [(entry.value, entry.note) for entry in session.exec(select(FactorEntry))]
    assert stored == [(7.92, "bed 23:10, wake 07:05")]


async def test_arrows_in_the_caffeine_picker_show_what_enter_will_write(app) -> None:
    # ↓ ↑ picked a drink with the "Enter writes" line empty: 80 mg of energy drink, never seen.
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", "down", "down")
        await settle(pilot)
        shown = str(app.screen.query_one("#preview").render())
        assert "Enter writes" in shown and "coffee" in shown, shown
