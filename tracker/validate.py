"""Input checks shared by the store: each failure names the field, the value and what is allowed."""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from typing import TypeVar

from tracker.errors import InputError

EARLIEST_YEAR = 1900
MAX_NOTE_CHARS = 4000
MAX_TAG_CHARS = 40
TAG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_Choice = TypeVar("_Choice", bound=enum.Enum)


def number_in_range(field: str, value: float, low: float, high: float, unit: str = "") -> float:
    """`value` as a float if it is finite and within [low, high]."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(field, value, f"a number from {_num(low)} to {_num(high)}{_unit(unit)}") from None
    if not math.isfinite(number) or not low <= number <= high:
        raise InputError(field, value, f"allowed {_num(low)}–{_num(high)}{_unit(unit)}")
    return number


def integer_in_range(field: str, value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InputError(field, value, f"a whole number from {low} to {high}")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InputError(field, value, f"a whole number from {low} to {high}") from None
    if not low <= number <= high:
        raise InputError(field, value, f"allowed {low}–{high}")
    return number


def moment(field: str, value: dt.datetime, now: dt.datetime) -> dt.datetime:
    """An aware time no earlier than 1900 and at most a day in the future."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError(field, value.isoformat(), "a time with a UTC offset")
    if value.year < EARLIEST_YEAR:
        raise InputError(field, value.isoformat(), f"times from {EARLIEST_YEAR} on")
    if value - now > dt.timedelta(days=1):
        raise InputError(field, value.isoformat(), "at most a day in the future")
    return value


def calendar_day(field: str, value: dt.date, today: dt.date) -> dt.date:
    if value.year < EARLIEST_YEAR:
        raise InputError(field, value.isoformat(), f"dates from {EARLIEST_YEAR} on")
    if value > today + dt.timedelta(days=1):
        raise InputError(field, value.isoformat(), "at most a day in the future")
    return value


def tags(field: str, values: list[str]) -> list[str]:
    """Lower-case tags of letters, digits, '-' and '_', in order, without repeats."""
    seen: list[str] = []
    for raw in values:
        tag = raw.strip().lower()
        if not tag:
            continue
        if len(tag) > MAX_TAG_CHARS or not TAG_PATTERN.match(tag):
            raise InputError(field, raw, f"tags of letters, digits, '-' and '_', up to {MAX_TAG_CHARS} characters")
        if tag not in seen:
            seen.append(tag)
    return seen


def note(field: str, value: str) -> str:
    if len(value) > MAX_NOTE_CHARS:
        raise InputError(field, value, f"at most {MAX_NOTE_CHARS} characters")
    if "\x00" in value:
        raise InputError(field, value, "text without NUL characters")
    return value


def choice(field: str, value: str, enum: type[_Choice]) -> _Choice:
    """The member of a string enum that `value` names (case and surrounding space ignored)."""
    try:
        return enum(value.strip().lower())
    except ValueError:
        raise InputError(field, value, "one of: " + ", ".join(member.value for member in enum)) from None


def name(field: str, value: str) -> str:
    if not NAME_PATTERN.match(value):
        raise InputError(field, value, "a lower-case name of letters, digits and '_', starting with a letter")
    return value


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def _unit(unit: str) -> str:
    return f" {unit}" if unit else ""
