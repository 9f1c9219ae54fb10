"""A key typed right behind a save acts on the day as saved, even while the save is still
waiting for the database: `g` pressed after the first dose offers that dose, it does not ask
for a first dose again (which a burst "g g" then confirmed as nothing)."""

from __future__ import annotations

import shutil
import sqlite3
import threading

from tests.helpers.tui import entries
from tests.tui.conftest import settle
from tracker.storage.engine import open_database
from tracker.tui.app import make_app


async def test_g_right_after_the_first_dose_offers_that_dose(migrated_db, tmp_path) -> None:
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    engine = open_database(path, wait_s=60)
    app = make_app(engine=engine, db_path=path)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            holder.execute("BEGIN IMMEDIATE")  # another program writing: the dose waits for it
            await pilot.press("g", "2", "0", "0", "enter")
            threading.Timer(0.5, holder.rollback).start()  # let go while `g` is being handled
            await pilot.press("g")
            await settle(pilot)
            assert "latest dose was 200 mg" in str(app.screen.query_one(".form-title").render())
            await pilot.press("g")  # g again confirms the dose shown
            await settle(pilot)
        assert entries(engine) == {"magnesium": [200.0, 200.0]}
    finally:
        holder.close()
        engine.dispose()
