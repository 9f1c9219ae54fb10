"""Reads that build whole days from the store: daily rows, one day's summary, logged ranges.

A day is tracked when anything at all was logged for it (an episode, a factor entry, a
check-in or note, a red flag). Its twitches are answered only by an episode or a "no
twitches" check-in (tracker.core.daily.answered_twitches). Everything else is unknown, never zero.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict, TypeVar

from sqlalchemy import String, func, type_coerce, union_all
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from tracker.core.daily import (
    DailyRow,
    DaySummary,
    answered_twitches,
    daily_reducer,
    date_range,
    day_record_holds,
    summarize_day,
)
from tracker.core.sites import Site
from tracker.storage.models import Day, Episode, EpisodeSite, Factor, FactorEntry, RedFlag
from tracker.storage.store import further_sites, list_factors

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.sql import ClauseElement

_T = TypeVar("_T")


def episodes_between(*, session: Session, start: dt.date, end: dt.date) -> list[Episode]:
    """Episodes whose local date is in [start, end], in time order."""
    return list(
        session.exec(
            select(Episode)
            .where(col(Episode.local_date) >= start, col(Episode.local_date) <= end)
            .order_by(col(Episode.started_at), col(Episode.id))
        )
    )


class EpisodePoint(NamedTuple):
    """An episode as the analysis and the report read it: no ORM object, no id. `also` holds
    its further sites, (location, side) each, in the order given."""

    local_date: dt.date
    location: str
    side: str
    intensity: int | None
    duration_s: int | None
    also: tuple[tuple[str, str], ...] = ()


def episode_points_between(*, session: Session, start: dt.date, end: dt.date) -> list[EpisodePoint]:
    """Like episodes_between, as plain rows: SQLAlchemy Core selects of the columns, no ORM
    objects, each day's date parsed once rather than once per twitch (as daily_rows reads)."""
    in_range = (col(Episode.local_date) >= start, col(Episode.local_date) <= end)
    conn = session.connection()
    further: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for key, location, side in _plain_rows(
        conn,
        sa_select(col(EpisodeSite.episode_id), col(EpisodeSite.location), col(EpisodeSite.side))
        .join(Episode, col(Episode.id) == col(EpisodeSite.episode_id))
        .where(*in_range)
        .order_by(col(EpisodeSite.id)),
    ):
        further[key].append((location, side))
    dates: dict[object, dt.date] = {}
    points = []
    for key, day, location, side, intensity, duration in _plain_rows(
        conn,
        sa_select(
            col(Episode.id),
            _day_key(Episode.local_date),
            col(Episode.location),
            col(Episode.side),
            col(Episode.intensity),
            col(Episode.duration_s),
        )
        .where(*in_range)
        .order_by(col(Episode.started_at), col(Episode.id)),
    ):
        date = dates.get(day) or dates.setdefault(day, _as_date(day))
        points.append(EpisodePoint(date, location, side, intensity, duration, tuple(further.get(key, ()))))
    return points


class NotedTwitch(NamedTuple):
    """A twitch that carries a note, as the report lists it."""

    local_date: dt.date
    local_time: dt.time
    location: str
    side: str
    note: str
    also: tuple[Site, ...] = ()  # its further sites, in the order given: a note names every site


def noted_twitches_between(*, session: Session, start: dt.date, end: dt.date) -> list[NotedTwitch]:
    """The twitches in [start, end] whose note is not empty, in time order, each with every site."""
    noted = select(Episode).where(
        col(Episode.local_date) >= start, col(Episode.local_date) <= end, col(Episode.note) != ""
    )
    episodes = list(session.exec(noted.order_by(col(Episode.started_at), col(Episode.id))))
    also = further_sites(session=session, episode_ids=(episode.id for episode in episodes))
    return [
        NotedTwitch(
            episode.local_date,
            episode.local_started_at.time(),
            episode.location,
            episode.side,
            episode.note,
            tuple(also.get(episode.id or 0, ())),
        )
        for episode in episodes
    ]


def factor_entries_between(*, session: Session, start: dt.date, end: dt.date) -> list[FactorEntry]:
    return list(
        session.exec(
            select(FactorEntry)
            .where(col(FactorEntry.local_date) >= start, col(FactorEntry.local_date) <= end)
            .order_by(col(FactorEntry.local_date), col(FactorEntry.at), col(FactorEntry.id))
        )
    )


