"""What the person tells the diary about the whole history rather than a day: the date they say
the twitching began (given once, editable), and the red-flag questions they answered "no" (a
clinician reads "asked on 3 Mar: no weakness" apart from a question never asked)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import SelectOfScalar

from tracker.core import validate
from tracker.core.formatting import report_date
from tracker.core.vocabulary import CHECKLIST_KINDS
from tracker.core.when import local_now
from tracker.errors import InputError
from tracker.storage.journal_words import Change
from tracker.storage.models import DiarySetting, Episode, RedFlag, RedFlagNo, utc_now

ONSET = "onset"


def onset(*, session: Session) -> dt.date | None:
    """The onset date the person gave, or None when they have not given one."""
    row = session.get(DiarySetting, ONSET)
    return dt.date.fromisoformat(row.value) if row else None


class OnsetAfterFirstTwitch(InputError):
    """An onset date later than the first twitch logged: each way of giving it says how to keep
    it anyway (the command line's --force), or not, where there is no such way (the app)."""


def set_onset(
    *, session: Session, day: dt.date | None, today: dt.date | None = None, after_first_twitch: bool = False
) -> dt.date | None:
    """Store (or, with None, forget) the onset date; returns what is stored now. A date after
    today, or before 1900, is refused (InputError), and so is one after the first twitch logged
    unless `after_first_twitch` (the person insists): the entries say the twitching had begun
    by then, and a date remembered later than that is far more often misremembered than right."""
    from tracker.storage import journal  # the onset given or changed is undone as any entry is

    row = session.get(DiarySetting, ONSET)
    if day is None:
        if row is not None:
            change = journal.removed(session, DiarySetting.__tablename__, [ONSET])
            session.delete(row)
            session.flush()
            journal.record(session, done="cleared the onset date", undo="onset date given again", changes=[change])
        return None
    day = validate.calendar_day("onset", day, today or local_now().date())
    first = first_twitch_day(session=session)
    if first is not None and day > first and not after_first_twitch:
        allowed = f"a day no later than your first logged twitch ({report_date(first)}), when it had begun"
        raise OnsetAfterFirstTwitch("onset", day.isoformat(), allowed)
    if row is None:
        row, change = DiarySetting(key=ONSET, value=day.isoformat()), journal.added(DiarySetting.__tablename__, [ONSET])
        done, undo = f"gave the onset date {report_date(day)}", "onset date removed"
    else:
        change = journal.changed(session, DiarySetting.__tablename__, [ONSET])
        before = report_date(dt.date.fromisoformat(row.value))
        done, undo = f"changed the onset date to {report_date(day)}", f"onset date back to {before}"
    row.value, row.updated_at = day.isoformat(), utc_now()
    session.add(row)
    session.flush()
    journal.record(session, done=done, undo=undo, changes=[change])
    return day


def first_twitch_day(*, session: Session) -> dt.date | None:
    """The day of the first twitch logged, or None when there is none."""
    return session.exec(select(func.min(Episode.local_date))).one()


def answer_checklist(*, session: Session, day: dt.date, no: Iterable[str], today: dt.date | None = None) -> list[str]:
    """Store the questions answered "no" on `day` (kinds; "all" for every question not logged as
    a red flag that day). Returns the kinds stored, in the checklist's order. A kind logged as a
    red flag on that day stays a "yes": answering no there is refused (InputError)."""
    day = validate.calendar_day("date", day, today or local_now().date())
    asked = [str(kind) for kind in CHECKLIST_KINDS]
    logged = {flag.kind for flag in session.exec(select(RedFlag).where(RedFlag.date == day))}
    wanted = set(no)
    if "all" in wanted:
        wanted = (wanted - {"all"}) | (set(asked) - logged)
    for kind in sorted(wanted):
        if kind not in asked:
            raise InputError("no", kind, "all, or one of " + ", ".join(asked))
        if kind in logged:
            raise InputError("no", kind, f"a sign not logged as a red flag on {day.isoformat()}")
    from tracker.storage import journal  # answers are undone as any entry is

    stored = {row.kind for row in session.exec(select(RedFlagNo).where(RedFlagNo.date == day))}
    new = [RedFlagNo(date=day, kind=kind) for kind in sorted(wanted - stored)]
    session.add_all(new)
    session.flush()
    if new:
        journal.record(
            session,
            done=f"answered no on {day.isoformat()} ({len(new)} red-flag questions)",
            undo=f"removed the 'no' answers of {day.isoformat()}",
            changes=[journal.added(RedFlagNo.__tablename__, [row.id for row in new])],
        )
    return [kind for kind in asked if kind in wanted]


def noes_a_flag_replaces(db: Session | Connection, flags: Iterable[tuple[dt.date, str]]) -> list[int]:
    """The stored "no" answers that red flags (day, sign) replace: a "yes" logged later for a
    sign answered "no" that day stands instead of it, wherever it comes from (the command line,
    the app's checklist, an import or a merge). Returns their ids, to delete with a journal
    record (so undo brings the "no" back); a "no" never stands beside that day's flag."""
    wanted = set(flags)
    if not wanted:
        return []
    days = sorted({day for day, _ in wanted})
    rows = db.execute(
        sa.select(col(RedFlagNo.id), col(RedFlagNo.date), col(RedFlagNo.kind)).where(col(RedFlagNo.date).in_(days))
    )
    return [key for key, day, kind in rows if key is not None and (day, kind) in wanted]


def replace_noes(db: Session | Connection, flags: Iterable[tuple[dt.date, str]]) -> tuple[int, list[Change]]:
    """Delete the "no" answers the red flags `flags` replace (noes_a_flag_replaces); returns how
    many, and the journal's record of them (undo puts them back)."""
    from tracker.storage import journal  # answers are undone as any entry is

    keys = noes_a_flag_replaces(db, flags)
    if not keys:
        return 0, []
    change = journal.removed(db, RedFlagNo.__tablename__, keys)
    db.execute(sa.delete(RedFlagNo).where(col(RedFlagNo.id).in_(keys)))
    return len(keys), [change]


def standing_noes() -> SelectOfScalar[RedFlagNo]:
    """The "no" answers that stand: those without a red flag for the same sign on the same day.
    A diary written before a "yes" replaced the day's "no" (replace_noes) may hold both; the
    flag wins wherever the diary is read (export, report, analysis), the "no" is never shown
    beside it, and nothing stored is changed by reading."""
    flagged = sa.exists().where(col(RedFlag.date) == col(RedFlagNo.date), col(RedFlag.kind) == col(RedFlagNo.kind))
    return select(RedFlagNo).where(~flagged)


def checklist_noes(*, session: Session, end: dt.date) -> dict[str, dt.date]:
    """Each question answered "no" up to `end` (standing_noes), with the latest day it was answered so."""
    rows = session.exec(standing_noes().where(col(RedFlagNo.date) <= end).order_by(col(RedFlagNo.date)))
    return {row.kind: row.date for row in rows}
