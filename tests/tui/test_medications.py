"""The Medications screen: M from Today or "Medications" in the command palette; a adds, e (or
Enter) changes, s marks stopped today, Delete removes, each asked or typed first; a stop before
the start and a locked diary keep what was typed in the form, with the reason."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from tests.helpers.tui import on, pressing, rows
from tests.tui.conftest import SIZE, TODAY, settle
from tracker.storage.engine import open_database
from tracker.storage.medications import add_medication
from tracker.storage.models import MedicationCreate
from tracker.tui.app import make_app


def medicate(seed, name: str, **fields) -> None:  # type: ignore[no-untyped-def]
    seed(lambda s: add_medication(session=s, medication_in=MedicationCreate(name=name, **fields), today=TODAY))


def listed(app) -> list[list[str]]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one("#medications", DataTable)
    return [[str(cell) for cell in table.get_row_at(row)] for row in range(table.row_count)]


def stored(path: Path) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT name, dose, started, stopped, note FROM medication ORDER BY id").fetchall()


async def test_m_opens_the_list_and_a_adds_one_with_date_words(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        assert on(app, "MedicationsScreen")
        assert listed(app) == []
        await pilot.press("a")
        assert on(app, "MedicationForm")
        await pilot.press(*"Prednisolone", "tab", *"20 mg daily", "tab", *"-10", "tab", "tab", *"for a rash", "enter")
        await settle(pilot)
        assert on(app, "MedicationsScreen")
        [row] = listed(app)
        assert row[:4] == ["m1", "Prednisolone *", "20 mg daily", "from 2026-02-28, no stop date given"]
        assert "known to cause twitching" in str(app.screen.query_one("#medications-marked").render())
        await pilot.press("escape")
        await settle(pilot)
        assert on(app, "TodayScreen")
    assert rows(app, "SELECT name, dose, started, stopped, note FROM medication") == [
        ("Prednisolone", "20 mg daily", "2026-02-28", None, "for a rash")
    ]


async def test_the_palette_opens_it(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [command] = [c for c in app.get_system_commands(app.screen) if c.title == "Medications"]
        command.callback()
        await settle(pilot)
        assert on(app, "MedicationsScreen")


async def test_edit_stop_and_remove_from_the_list(app, seed) -> None:
    medicate(seed, "ventolin", dose="2 puffs", started=dt.date(2026, 1, 5))
    medicate(seed, "omeprazole", started=dt.date(2025, 6, 1))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        assert [row[1] for row in listed(app)] == ["omeprazole", "ventolin *"]
        await pilot.press("down", "e")  # ventolin
        assert on(app, "MedicationForm")
        assert [box.value for box in app.screen.query(Input)] == ["ventolin", "2 puffs", "2026-01-05", "", ""]
        await pilot.press("tab", "ctrl+u", *"1 puff", "enter")
        await settle(pilot)
        assert listed(app)[1][2] == "1 puff"
        await pilot.press("s")
        assert on(app, "Confirm")
        await pilot.press("enter")
        await settle(pilot)
        assert listed(app)[1][3] == "2026-01-05 to 2026-03-10"
        await pilot.press("up", "delete", "enter")
        await settle(pilot)
        assert [row[1] for row in listed(app)] == ["ventolin *"]
    assert rows(app, "SELECT name, dose, stopped FROM medication") == [("ventolin", "1 puff", "2026-03-10")]


async def test_a_stop_before_the_start_stays_in_the_form_with_the_reason(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M", "a", *"prednisone", "tab", "tab", *"2026-03-01", "tab", *"2026-02-01", "enter")
        await settle(pilot)
        assert on(app, "MedicationForm")
        assert "on or after the start, 2026-03-01" in str(app.screen.query_one("#stopped-error").render())
        assert app.screen.query_one("#stopped", Input).value == "2026-02-01"
    assert rows(app, "SELECT count(*) FROM medication") == [(0,)]


async def test_a_locked_diary_keeps_the_medication_typed(migrated_db, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("tracker.storage.engine.BUSY_TIMEOUT_S", 1)
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    app = make_app(engine=open_database(path), db_path=path)
    other = sqlite3.connect(path, isolation_level=None)  # another program holding the write lock
    other.execute("BEGIN IMMEDIATE")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("M", "a", *"salbutamol", "tab", *"2 puffs", "enter")
        await settle(pilot)
        assert not app._exit
        assert on(app, "MedicationForm"), "the form is open again, with what was typed"
        assert [box.value for box in app.screen.query(Input)][:2] == ["salbutamol", "2 puffs"]
        assert "busy" in str(app.screen.query_one("#problem").render())
        other.execute("ROLLBACK")
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "MedicationsScreen")
    other.close()
    assert stored(path) == [("salbutamol", "2 puffs", None, None, "")]


SIZES = pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["100x30", "80x24"])


@SIZES
def test_medications_snapshot(snap_compare, app, seed, size) -> None:
    medicate(seed, "prednisolone", dose="20 mg daily", started=dt.date(2026, 1, 10), stopped=dt.date(2026, 1, 20))
    medicate(seed, "omeprazole", dose="20 mg", started=dt.date(2025, 6, 1), note="for reflux")
    medicate(seed, "magnesium citrate")
    assert snap_compare(app, terminal_size=size, run_before=pressing("M"))
