"""Tab typed in a burst moves on before the keys behind it arrive: they go into the next box."""

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
