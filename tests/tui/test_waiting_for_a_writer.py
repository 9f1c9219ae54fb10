"""While another program holds the diary's write lock, a glass typed in the app says within
about a second what it waits for, the keys keep working, and the glass is saved once the lock
is let go."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

from tests.helpers.tui import rows
from tests.tui.conftest import TODAY, pause_until, settle
from tracker.storage.engine import open_database
from tracker.tui.app import make_app

WATER_DAYS = "SELECT e.local_date FROM factor_entry e JOIN factor f ON f.id = e.factor_id WHERE f.name = 'water'"


async def test_a_write_waiting_for_another_writer_says_so_and_the_keys_still_work(migrated_db, tmp_path) -> None:
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    told: list[object] = []
    engine = open_database(path, wait_s=60, on_wait=lambda: told[0].write_waiting())  # type: ignore[attr-defined]
    app = make_app(engine=engine, db_path=path)
    told.append(app)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await settle(pilot)
            holder.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
            await pilot.press("w", "g", "enter")
            await pause_until(
                pilot, lambda: any("holds the diary's write lock" in n.message for n in app._notifications), 30
            )
            await pilot.press("left_square_bracket")  # the app still answers while the write waits
            await pause_until(pilot, lambda: app.today_screen.day == TODAY - dt.timedelta(days=1), 30)
            holder.rollback()
            await settle(pilot)
            assert rows(app, WATER_DAYS) == [(str(TODAY),)]
    finally:
        holder.close()
        engine.dispose()
