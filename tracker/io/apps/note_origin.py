"""Whose a day's note is: the person's, or the app whose import last set it.

A day's record has no source column; the journal says which action last wrote each day's
record, and an app's import names its app in its words (`export_words`). A note an import set
and nobody touched since is the app's: a newer export of that app replaces it, as it replaces
the values that import brought.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa
from sqlmodel import Session

from tracker.storage import journal


def notes_set_by_import(session: Session, app: str, days: Iterable[dt.date]) -> set[dt.date]:
    """Of `days`, those whose record was last written by an import of `app` (not undone)."""
    pending = {day.isoformat() for day in days}
    found: set[dt.date] = set()
    actions = journal.ACTIONS
    newest_first = sa.select(actions.c.done, actions.c.changes).where(actions.c.undone_at.is_(None))
    for done, changes in session.execute(newest_first.order_by(actions.c.id.desc())):
        touched = pending & _days_written(changes or [])
        if not touched:
            continue
        if f"({app} export of " in done:  # an import of `app` says so (export_words)
            found |= {dt.date.fromisoformat(day) for day in touched}
        pending -= touched
        if not pending:
            break
    return found


def _days_written(changes: list[dict[str, object]]) -> set[str]:
    """The days (ISO text) whose record these journal changes added, changed or removed."""
    days: set[str] = set()
    for change in changes:
        if change.get("table") != "day":
            continue
        keys = change.get("keys")
        rows = change.get("rows")
        if isinstance(keys, list):
            days |= {str(key) for key in keys}
        if isinstance(rows, list):
            days |= {str(row.get("date")) for row in rows if isinstance(row, dict)}
    return days
