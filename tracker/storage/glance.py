"""A first look at one day, read with the standard library's sqlite3 alone (for a server
diary, with psycopg alone).

The Today screen shows it while the database stack (SQLAlchemy, SQLModel, pydantic: about
0.3 s of imports, three times that on a loaded machine) loads in a worker; the full read
through tracker.storage.store then replaces it, and only then do the keys work. It never
writes, and it looks only at a diary already at the current schema: a missing, older or
unreadable one gives None and waits for the real open, which creates, upgrades, or explains
the refusal. A test holds its rows to tracker.storage.queries's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from tracker.core.daily import DaySummary, summarize_day
from tracker.storage.first_look import database_errors, open_current


class GlanceFactor(NamedTuple):
    id: int
    name: str
    unit: str
    daily_rule: str
    kind: str  # a yes-no factor's 1 reads "yes" in the first frame as in the next


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
    onset: dt.date | None = None  # the onset the person gave (tracker.storage.diary_facts), if any


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


def glance_server(value: str, day: dt.date, *, active_until: dt.date) -> DayGlance | None:
    """As glance_day, for the diary on the server at `value` (a postgresql:// URL): one
    read-only snapshot through psycopg alone; None if it cannot be read that way (no server,
    a password to ask for, a schema other than the current one)."""
    import psycopg  # deferred: ~0.15 s, and only for a server diary
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    from tracker.storage.file_checks import SCHEMA_HEAD
    from tracker.storage.server_options import connect_defaults

    try:
        uri = "postgresql://" + value.split("://", 1)[1]  # libpq reads no driver name
        given = conninfo_to_dict(uri)
        defaults = {name: v for name, v in connect_defaults(str(given.get("host") or "")).items() if name not in given}
        with psycopg.connect(make_conninfo(uri, **defaults)) as conn:
            conn.read_only = True
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ  # one snapshot, as sqlite3's read
            if conn.execute("SELECT to_regclass('alembic_version')").fetchone() == (None,):
                return None
            if conn.execute("SELECT version_num FROM alembic_version").fetchone() != (SCHEMA_HEAD,):
                return None
            return _read_day(conn, day, active_until, mark="%s")
    except (psycopg.Error, ValueError, TypeError, IndexError):  # wait for the full open: it says what is wrong
        return None


def _read_day(conn: Any, day: dt.date, active_until: dt.date, *, mark: str = "?") -> DayGlance:
    """The day's rows on `conn`: sqlite3's connection, or psycopg's (whose placeholder is `mark`,
    and whose dates and times come as such rather than as text)."""
    iso: Any = day.isoformat() if mark == "?" else day
    factors = [
        GlanceFactor(*row)
        for row in conn.execute("SELECT id, name, unit, daily_rule, kind FROM factor ORDER BY position, id")
    ]
    entries = [
        GlanceEntry(entry_id, factor_id, day, value, _local(at, offset), note)
        for entry_id, factor_id, value, at, offset, note in conn.execute(
            "SELECT id, factor_id, value, at, utc_offset_min, note FROM factor_entry"
            f" WHERE local_date = {mark} ORDER BY at, id",
            (iso,),
        )
    ]
    episodes = [
        GlanceEpisode(episode_id, _local(started, offset), location, side, intensity, duration_s, note)  # type: ignore[arg-type]  # sqlite3 rows are untyped tuples; the schema fixes their types
        for episode_id, started, offset, location, side, intensity, duration_s, note in conn.execute(
            "SELECT id, started_at, utc_offset_min, location, side, intensity, duration_s, note FROM episode"
            f" WHERE local_date = {mark} ORDER BY started_at, id",
            (iso,),
        )
    ]
    further: dict[int, list[tuple[str, str]]] = {}
    for episode_id, location, side in conn.execute(
        "SELECT episode_site.episode_id, episode_site.location, episode_site.side FROM episode_site"
        f" JOIN episode ON episode.id = episode_site.episode_id WHERE episode.local_date = {mark}"
        " ORDER BY episode_site.id",
        (iso,),
    ):
        further.setdefault(episode_id, []).append((location, side))
    flags = [
        GlanceRedFlag(*row)
        for row in conn.execute(f"SELECT id, kind, note FROM red_flag WHERE date = {mark} ORDER BY id", (iso,))
    ]
    record = conn.execute(f"SELECT checked_in, note FROM day WHERE date = {mark}", (iso,)).fetchone()
    active = [
        dt.date.fromisoformat(str(row[0]))
        for row in conn.execute(
            f"SELECT DISTINCT local_date FROM episode WHERE local_date <= {mark} ORDER BY local_date",
            (active_until.isoformat() if mark == "?" else active_until,),
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
        further=further,
    )
    given = conn.execute(f"SELECT value FROM diary_setting WHERE key = {mark}", ("onset",)).fetchone()
    onset = dt.date.fromisoformat(str(given[0])) if given else None
    return DayGlance(summary, {factor.id: factor for factor in factors}, active, onset)


def _local(utc: str | dt.datetime | None, offset_min: int | None) -> dt.datetime | None:
    """A stored UTC time (SQLite's naive text, or a server's aware time) in the offset the person
    was living in."""
    if utc is None or offset_min is None:
        return None
    at = utc if isinstance(utc, dt.datetime) else dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC)
    return at.astimezone(dt.timezone(dt.timedelta(minutes=offset_min)))
