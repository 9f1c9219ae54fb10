"""The Today screen's first look (tracker.storage.glance): read with sqlite3 alone, it must show the
very rows the full read through the store shows, and stand aside for any file it cannot read."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tracker.storage import store
from tracker.storage.engine import open_database, session_scope
from tracker.storage.glance import glance_day
from tracker.storage.models import (
    EpisodeCreate,
    FactorCreate,
    FactorEntryCreate,
    FactorKind,
    Location,
    RedFlagCreate,
    RedFlagKind,
    Side,
)
from tracker.storage.queries import active_dates, day_summary
from tracker.tui.diary import Diary
from tracker.tui.views import status_line
from tracker.tui.widgets.day_table import day_rows

TODAY = dt.date(2026, 11, 24)
LONDON = ZoneInfo("Europe/London")
TOKYO = ZoneInfo("Asia/Tokyo")


def at(day: dt.date, hour: int, minute: int = 0, tz: ZoneInfo = LONDON) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


@pytest.fixture
def diary_db(db_path: Path, frozen) -> Path:
    """Two weeks with twitches, factor entries (timed, date-only, a user factor), a red flag,
    a check-in with a note, and a twitch logged while travelling (another UTC offset)."""
    yesterday = TODAY - dt.timedelta(days=1)
    engine = open_database(db_path)
    with session_scope(engine) as session:
        screen = FactorCreate(name="screen", kind=FactorKind.NUMBER, unit="h", min_value=0, max_value=24)
        store.add_factor(session=session, factor_in=screen)
        for back in range(14):
            day = TODAY - dt.timedelta(days=back)
            if back % 4 != 3:
                store.add_episode(
                    session=session,
                    episode_in=EpisodeCreate(
                        started_at=at(day, 8, back), location=Location.LOWER_LIP, side=Side.LEFT, intensity=2
                    ),
                )
        for hour, value in ((8, 95), (9, 63)):  # before 09:30, the frozen now
            entry = FactorEntryCreate(factor="caffeine", value=value, at=at(TODAY, hour), note=f"cup at {hour}")
            store.add_factor_entry(session=session, entry_in=entry)
        store.add_factor_entry(session=session, entry_in=FactorEntryCreate(factor="sleep", value=6.5, date=TODAY))
        store.add_factor_entry(session=session, entry_in=FactorEntryCreate(factor="screen", value=3, date=TODAY))
        store.add_episode(
            session=session,
            episode_in=EpisodeCreate(
                started_at=at(TODAY, 7, 45), location=Location.EYELID, side=Side.RIGHT, intensity=4,
                duration_s=75, note="after coffee",
            ),
        )  # fmt: skip
        store.add_red_flag(session=session, red_flag_in=RedFlagCreate(date=TODAY, kind=RedFlagKind.SPREADING))
        store.check_in(session=session, day=yesterday - dt.timedelta(days=2))
        store.set_day_note(session=session, day=yesterday - dt.timedelta(days=2), note="slept badly")
        store.add_episode(
            session=session,
            episode_in=EpisodeCreate(started_at=at(yesterday, 23, 30, TOKYO), location=Location.CHEEK, side=Side.BOTH,
                                     intensity=1),
        )  # fmt: skip
    engine.dispose()
    return db_path


def full_read(path: Path, day: dt.date) -> tuple:
    engine = open_database(path)
    try:
        with session_scope(engine, write=False) as session:
            summary = day_summary(session=session, day=day)
            factors = {f.id: f for f in store.list_factors(session=session)}
            dates = active_dates(session=session, until=TODAY)
    finally:
        engine.dispose()
    return summary, factors, dates


def shown(summary, factors) -> dict:
    """Everything of a day the Today screen draws."""
    return {
        "rows": day_rows(summary, factors),
        "totals": [(t.factor.name, t.factor.unit, t.value, t.entries) for t in summary.totals],
        "unlogged": [f.name for f in summary.unlogged],
        "tracked": summary.tracked,
        "checked_in": summary.checked_in,
        "twitches_answered": summary.twitches_answered,
        "note": summary.note,
    }


@pytest.mark.parametrize("back", range(15))
def test_the_glance_shows_what_the_full_read_shows(diary_db, back):
    day = TODAY - dt.timedelta(days=back)
    summary, factors, dates = full_read(diary_db, day)
    glance = glance_day(diary_db, day, active_until=TODAY)
    assert glance is not None
    assert shown(glance.summary, glance.factors) == shown(summary, factors)
    assert glance.active_dates == dates
    assert status_line(glance.active_dates, TODAY) == status_line(dates, TODAY)


def test_today_in_the_glance_reads_as_a_person_logged_it(diary_db):
    glance = glance_day(diary_db, TODAY, active_until=TODAY)
    assert glance is not None
    rows = dict(day_rows(glance.summary, glance.factors))
    cells = [cells[:2] + cells[4:] for cells in rows.values()]
    assert ("day", "red flag: spreading in the face", "", "", "") in cells
    assert ("day", "sleep 6 h 30 min", "", "", "") in cells
    assert ("07:45", "twitch", "4", "1 min 15 s", "after coffee") in cells
    assert ("09:00", "caffeine 63 mg", "", "", "cup at 9") in cells
    totals = {t.factor.name: (t.value, t.entries) for t in glance.summary.totals}
    assert totals["caffeine"] == (158, 2) and totals["screen"] == (3, 1)
    assert "water" in [f.name for f in glance.summary.unlogged]


def test_a_twitch_logged_abroad_keeps_its_own_clock(diary_db):
    """23:30 in Tokyo is 14:30 in London, but the person lived it at 23:30."""
    glance = glance_day(diary_db, TODAY - dt.timedelta(days=1), active_until=TODAY)
    assert glance is not None
    times = [e.local_started_at.strftime("%H:%M %z") for e in glance.summary.episodes]
    assert "23:30 +0900" in times


def test_an_untracked_day_is_untracked(diary_db):
    glance = glance_day(diary_db, TODAY - dt.timedelta(days=40), active_until=TODAY)
    assert glance is not None and not glance.summary.tracked
    assert glance.summary.totals == [] and len(glance.summary.unlogged) == 6


def test_files_it_cannot_read_give_none_and_stay_as_they_were(tmp_path, diary_db):
    missing = tmp_path / "missing.db"
    empty = tmp_path / "empty.db"
    empty.touch()
    text = tmp_path / "notes.db"
    text.write_text("not a database\n")
    foreign = tmp_path / "other.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    older = tmp_path / "older.db"
    shutil.copy(diary_db, older)
    with sqlite3.connect(older) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.close()
    for path in (missing, empty, text, foreign, older, tmp_path):
        before = path.read_bytes() if path.is_file() else None
        assert glance_day(path, TODAY, active_until=TODAY) is None, path.name
        assert (path.read_bytes() if path.is_file() else None) == before
    assert not missing.exists()


def test_the_diary_glances_only_when_the_file_is_ready(diary_db, tmp_path, frozen):
    glance = Diary(db_path=diary_db).glance(TODAY)
    assert glance is not None and glance.status_line.startswith("twitching since ")
    assert Diary(db_path=tmp_path / "new.db").glance(TODAY) is None


def test_the_glance_imports_no_database_stack(diary_db):
    code = textwrap.dedent(f"""
        import datetime as dt, sys
        from pathlib import Path
        from tracker.tui.diary import Diary
        glance = Diary(db_path=Path({str(diary_db)!r})).glance(dt.date({TODAY.year}, {TODAY.month}, {TODAY.day}))
        assert glance is not None and glance.summary.episodes
        print(",".join(m for m in ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "pandas") if m in sys.modules))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("back", [0, 1, 3, 13])
def test_the_glance_at_a_server_diary_shows_what_the_full_read_shows(diary_db, pg_cluster, back):
    from tracker.storage.copy import copy_diary
    from tracker.storage.glance import glance_server
    from tracker.storage.postgres import open_server

    server = pg_cluster.new_database(template="diary_head")
    source, target = open_database(diary_db), open_server(server)
    copy_diary(source, target)
    day = TODAY - dt.timedelta(days=back)
    with session_scope(target, write=False) as session:
        summary, factors = day_summary(session=session, day=day), {f.id: f for f in store.list_factors(session=session)}
        dates = active_dates(session=session, until=TODAY)
    source.dispose()
    target.dispose()

    glance = glance_server(server, day, active_until=TODAY)

    assert glance is not None
    assert shown(glance.summary, glance.factors) == shown(summary, factors)
    assert glance.active_dates == dates


def test_the_glance_at_a_server_it_cannot_read_stands_aside(pg_cluster, tmp_path):
    from tracker.storage.glance import glance_server

    assert glance_server(pg_cluster.new_database(), TODAY, active_until=TODAY) is None  # no diary in it yet
    assert glance_server(f"postgresql://me@/tracker?host={tmp_path}", TODAY, active_until=TODAY) is None  # no server
