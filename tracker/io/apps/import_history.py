"""What an app's earlier imports brought: how recent the newest export read was, and the first
day those imports reached (an older export adds nothing to the days between)."""

from __future__ import annotations

import datetime as dt
import re

import sqlalchemy as sa
from sqlmodel import Session, col, select

from tracker.storage import journal
from tracker.storage.models import Episode, FactorEntry


def newer_import(session: Session, app: str, as_of: dt.date | None) -> dt.date | None:
    """How recent the newest export of `app` imported before is (its date, as the journal
    records it, or the last day it brought), when that is after `as_of`; else None."""
    if as_of is None:
        return None
    dates = [
        session.exec(select(sa.func.max(day)).where(col(source).like(f"{app}:%"))).one()  # source_of's form
        for day, source in ((FactorEntry.local_date, FactorEntry.source), (Episode.local_date, Episode.source))
    ]
    told = re.compile(re.escape(f" ({app} export of ") + r"(\d{4}-\d\d-\d\d)\)")
    actions = journal.ACTIONS
    imports = actions.c.done.like(f"imported %{app} export of %")
    for (done,) in session.execute(sa.select(actions.c.done).where(actions.c.undone_at.is_(None), imports)):
        dates += [dt.date.fromisoformat(day) for day in told.findall(done)]
    newest = max((day for day in dates if day is not None), default=None)
    return newest if newest is not None and newest > as_of else None


def first_imported_day(session: Session, app: str) -> dt.date | None:
    """The earliest day an earlier import of `app` brought a value or a twitch for."""
    days = [
        session.exec(select(sa.func.min(day)).where(col(source).like(f"{app}:%"))).one()  # source_of's form
        for day, source in ((FactorEntry.local_date, FactorEntry.source), (Episode.local_date, Episode.source))
    ]
    return min((day for day in days if day is not None), default=None)