def red_flags_between(*, session: Session, start: dt.date, end: dt.date) -> list[RedFlag]:
    return list(
        session.exec(
            select(RedFlag)
            .where(col(RedFlag.date) >= start, col(RedFlag.date) <= end)
            .order_by(col(RedFlag.date), col(RedFlag.id))
        )
    )


def sources_between(*, session: Session, start: dt.date, end: dt.date) -> dict[dt.date, dict[str, str]]:
    """For each day with imported factor entries: {factor column: where they came from}."""
    found: dict[dt.date, dict[str, str]] = defaultdict(dict)
    for day, column, source in session.exec(
        select(col(FactorEntry.local_date), col(Factor.column), col(FactorEntry.source))
        .join(Factor, col(Factor.id) == col(FactorEntry.factor_id))
        .where(col(FactorEntry.local_date) >= start, col(FactorEntry.local_date) <= end, col(FactorEntry.source) != "")
        .order_by(col(FactorEntry.source))
    ):
        found[day].setdefault(column, source)
    return dict(found)


def logged_range(*, session: Session) -> tuple[dt.date, dt.date] | None:
    """The first and last day with anything logged, or None for an empty database."""
    dates = union_all(
        select(col(Episode.local_date).label("d")),
        select(col(FactorEntry.local_date).label("d")),
        select(col(Day.date).label("d")).where(col(Day.checked_in) | (col(Day.note) != "")),  # day_record_holds
        select(col(RedFlag.date).label("d")),
    ).subquery()
    first, last = session.exec(select(func.min(dates.c.d), func.max(dates.c.d))).one()
    if first is None:
        return None
    return _as_date(first), _as_date(last)


def logged_days(*, session: Session, end: dt.date) -> list[dt.date]:
    """Every day up to `end` with anything logged, in order."""
    dates = union_all(
        select(col(Episode.local_date).label("d")),
        select(col(FactorEntry.local_date).label("d")),
        select(col(Day.date).label("d")),
        select(col(RedFlag.date).label("d")),
    ).subquery()
    found = session.connection().execute(sa_select(dates.c.d).where(dates.c.d <= end).distinct().order_by(dates.c.d))
    return [_as_date(day) for (day,) in found]


