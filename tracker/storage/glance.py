"""A first look at one day, read with the standard library's sqlite3 alone.

The Today screen shows it while the database stack (SQLAlchemy, SQLModel, pydantic: about
0.3 s of imports) loads in a worker; the full read through tracker.storage.store then replaces it,
and only then do the keys work. It never writes, and it looks only at a file already at the
current schema: a missing, older or unreadable file gives None and waits for the real open,
which creates, upgrades, or explains the refusal. A test holds its rows to tracker.storage.queries's.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from tracker.core.daily import DaySummary, summarize_day
from tracker.storage.first_look import database_errors, open_current


class GlanceFactor(NamedTuple):
    id: int
    name: str
    unit: str
    daily_rule: str


class GlanceEpisode(NamedTuple):
    id: int
    local_started_at: dt.datetime
    location: str
    side: str
    intensity: int | None
    duration_s: int | None
    note: str


class GlanceEntry(NamedTuple):
    id: int
    factor_id: int
    local_date: dt.date
    value: float
    local_at: dt.datetime | None
    note: str


class GlanceRedFlag(NamedTuple):
    id: int
    kind: str
    note: str


@dataclass(frozen=True)
class DayGlance:
    summary: DaySummary
    factors: dict[int, GlanceFactor]
    active_dates: list[dt.date]  # every date up to the day asked for with an episode, oldest first


def glance_day(path: Path, day: dt.date, *, active_until: dt.date) -> DayGlance | None:
    """`day`'s rows, and the dates with episodes up to `active_until`; None if the file is
    not a readable tracker database at the current schema."""
    conn = open_current(path)  # read-only, one snapshot; None unless a diary at the current schema
    if conn is None:
        return None
    try:
        return _read_day(conn, day, active_until)
    except database_errors(ValueError, TypeError):  # unreadable, or rows not as expected: wait for the full read
        return None
    finally:
        conn.close()


def _read_day(conn: sqlite3.Connection, day: dt.date, active_until: dt.date) -> DayGlance:
    iso = day.isoformat()
    factors = [
        GlanceFactor(*row)
        for row in conn.execute("SELECT id, name, unit, daily_rule FROM factor ORDER BY position, id")
    ]
    entries = [
        GlanceEntry(entry_id, factor_id, day, value, _local(at, offset), note)
        for entry_id, factor_id, value, at, offset, note in conn.execute(
            "SELECT id, factor_id, value, at, utc_offset_min, note FROM factor_entry"
            " WHERE local_date = ? ORDER BY at, id",
            (iso,),
        )
    ]
    episodes = [
        GlanceEpisode(episode_id, _local(started, offset), location, side, intensity, duration_s, note)  # type: ignore[arg-type]  # sqlite3 rows are untyped tuples; the schema fixes their types
        for episode_id, started, offset, location, side, intensity, duration_s, note in conn.execute(
            "SELECT id, started_at, utc_offset_min, location, side, intensity, duration_s, note FROM episode"
            " WHERE local_date = ? ORDER BY started_at, id",
            (iso,),
        )
    ]
    flags = [
        GlanceRedFlag(*row)
        for row in conn.execute("SELECT id, kind, note FROM red_flag WHERE date = ? ORDER BY id", (iso,))
    ]
    record = conn.execute("SELECT checked_in, note FROM day WHERE date = ?", (iso,)).fetchone()
    active = [
        dt.date.fromisoformat(row[0])
        for row in conn.execute(
            "SELECT DISTINCT local_date FROM episode WHERE local_date <= ? ORDER BY local_date",
            (active_until.isoformat(),),
        )
    ]
    summary = summarize_day(
        day,
        factors=factors,
        entries=entries,
        episodes=episodes,
        red_flags=flags,
        checked_in=bool(record[0]) if record else None,
        note=record[1] if record else "",
    )
    return DayGlance(summary, {factor.id: factor for factor in factors}, active)


def _local(utc_text: str | None, offset_min: int | None) -> dt.datetime | None:
    """A stored UTC time (naive text) in the offset the person was living in."""
    if utc_text is None or offset_min is None:
        return None
    at = dt.datetime.fromisoformat(utc_text).replace(tzinfo=dt.UTC)
    return at.astimezone(dt.timezone(dt.timedelta(minutes=offset_min)))
