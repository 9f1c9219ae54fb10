"""The tests of the daily backup turn it on (the suite runs with TRACKER_BACKUPS=off)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tracker.storage.backup import backup_time, list_backups


@pytest.fixture(autouse=True)
def _daily_backups_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACKER_BACKUPS", raising=False)


def wait_until(done: Callable[[], bool], what: str, timeout: float = 90) -> None:
    """Wait for the backup's own process to get somewhere (it runs beside the command)."""
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, f"waited {timeout} s for {what}"
        time.sleep(0.02)


def backed_up_days(db: Path, folder: Path | None = None) -> list[object]:
    return [taken.date() for copy in list_backups(db, folder or db.parent / "backups") if (taken := backup_time(copy))]


def begin_diary(db: Path) -> None:
    """A diary begun on the clock's day with one write (its note): a diary with nothing written
    before a day gets no copy that day, so one begun empty the day before would get none."""
    import datetime as dt

    from tracker.storage import store
    from tracker.storage.engine import open_database, session_scope

    engine = open_database(db)
    try:
        with session_scope(engine) as session:
            store.set_day_note(session=session, day=dt.datetime.now().date(), note="begun")
    finally:
        engine.dispose()
