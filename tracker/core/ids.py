"""The ids people type and read: e12 (a twitch), f7 (a factor entry), r3 (a red flag), i2 (an
intervention), d2026-11-20 (a day's check-in and note), m4 (a medication, named only by the
`tracker med` commands). Built and parsed here only.

Standard library only: the TUI's first screen labels its rows before the database stack loads.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from tracker.errors import InputError

EPISODE, FACTOR_ENTRY, RED_FLAG, INTERVENTION, DAY = "e", "f", "r", "i", "d"
# A medication is not a day's entry (it is no part of `tracker list` or `tracker delete`): its id
# has its own letter and parser, so an m-id typed where an entry is wanted is refused as before.
MEDICATION = "m"
ROW_KINDS = (EPISODE, FACTOR_ENTRY, RED_FLAG, INTERVENTION)
# SQLite keeps row ids in a signed 64-bit integer: anything larger names no row and cannot
# even be asked about.
LARGEST_ROW_ID = 2**63 - 1
ALLOWED = "an id from `tracker list`: e12, f7, r3, i2 or d2026-11-20"

# ASCII digits only: str.isdigit() also accepts '²' and Arabic-Indic digits, which int() refuses.
_ROW = re.compile(r"([efri])([0-9]+)")
_DAY = re.compile(r"d([0-9]{4}-[0-9]{2}-[0-9]{2})")


class EntryRef(NamedTuple):
    """What an id points at: a kind (one of the letters above) and a row id, or a date for d."""

    kind: str
    key: int | dt.date


def format_id(kind: str, key: int | dt.date) -> str:
    """The id as people see it: format_id("e", 12) == "e12"; format_id("d", date) == "d2026-11-20"."""
    if kind == DAY:
        assert isinstance(key, dt.date)
        return f"d{key.isoformat()}"
    assert kind in (*ROW_KINDS, MEDICATION) and isinstance(key, int)
    return f"{kind}{key}"


def order_key(text: str) -> tuple[str, int, str]:
    """How ids sort for people: by letter, then as numbers (f8 before f10), days by date."""
    try:
        ref = parse_id(text)
    except InputError:
        return text[:1], 0, text
    if isinstance(ref.key, dt.date):
        return ref.kind, 0, ref.key.isoformat()
    return ref.kind, ref.key, ""


def parse_id(text: str, *, field: str = "id") -> EntryRef:
    """The EntryRef an id names; InputError (one line: the id, what is allowed) for anything else."""
    raw = text.strip().lower()
    if day := _DAY.fullmatch(raw):
        try:
            return EntryRef(DAY, dt.date.fromisoformat(day[1]))
        except ValueError:
            raise InputError(field, text, f"{ALLOWED} (a day that exists on the calendar)") from None
    if row := _ROW.fullmatch(raw):
        # Length first: int() of thousands of digits is refused by Python itself.
        number = int(row[2]) if len(row[2]) <= len(str(LARGEST_ROW_ID)) else LARGEST_ROW_ID + 1
        if not 1 <= number <= LARGEST_ROW_ID:
            raise InputError(field, text, f"{ALLOWED} (numbers run from 1 to {LARGEST_ROW_ID})")
        return EntryRef(row[1], number)
    raise InputError(field, text, ALLOWED)


_MEDICATION = re.compile(r"m?([0-9]+)")
MEDICATION_ALLOWED = "a medication id from `tracker med list`, like m3"


def parse_medication_id(text: str, *, field: str = "id") -> int:
    """The row id a medication id names ("m3", or just "3"); InputError for anything else."""
    found = _MEDICATION.fullmatch(text.strip().lower())
    if found is None or len(found[1]) > len(str(LARGEST_ROW_ID)) or not 1 <= int(found[1]) <= LARGEST_ROW_ID:
        raise InputError(field, text, MEDICATION_ALLOWED)
    return int(found[1])