def daily_rows(*, session: Session, start: dt.date, end: dt.date) -> list[DailyRow]:
    """One row per calendar day from start to end; untracked days have every value None.

    Read as plain Core rows (four selects, no ORM objects), each date as the driver gives it and
    parsed once per day rather than once per entry: ten years of diary (some 40,000 factor
    entries) build in about a fifth less time than through the ORM.
    """
    # (column, the function of its daily rule) by id, read off the objects once rather than per entry
    factors = {factor.id: (factor.column, daily_reducer(factor.daily_rule)) for factor in list_factors(session=session)}
    conn = session.connection()

    episodes: dict[object, list[tuple[int | None, int | None, str]]] = defaultdict(list)
    for day, intensity, duration, location in _plain_rows(
        conn,
        sa_select(_day_key(Episode.local_date), col(Episode.intensity), col(Episode.duration_s), col(Episode.location))
        .where(col(Episode.local_date) >= start, col(Episode.local_date) <= end)
        .order_by(col(Episode.started_at)),
    ):
        episodes[day].append((intensity, duration, location))
    # A twitch's further sites are places that twitched that day too (its count stays one twitch).
    further: dict[object, list[str]] = defaultdict(list)
    for day, location in _plain_rows(
        conn,
        sa_select(_day_key(Episode.local_date), col(EpisodeSite.location))
        .join(Episode, col(Episode.id) == col(EpisodeSite.episode_id))
        .where(col(Episode.local_date) >= start, col(Episode.local_date) <= end)
        .order_by(col(Episode.started_at), col(EpisodeSite.id)),
    ):
        further[day].append(location)

    values: dict[object, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for day, factor_id, value in _plain_rows(
        conn,
        sa_select(_day_key(FactorEntry.local_date), col(FactorEntry.factor_id), col(FactorEntry.value))
        .where(col(FactorEntry.local_date) >= start, col(FactorEntry.local_date) <= end)
        # date-only entries first, then in time order, so "last" means the latest entry
        .order_by(col(FactorEntry.at).is_not(None), col(FactorEntry.at), col(FactorEntry.id)),
    ):
        values[day][factor_id].append(value)

    notes: dict[object, tuple[bool, str]] = {
        day: (bool(checked_in), note)
        for day, checked_in, note in conn.execute(
            sa_select(_day_key(Day.date), col(Day.checked_in), col(Day.note)).where(
                col(Day.date) >= start, col(Day.date) <= end
            )
        )
    }
    flags: dict[object, list[str]] = defaultdict(list)
    for day, kind in conn.execute(
        sa_select(_day_key(RedFlag.date), col(RedFlag.kind))
        .where(col(RedFlag.date) >= start, col(RedFlag.date) <= end)
        .order_by(col(RedFlag.date), col(RedFlag.id))
    ).all():
        flags[day].append(kind)

    by_episodes, by_values, by_notes, by_flags = _by_date(episodes), _by_date(values), _by_date(notes), _by_date(flags)
    by_further = _by_date(further)
    rows = []
    for day in date_range(start, end):
        day_episodes = by_episodes.get(day, [])
        day_values = by_values.get(day, {})
        checked_in, note = by_notes.get(day, (False, ""))
        if not (day_episodes or day_values or day_record_holds(checked_in=checked_in, note=note) or day in by_flags):
            rows.append(DailyRow(date=day, tracked=False))
            continue
        day_flags = by_flags.get(day, [])
        answered = answered_twitches(len(day_episodes), checked_in=checked_in)
        rows.append(
            DailyRow(
                date=day,
                tracked=True,
                **(_twitch_columns(day_episodes, by_further.get(day, [])) if answered else {}),  # unanswered: None
                factors={factors[key][0]: factors[key][1](entries) for key, entries in day_values.items()},
                red_flags=tuple(day_flags),
                note=note,
            )
        )
    return rows


def _plain_rows(conn: Connection, statement: ClauseElement) -> list[tuple[Any, ...]]:
    """The rows of `statement` as the database driver gives them, plain tuples: for the selects
    that read every twitch and factor entry of a diary (some 60,000 rows in ten years), where
    SQLAlchemy's result rows cost about twice the query. Only for columns the callers read as
    the driver gives them (numbers, text, dates through _day_key); the statement's values are
    written into it (dates and numbers: nothing a person typed), so any driver runs it as is."""
    sql = str(statement.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    driver = conn.connection.driver_connection  # the session's own connection, in its transaction
    if driver is None:  # no driver connection behind it: SQLAlchemy's own rows (and its error)
        return [tuple(row) for row in conn.execute(statement)]  # type: ignore[call-overload]  # any select
    cursor = driver.cursor()
    try:
        cursor.execute(sql)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows
    finally:
        cursor.close()


def _day_key(column: Any) -> Any:
    """A date column read as the driver gives it, without SQLAlchemy's parsing of every row
    (text on SQLite, a date on PostgreSQL); _by_date parses each distinct day once."""
    return type_coerce(column, String)


def _by_date(table: Mapping[object, _T]) -> dict[dt.date, _T]:
    return {_as_date(key): value for key, value in table.items()}


class TwitchColumns(TypedDict, total=False):
    """A day's twitch columns of its DailyRow, once its twitches were answered (none before)."""

    episodes: int
    total_duration_s: int | None
    max_intensity: int | None
    mean_intensity: float | None
    locations: tuple[str, ...]


def _twitch_columns(day_episodes: list[tuple[int | None, int | None, str]], further: Sequence[str]) -> TwitchColumns:
    """A day's twitch columns once its twitches are answered (a checked-in day has 0 of them).
    Intensities not given are left out of the max and the mean, never counted as a number."""
    intensities = [intensity for intensity, _, _ in day_episodes if intensity is not None]
    durations = [duration for _, duration, _ in day_episodes if duration is not None]
    return {
        "episodes": len(day_episodes),
        "total_duration_s": sum(durations) if durations else (0 if not day_episodes else None),
        "max_intensity": max(intensities) if intensities else None,
        "mean_intensity": sum(intensities) / len(intensities) if intensities else None,
        "locations": tuple(dict.fromkeys([*(location for _, _, location in day_episodes), *further])),
    }


def day_summary(*, session: Session, day: dt.date) -> DaySummary:
    record = session.get(Day, day)
    episodes = episodes_between(session=session, start=day, end=day)
    return summarize_day(
        day,
        factors=list_factors(session=session),
        entries=factor_entries_between(session=session, start=day, end=day),
        episodes=episodes,
        red_flags=red_flags_between(session=session, start=day, end=day),
        checked_in=record.checked_in if record else None,
        note=record.note if record else "",
        further=further_sites(session=session, episode_ids=[episode.id for episode in episodes]),
    )


def active_dates(*, session: Session, until: dt.date) -> list[dt.date]:
    """Every local date up to `until` with at least one episode, oldest first."""
    return list(
        session.exec(
            select(col(Episode.local_date))
            .where(col(Episode.local_date) <= until)
            .distinct()
            .order_by(col(Episode.local_date))
        )
    )


def episode_count(*, session: Session, day: dt.date) -> int:
    return session.exec(select(func.count()).select_from(Episode).where(Episode.local_date == day)).one()


def consecutive_active_days(*, session: Session, as_of: dt.date) -> int:
    """Calendar days in a row, ending today or yesterday, that each had an episode."""
    active = set(active_dates(session=session, until=as_of))
    day = as_of if as_of in active else as_of - dt.timedelta(days=1)
    count = 0
    while day in active:
        count += 1
        day -= dt.timedelta(days=1)
    return count


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def answered_dates(*, session: Session, start: dt.date, end: dt.date) -> set[dt.date]:
    """Days in [start, end] whose twitches were answered: an episode, or "no twitches" checked in.

    Any other day, tracked or not, has its twitches unanswered: unknown, never 0.
    """
    episode_day = col(Episode.local_date)
    with_episodes = select(episode_day).where(episode_day >= start, episode_day <= end)
    checked_in = select(col(Day.date)).where(col(Day.date) >= start, col(Day.date) <= end, col(Day.checked_in))
    return {_as_date(day) for day in session.exec(with_episodes)} | {_as_date(day) for day in session.exec(checked_in)}


def answered_no_twitches(*, session: Session, day: dt.date) -> bool:
    """Whether `day` holds a "no twitches" answer (which a twitch logged on it would withdraw)."""
    record = session.get(Day, day)
    return bool(record and record.checked_in)


def relief_between(*, session: Session, start: dt.date, end: dt.date) -> list[tuple[str, int | None]]:
    """(relief tags as stored, burst seconds or None) of every twitch from `start` to `end`: what
    the report can say about relievers, which is what was tried and how long the burst lasted."""
    in_range = (col(Episode.local_date) >= start, col(Episode.local_date) <= end)
    rows = _plain_rows(session.connection(), sa_select(col(Episode.relief), col(Episode.duration_s)).where(*in_range))
    return [(relief, duration) for relief, duration in rows]


def contexts_between(*, session: Session, start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """(day, context tags as stored) of every twitch from `start` to `end` logged with a context
    (what the person was doing: chewing, talking), in date order: the report's history names them,
    and one logged while chewing stands beside a "no" to "set off by chewing"."""
    rows = session.exec(
        select(col(Episode.local_date), col(Episode.context))
        .where(col(Episode.local_date) >= start, col(Episode.local_date) <= end, col(Episode.context) != "")
        .order_by(col(Episode.local_date))
    )
    return [(_as_date(day), context) for day, context in rows if context]


def same_minute_sites(*, session: Session, start: dt.date, end: dt.date) -> tuple[int, int]:
    """(moments, extra entries): how many times from `start` to `end` one twitch was logged at
    two or more sites at the same minute, and how many entries that adds beyond one a moment.
    The report's counts are site entries; this says by how much they exceed the twitches felt."""
    minute = func.strftime("%Y-%m-%d %H:%M", Episode.started_at)
    if session.get_bind().dialect.name == "postgresql":
        minute = func.to_char(Episode.started_at, "YYYY-MM-DD HH24:MI")
    sites = func.count(func.distinct(col(Episode.location) + "/" + col(Episode.side)))
    counts = session.exec(
        select(sites)
        .where(col(Episode.local_date) >= start, col(Episode.local_date) <= end)
        .group_by(minute)
        .having(sites > 1)
    ).all()
    return len(counts), sum(int(count) - 1 for count in counts)
