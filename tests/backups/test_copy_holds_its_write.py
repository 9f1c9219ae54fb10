"""The day's copy holds the write that started it, however long that write takes to commit."""

from __future__ import annotations

import time

import time_machine
from sqlalchemy import text

from tests.backups.conftest import begin_diary, wait_until
from tests.backups.test_backups_belong_to_their_diary import london
from tests.helpers.processes import select_rows
from tracker.storage.backup import list_backups
from tracker.storage.engine import open_database


def test_the_days_copy_holds_the_write_that_started_it(db_path) -> None:
    with time_machine.travel(london(2026, 11, 23, 9), tick=False):
        begin_diary(db_path)  # begun the day before: nothing to copy that day
    folder = db_path.parent / "backups"
    with time_machine.travel(london(2026, 11, 24, 9), tick=False):
        engine = open_database(db_path)
        try:
            with engine.begin() as conn:  # the day's first write: it starts the copy
                conn.execute(
                    text("INSERT INTO day (date, checked_in, note, created_at) VALUES (:d, 1, 'slow', :at)"),
                    {"d": "2026-11-24", "at": "2026-11-24 09:00:00"},
                )
                time.sleep(2)  # a write that takes its time to commit (a large import, say)
        finally:
            engine.dispose()
    wait_until(lambda: bool(list_backups(db_path, folder)), "the day's copy")
    [copy] = list_backups(db_path, folder)
    assert ("2026-11-24", "slow") in select_rows(copy, "SELECT date, note FROM day")
