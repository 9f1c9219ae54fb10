"""Writing an import plan: one transaction, one action in the journal, so `tracker undo`
right after an import removes all of it (the factors it created too) and nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from tracker.core.daily import day_record_holds
from tracker.core.formatting import plural
from tracker.core.sources import source_app
from tracker.core.vocabulary import FactorKind, Side
from tracker.io.apps.plan import ImportPlan, export_words
from tracker.io.apps.readings import Reading
from tracker.storage import episode_sites, journal
from tracker.storage.factors import add_factor
from tracker.storage.models import Episode, FactorCreate, FactorEntry, utc_now


def write_plan(*, session: Session, plan: ImportPlan, file_name: str) -> str:
    """Carry out the plan in the session's transaction; returns what was done, in words."""
    created_at = utc_now()
    ids: dict[str, int] = {}
    for factor in plan.factors_to_create:
        made = add_factor(
            session=session,
            factor_in=FactorCreate(name=factor.name, kind=FactorKind(factor.kind), unit=factor.unit,
                                   min_value=factor.min_value, max_value=factor.max_value),
        )  # fmt: skip
        assert made.id is not None
        ids[factor.name] = made.id
    changes: list[journal.Change] = []
    # A twitch replaced by this import takes its further sites with it (removed first: each names its twitch).
    sites = episode_sites.remove_sites(session, list(plan.remove_episodes)) if plan.remove_episodes else None
    changes += [sites] if sites else []
    for table, keys in (("factor_entry", plan.remove_entries), ("episode", plan.remove_episodes)):
        if keys:
            changes.append(journal.removed(session, table, keys))
            stored = journal.TABLES[table]
            session.execute(sa.delete(stored).where(stored.c.id.in_(keys)))
    rows = [
        {
            "factor_id": factor.id if factor.id is not None else ids[factor.name],
            "local_date": reading.day,
            "value": value,
            "note": reading.text,
            "source": plan.source,
            "created_at": created_at,
            **_when(reading.at),
        }
        for factor, reading, value in plan.entries
    ]
    if rows:
        changes.append(journal.added_range("factor_entry", *journal.insert_rows(session, FactorEntry, rows)))
    episodes = [_episode(reading, location, plan.source, created_at) for reading, location in plan.episodes]
    if episodes:
        changes.append(journal.added_range("episode", *journal.insert_rows(session, Episode, episodes)))
    changes += _days(session, plan, created_at)
    counts = _counts(plan)
    journal.record(
        session,
        done=f"imported {file_name}{export_words(source_app(plan.source), plan.as_of)}: {counts}",
        undo=f"removed what the import of {file_name} did: {counts}"
        if plan.changes_anything
        else f"the import of {file_name} changed nothing, so nothing was undone",
        changes=changes,
    )
    return counts


def _counts(plan: ImportPlan) -> str:
    parts = [
        plural(len(plan.entries), "factor value") if plan.entries else "",
        plural(len(plan.episodes), "twitch") if plan.episodes else "",
        plural(len(plan.notes), "day note") if plan.notes else "",
        plural(len(plan.factors_to_create), "new factor") if plan.factors_to_create else "",
        f"{len(plan.remove_entries) + len(plan.remove_episodes)} replaced"
        if plan.remove_entries or plan.remove_episodes else "",
    ]  # fmt: skip
    return ", ".join(part for part in parts if part) or "nothing new"


def _when(at: dt.datetime | None) -> dict[str, Any]:
    if at is None:
        return {"at": None, "utc_offset_min": None}
    offset = at.utcoffset()
    assert offset is not None  # readings' times are aware
    return {"at": at.astimezone(dt.UTC), "utc_offset_min": int(offset.total_seconds() // 60)}


def _episode(reading: Reading, location: str, source: str, created: dt.datetime) -> dict[str, Any]:
    """A twitch as the file tells it: its time and note; side, intensity and duration not given."""
    when = _when(reading.at)
    return {
        "started_at": when["at"], "utc_offset_min": when["utc_offset_min"], "local_date": reading.day,
        "location": location, "side": Side.UNSPECIFIED.value, "intensity": None, "duration_s": None,
        "context": "", "relief": "", "note": reading.text, "source": source, "created_at": created,
    }  # fmt: skip


def _days(session: Session, plan: ImportPlan, created: dt.datetime) -> list[journal.Change]:
    """Day notes and withdrawn check-ins: a new day record, or the old one kept for undo first."""
    values: dict[dt.date, dict[str, Any]] = {day: {"note": note} for day, note in plan.notes.items()}
    for day in plan.withdraw_checkins:
        values.setdefault(day, {})["checked_in"] = False
    if not values:
        return []
    table = journal.TABLES["day"]
    notes = dict(session.execute(sa.select(table.c.date, table.c.note).where(table.c.date.in_(list(values)))).all())
    # A record whose withdrawn answer was all it held goes (day_record_holds): no day reads as logged with nothing.
    emptied = sorted(day for day, note in notes.items() if not day_record_holds(checked_in=False, note=note)
                     and not values[day].get("note"))  # fmt: skip
    existing = set(notes) - set(emptied)
    changes = [journal.removed(session, "day", emptied)] if emptied else []
    changes += [journal.changed(session, "day", sorted(existing))] if existing else []
    if emptied:
        session.execute(sa.delete(table).where(table.c.date.in_(emptied)))
    added = sorted(set(values) - set(notes))
    for day in sorted(set(values) - set(emptied)):
        if day in existing:
            session.execute(sa.update(table).where(table.c.date == day).values(**values[day]))
        else:
            fields = {"checked_in": False, "note": "", **values[day]}
            session.execute(sa.insert(table).values(date=day, created_at=created, **fields))
    return changes + ([journal.added("day", added)] if added else [])
