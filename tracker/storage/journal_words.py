"""What the action journal says of a write, in words and as JSON-ready changes, on the
standard library alone: the store (through tracker.storage.journal) and the quick write path of
`tracker log` (tracker.storage.quick_log) both take their words from here, so `tracker undo`
reads the same whichever of them wrote the entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from tracker.core.formatting import amount_words, day_words, factor_words

Change = dict[str, Any]


def to_json(value: object) -> object:
    """A stored value as the journal keeps it: dates and times as ISO text."""
    return value.isoformat() if isinstance(value, dt.date) else value  # datetimes are dates too


def added(table: str, keys: Iterable[object]) -> Change:
    """Rows this action inserted (undo deletes them)."""
    return {"op": "added", "table": table, "keys": [to_json(key) for key in keys]}


def logged(what: str, *, verb: str = "logged") -> tuple[str, str]:
    """A write that added one row: what it did ("logged X") and what undoing it does ("removed X")."""
    return f"{verb} {what}", f"removed {what}"


def twitch_words(local_started_at: dt.datetime, local_date: dt.date) -> str:
    """A twitch as the journal names it: "twitch at 08:15 on Mon 30 Nov"."""
    return f"twitch at {local_started_at:%H:%M} on {day_words(local_date)}"


def entry_words(name: str, unit: str, value: float, local_date: dt.date, kind: str = "") -> str:
    """A factor entry as the journal names it: "caffeine 95 mg on Mon 30 Nov", "late screen no
    on Sat 28 Nov" (a yes-no factor's 0 is "no")."""
    return f"{factor_words(name)} {amount_words(value, unit, kind)} on {day_words(local_date)}"


def day_record_words(day: dt.date, *, checked_in: bool, note: str) -> str:
    """A day's record as the journal names it: "the no-twitches check-in and the note on Mon 30 Nov"."""
    parts = (["the no-twitches check-in"] if checked_in else []) + (["the note"] if note else [])
    return f"{' and '.join(parts) or 'the day record'} on {day_words(day)}"


def withdrew_no_twitches(day: dt.date) -> tuple[str, str]:
    """A twitch withdrawing its day's "no twitches" answer: (done, undo)."""
    when = day_words(day)
    return f"withdrew the no-twitches answer on {when}", f"put back the no-twitches answer on {when}"


def checked_in(day: dt.date, *, note_stays: bool) -> tuple[str, str]:
    """A "no twitches" check-in: (done, undo); undoing it keeps a note the day has."""
    when = day_words(day)
    return f"logged no twitches on {when}", f"cleared the no-twitches check-in on {when}" + (
        "; its note stays" if note_stays else ""
    )


def noted(day: dt.date, *, earlier: str) -> tuple[str, str]:
    """A day's note set: (done, undo), which puts back the `earlier` note or removes it."""
    when = day_words(day)
    return f"noted on {when}", f"put back the earlier note on {when}" if earlier else f"removed the note on {when}"


def cleared_note(day: dt.date) -> tuple[str, str]:
    """A day's note cleared, with the day's record: (done, undo)."""
    when = day_words(day)
    return f"cleared the note on {when}", f"put back the note on {when}"
