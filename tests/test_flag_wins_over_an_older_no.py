"""A diary written before a "yes" replaced the day's "no" may hold both a red flag and a "no" for
the same sign on the same day: every reader shows the flag, never the "no" beside it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tracker.storage.engine import open_database, session_scope
from tracker.storage.history import load_history

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


@pytest.fixture
def both(cli, db_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Weakness answered "no" on the 20th, then logged as a red flag that day by an older version,
    which left the "no" beside it; drooping answered "no" the same day, and standing."""
    assert cli("checklist", "--no", "weakness", "drooping", "--date", "2026-11-20").code == 0
    assert cli("log", "redflag", "weakness", "--date", "2026-11-20", "--note", "left side").code == 0
    conn = sqlite3.connect(db_path)
    try:
        with conn:
            conn.execute(
                "INSERT INTO red_flag_no (date, kind, created_at) VALUES ('2026-11-20', 'weakness', ?)",
                ("2026-11-20 10:00:00.000000",),
            )
    finally:
        conn.close()
    return db_path


def test_the_export_shows_the_flag_and_not_the_no(cli, both) -> None:
    lines = cli("export", "csv", "--diary").out.splitlines()
    assert "red flag,2026-11-20,weakness,left side" in lines
    assert "answered no,2026-11-20,drooping," in lines
    assert "answered no,2026-11-20,weakness," not in lines


def test_the_report_reads_the_flag_and_not_the_no(both) -> None:
    engine = open_database(both)
    try:
        with session_scope(engine, write=False) as session:
            history = load_history(session=session, date_from=dt.date(2026, 11, 1), date_to=dt.date(2026, 11, 24))
    finally:
        engine.dispose()
    assert history.checklist_no == {"drooping": dt.date(2026, 11, 20)}
    assert [(flag.date, str(flag.kind)) for flag in history.red_flags] == [(dt.date(2026, 11, 20), "weakness")]


def test_a_copy_merged_from_it_holds_the_flag_alone(cli, both, tmp_path) -> None:
    other = tmp_path / "other.db"
    assert cli("log", "caffeine", "95", db=other).code == 0
    merged = cli("db", "copy", str(both), str(other), "--merge")
    assert merged.code == 0, merged.err
    lines = cli("export", "csv", "--diary", db=other).out.splitlines()
    assert "answered no,2026-11-20,weakness," not in lines and "red flag,2026-11-20,weakness,left side" in lines
