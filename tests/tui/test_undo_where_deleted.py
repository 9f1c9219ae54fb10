"""A delete says what it removed on the screen it was done on, and `u` there undoes it, as on
Today: removing a medication on Medications used to show nothing, and `u` there did nothing."""

from __future__ import annotations

import datetime as dt

from tests.helpers.tui import on, rows
from tests.tui.conftest import screen_text, settle
from tests.tui.test_medications import listed, medicate

SMALL = (80, 24)


async def test_removing_a_medication_says_so_and_u_there_brings_it_back(app, seed) -> None:
    medicate(seed, "Omeprazole", dose="20 mg daily", started=dt.date(2026, 1, 1))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("delete", "enter")
        await settle(pilot)
        assert listed(app) == []
        shown = screen_text(app)
        assert "Removed Omeprazole. Press u (or ctrl+z) to undo." in shown
        await pilot.press("u")
        assert on(app, "Confirm")
        assert "removed medication Omeprazole" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert on(app, "MedicationsScreen")
        assert [row[1] for row in listed(app)] == ["Omeprazole"]
        assert "Undone:" in screen_text(app)
    assert rows(app, "SELECT name, dose FROM medication") == [("Omeprazole", "20 mg daily")]
