"""The days and twitches the analysis, charts and exports read are the same whichever way the
store is read.

`daily_rows` reads plain rows for speed; the reference here builds each day from the stored
objects the slow, obvious way. Both must agree on every day of a diary that holds the awkward
cases: a date-only and a timed entry on the same day, a day with only a note, only a red flag
or only a "no twitches" check-in, twitches without intensity or duration, untracked days.
On SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from tests.conftest import BACKENDS, TODAY
from tracker.core.daily import DailyRow, answered_twitches, daily_value, date_range
from tracker.demo.synthetic import generate_diary
from tracker.demo.writer import write_diary
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.factors import add_factor
from tracker.storage.models import (
    Day,
    Episode,
    EpisodeCreate,
    FactorCreate,
    FactorEntry,
    FactorEntryCreate,
    RedFlag,
    RedFlagCreate,
)
from tracker.storage.queries import EpisodePoint, daily_rows, episode_points_between

LONDON = ZoneInfo("Europe/London")
FIRST = TODAY - dt.timedelta(days=59)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _reference_rows(session: Session, start: dt.date, end: dt.date) -> list[DailyRow]:
    """Each day from whole stored objects: episodes in time order, entries date-only first then
    by time, the day's note and check-in, its red flags by date and id."""
    factors = {factor.id: factor for factor in store.list_factors(session=session)}
    episodes: dict[dt.date, list[Episode]] = defaultdict(list)
    for episode in session.exec(select(Episode).order_by(col(Episode.started_at))):
        episodes[episode.local_date].append(episode)
    entries: dict[dt.date, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    ordered = select(FactorEntry).order_by(col(FactorEntry.at).is_not(None), col(FactorEntry.at), col(FactorEntry.id))
    for entry in session.exec(ordered):
        entries[entry.local_date][entry.factor_id].append(entry.value)
    days = {day.date: day for day in session.exec(select(Day))}
    flags: dict[dt.date, list[str]] = defaultdict(list)
    for flag in session.exec(select(RedFlag).order_by(col(RedFlag.date), col(RedFlag.id))):
        flags[flag.date].append(flag.kind)
    rows = []
    for day in date_range(start, end):
        twitches, record = episodes.get(day, []), days.get(day)
        if not (twitches or entries.get(day) or record or flags.get(day)):
            rows.append(DailyRow(date=day, tracked=False))
            continue
        intensities = [e.intensity for e in twitches if e.intensity is not None]
        durations = [e.duration_s for e in twitches if e.duration_s is not None]
        answered = answered_twitches(len(twitches), checked_in=bool(record and record.checked_in))
        twitch_columns = {
            "episodes": len(twitches),
            "total_duration_s": sum(durations) if durations else (0 if not twitches else None),
            "max_intensity": max(intensities) if intensities else None,
            "mean_intensity": sum(intensities) / len(intensities) if intensities else None,
            "locations": tuple(dict.fromkeys(e.location for e in twitches)),
        }
        rows.append(
            DailyRow(
                date=day,
                tracked=True,
                **(twitch_columns if answered else {}),
                factors={
                    factors[fid].column: daily_value(factors[fid].daily_rule, values)
                    for fid, values in entries.get(day, {}).items()
                },
                red_flags=tuple(flags.get(day, ())),
                note=record.note if record else "",
            )
        )
    return rows


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LONDON)


def _awkward_diary(engine) -> None:
    """Sixty demo days, then the cases a fast read could get wrong, on days of their own."""
    with session_scope(engine) as session:
        write_diary(session=session, diary=generate_diary(days=60, seed=3, end=TODAY, with_red_flag=True))
        add_factor(
            session=session,
            factor_in=FactorCreate(name="mood", kind="scale", min_value=0, max_value=10, daily_rule="last"),
        )
        add_factor(session=session, factor_in=FactorCreate(name="steps", kind="number", daily_rule="max"))
        late, early = FIRST + dt.timedelta(days=5), FIRST + dt.timedelta(days=6)
        # "last" is the latest timed entry, whatever order they were logged in; date-only comes first
        for value, when in ((7.0, _at(late, 20)), (3.0, _at(late, 8)), (5.0, None)):
            entry = FactorEntryCreate(factor="mood", value=value, at=when, date=None if when else late)
            store.add_factor_entry(session=session, entry_in=entry, now=_at(TODAY, 9))
        for value in (4000.0, 12000.0, 9000.0):
            entry = FactorEntryCreate(factor="steps", value=value, date=early)
            store.add_factor_entry(session=session, entry_in=entry, now=_at(TODAY, 9))
        # a twitch with no intensity nor duration beside one with both, late in the evening
        bare = EpisodeCreate(started_at=_at(early, 23, 30), location="cheek")
        store.add_episode(session=session, episode_in=bare, now=_at(TODAY, 9))
        full = EpisodeCreate(started_at=_at(early, 7), location="eyelid", intensity=4, duration_s=90)
        store.add_episode(session=session, episode_in=full, now=_at(TODAY, 9))
        store.set_day_note(session=session, day=FIRST - dt.timedelta(days=3), note="only a note", today=TODAY)
        flag = RedFlagCreate(date=FIRST - dt.timedelta(days=5), kind="spreading", note="")
        store.add_red_flag(session=session, red_flag_in=flag, today=TODAY)
        store.check_in(session=session, day=FIRST - dt.timedelta(days=7), today=TODAY)


def test_daily_rows_match_the_days_built_from_stored_objects(engine, frozen) -> None:
    _awkward_diary(engine)
    start = FIRST - dt.timedelta(days=10)  # untracked days, then the note, flag and check-in days
    with session_scope(engine, write=False) as session:
        fast, reference = daily_rows(session=session, start=start, end=TODAY), _reference_rows(session, start, TODAY)
    assert [row.date for row in fast] == list(date_range(start, TODAY))
    assert fast == reference
    by_date = {row.date: row for row in fast}
    # the awkward days are really in the diary, so the comparison covers them
    assert by_date[FIRST + dt.timedelta(days=5)].factors["mood"] == 7.0
    assert by_date[FIRST + dt.timedelta(days=6)].factors["steps"] == 12000.0
    assert by_date[FIRST - dt.timedelta(days=3)].note == "only a note"
    assert by_date[FIRST - dt.timedelta(days=5)].red_flags == ("spreading",)
    assert by_date[FIRST - dt.timedelta(days=7)].episodes == 0
    assert not by_date[FIRST - dt.timedelta(days=8)].tracked


def test_episode_points_match_the_stored_twitches(engine, frozen) -> None:
    _awkward_diary(engine)
    with session_scope(engine, write=False) as session:
        points = episode_points_between(session=session, start=FIRST, end=TODAY)
        stored = session.exec(select(Episode).order_by(col(Episode.started_at), col(Episode.id))).all()
        reference = [EpisodePoint(e.local_date, e.location, e.side, e.intensity, e.duration_s) for e in stored]
    assert points == reference
    assert all(type(point.local_date) is dt.date for point in points)
