"""Interventions (things tried, such as magnesium) and planned experiments: alternating off and
on blocks that compare the two fairly. Part of the storage API: call them through
tracker.storage.store, inside the caller's session; every write is journalled for undo.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from tracker.core import validate
from tracker.core.formatting import day_words
from tracker.core.plans import MAX_WEEKS, MIN_BLOCKS, plan_end
from tracker.core.when import local_now  # the clock, when a caller passes none
from tracker.errors import InputError
from tracker.storage import journal
from tracker.storage.models import Intervention

PLAN_AHEAD_DAYS = 366  # a plan may be made up to a year before it starts


def start_intervention(
    *, session: Session, name: str, start: dt.date, note: str = "", today: dt.date | None = None
) -> Intervention:
    name = _checked_name(name)
    start = validate.calendar_day("date", start, today or local_now().date())
    if _open_intervention(session, name) is not None:
        raise InputError("name", name, "a name not already running (stop it first)")
    plan = session.exec(
        select(Intervention).where(
            Intervention.name == name, col(Intervention.block_days).is_not(None), col(Intervention.end_date) >= start
        )
    ).first()
    if plan is not None:  # its on-blocks already say when it is taken
        raise InputError("name", name, f"a name not planned from {plan.start_date} to {plan.end_date}")
    item = Intervention(name=name, start_date=start, note=validate.note("note", note))
    session.add(item)
    session.flush()
    journal.record_added(session, "intervention", item.id, journal.words(item), verb="started")
    return item


def stop_intervention(*, session: Session, name: str, end: dt.date, today: dt.date | None = None) -> Intervention:
    item = _open_intervention(session, name.strip())
    if item is None:
        running = ", ".join(i.name for i in list_interventions(session=session) if i.end_date is None)
        raise InputError("name", name, f"a running intervention ({running or 'none running'})")
    end = validate.stopped_after_start("date", validate.calendar_day("date", end, today or local_now().date()),
                                       item.start_date)  # fmt: skip
    before = journal.changed(session, "intervention", [item.id])
    item.end_date = end
    session.add(item)
    session.flush()
    what = journal.words(item)
    journal.record(
        session, done=f"stopped {what} on {day_words(end)}", undo=f"made {what} running again", changes=[before]
    )
    return item


def list_interventions(*, session: Session) -> list[Intervention]:
    """Every intervention and plan, by start date."""
    return list(session.exec(select(Intervention).order_by(col(Intervention.start_date), col(Intervention.id))))


def _open_intervention(session: Session, name: str) -> Intervention | None:
    return session.exec(
        select(Intervention).where(Intervention.name == name, col(Intervention.end_date).is_(None))
    ).first()


def plan_intervention(
    *,
    session: Session,
    name: str,
    start: dt.date,
    weeks: int,
    block_weeks: int = 1,
    note: str = "",
    today: dt.date | None = None,
) -> Intervention:
    """A planned experiment of `weeks` weeks from `start`: blocks of `block_weeks` weeks, off,
    on, off, on (tracker.core.plans). Returns the stored intervention, its end the plan's last day.

    Refused (InputError, nothing written) unless the weeks make at least four whole blocks of
    equal length, the start is at most a year ahead, and no other intervention of the same
    name overlaps the plan.
    """
    name = _checked_name(name)
    block_weeks = validate.integer_in_range("--block-weeks", block_weeks, 1, MAX_WEEKS // MIN_BLOCKS)
    weeks = validate.integer_in_range("--weeks", weeks, MIN_BLOCKS * block_weeks, MAX_WEEKS)
    if weeks % (2 * block_weeks):
        raise InputError("--weeks", weeks, f"a multiple of {2 * block_weeks}: whole off-and-on pairs of blocks")
    validate.earliest("--start", start)
    latest = (today or local_now().date()) + dt.timedelta(days=PLAN_AHEAD_DAYS)
    if start > latest:
        raise InputError("--start", start.isoformat(), f"a day up to a year ahead ({latest.isoformat()} or earlier)")
    end = plan_end(start, weeks)
    for other in session.exec(select(Intervention).where(Intervention.name == name)):
        if other.start_date <= end and (other.end_date is None or other.end_date >= start):
            until = other.end_date.isoformat() if other.end_date else "still running"
            raise InputError(
                "name", name, f"a name free from {start} to {end} ({name} runs {other.start_date} to {until})"
            )
    item = Intervention(
        name=name, start_date=start, end_date=end, block_days=7 * block_weeks, note=validate.note("note", note)
    )
    session.add(item)
    session.flush()
    journal.record_added(session, "intervention", item.id, f"a plan for {name} from {day_words(start)}", verb="made")
    return item


def _checked_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 80:
        raise InputError("name", name, "a name of 1 to 80 characters")
    return name
