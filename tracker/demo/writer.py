"""Write a synthetic diary (tracker.demo.synthetic) into a database, for trying the tool and benchmarks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, insert, select
from sqlmodel import Session, SQLModel

from tracker.core.when import offset_minutes
from tracker.demo.synthetic import SyntheticDiary
from tracker.storage import journal
from tracker.storage.models import Day, Episode, FactorEntry, Intervention, RedFlag, utc_now
from tracker.storage.store import list_factors

# A modest effect, so the Insights screen has something honest to find after a few months: on
# caffeine that varies from day to day within the twitchy periods (synthetic.generate_diary),
# not only over weeks, where the trend adjustment would rightly hold it back.
DEMO_CAFFEINE_RR_PER_100MG = 1.3
DEMO_CAFFEINE_VARIES_DAILY = True
DEMO_SLEEP_RR_PER_HOUR = 1.2


def database_is_empty(*, session: Session) -> bool:
    counts = [
        session.execute(select(func.count()).select_from(model)).scalar_one()
        for model in (Episode, FactorEntry, Day, RedFlag, Intervention)
    ]
    return not any(counts)


def write_diary(*, session: Session, diary: SyntheticDiary, now: dt.datetime | None = None) -> dict[str, int]:
    """Insert the diary in the caller's transaction; returns how many rows of each kind.

    With `now`, today's twitches and entries stop there: a diary holds nothing yet to happen.
    """
    created = utc_now()
    factor_ids = {factor.column: factor.id for factor in list_factors(session=session)}
    episodes = [
        {
            "started_at": episode.started_at.astimezone(dt.UTC),
            "utc_offset_min": offset_minutes(episode.started_at),
            "local_date": episode.local_date,
            "location": str(episode.location),
            "side": str(episode.side),
            "intensity": episode.intensity,
            "duration_s": episode.duration_s,
            "context": "",
            "relief": "",
            "note": "",
            "created_at": created,
        }
        for episode in diary.episodes
        if now is None or episode.started_at <= now
    ]
    entries = [
        {
            "factor_id": factor_ids[entry.column],
            "at": entry.at.astimezone(dt.UTC) if entry.at else None,
            "utc_offset_min": offset_minutes(entry.at) if entry.at else None,
            "local_date": entry.date,
            "value": entry.value,
            "note": "",
            "created_at": created,
        }
        for entry in diary.factor_entries
        if now is None or entry.at is None or entry.at <= now
    ]
    checkins = [{"date": day, "checked_in": True, "note": "", "created_at": created} for day in diary.checkins]
    flags = [{"date": day, "kind": kind, "note": note, "created_at": created} for day, kind, note in diary.red_flags]
    interventions = [
        {"name": name, "start_date": start, "end_date": end, "note": note, "created_at": created}
        for name, start, end, note in diary.interventions
    ]
    changes = [
        _insert_all(session, model, rows)
        for model, rows in (
            (Episode, episodes),
            (FactorEntry, entries),
            (Day, checkins),
            (RedFlag, flags),
            (Intervention, interventions),
        )
        if rows
    ]
    if changes:
        journal.record(session, done="wrote the demo history", undo="removed the demo history", changes=changes)
    return {
        "episodes": len(episodes),
        "factor entries": len(entries),
        "check-ins": len(checkins),
        "red flags": len(flags),
        "interventions": len(interventions),
    }


def _insert_all(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> journal.Change:
    """Insert the rows; returns the journal's note of them, so `tracker undo` can take the demo out."""
    if model is Day:
        session.execute(insert(Day), rows)
        return journal.added("day", [row["date"] for row in rows])
    return journal.added_range(str(model.__tablename__), *journal.insert_rows(session, model, rows))
