"""Parsing what people type for times, dates and durations."""

from __future__ import annotations

import datetime as dt
import re

from tracker.errors import InputError

WHEN_ALLOWED = "now, HH:MM, yesterday HH:MM, or ISO 8601 like 2026-11-20T08:15 (offset optional)"
DATE_ALLOWED = "a date like 2026-11-20, today or yesterday"
DURATION_ALLOWED = "seconds (90), or 30s, 2m, 1m30s, 1h (at most 24 h)"
_CLOCK = re.compile(r"^(?P<h>\d{1,2}):(?P<m>\d{2})$")
_DURATION = re.compile(r"^(?:(?P<h>\d+(?:\.\d+)?)h)?(?:(?P<m>\d+(?:\.\d+)?)m)?(?:(?P<s>\d+(?:\.\d+)?)s?)?$")


def parse_when(text: str, *, now: dt.datetime) -> dt.datetime:
    """An aware datetime from WHEN; times without an offset are local time on `now`'s machine."""
    raw = text.strip().lower()
    if raw in ("", "now"):
        return now
    day = now.date()
    for word, shift in (("yesterday", 1), ("today", 0)):
        if raw.startswith(word + " "):
            raw, day = raw[len(word) + 1 :].strip(), now.date() - dt.timedelta(days=shift)
            break
    clock = _CLOCK.match(raw)
    if clock:
        hour, minute = int(clock["h"]), int(clock["m"])
        if hour > 23 or minute > 59:
            raise InputError("at", text, WHEN_ALLOWED)
        return _local(dt.datetime.combine(day, dt.time(hour, minute)))
    try:
        parsed = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError("at", text, WHEN_ALLOWED) from None
    if parsed.tzinfo is None:
        return _local(parsed)
    return parsed


def parse_date(text: str, *, today: dt.date, field: str = "date") -> dt.date:
    raw = text.strip().lower()
    if raw == "today":
        return today
    if raw == "yesterday":
        return today - dt.timedelta(days=1)
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InputError(field, text, DATE_ALLOWED) from None


def parse_duration(text: str) -> int:
    """Whole seconds from 90, 30s, 2m, 1m30s or 1h."""
    raw = text.strip().lower().replace(" ", "")
    match = _DURATION.match(raw)
    if not raw or not match or not any(match.groupdict().values()):
        raise InputError("duration", text, DURATION_ALLOWED)
    seconds = float(match["h"] or 0) * 3600 + float(match["m"] or 0) * 60 + float(match["s"] or 0)
    if seconds > 24 * 3600:
        raise InputError("duration", text, DURATION_ALLOWED)
    return round(seconds)


def _local(naive: dt.datetime) -> dt.datetime:
    """Attach the local offset in force at that wall-clock time (right across DST)."""
    try:
        return naive.astimezone()
    except (OverflowError, ValueError, OSError):
        raise InputError("at", naive.isoformat(), WHEN_ALLOWED) from None


HOURS_ALLOWED = "hours like 6.5, 6:10 or 6h10"
CLOCK_ALLOWED = "a time like 23:30, 7:00 or 0700"
_HOURS = re.compile(r"^(?P<h>\d{1,2})(?::(?P<colon>\d{2})|h(?P<after_h>\d{1,2})?m?)$")
_CLOCK_ANY = re.compile(r"^(?P<h>\d{1,2})(?:[:.]?(?P<m>\d{2}))?$")


def parse_hours(text: str, *, field: str = "hours") -> float:
    """Hours from 6.5, 6,5, 6:10, 6h10, 6h10m or 6h, to two decimals (6:10 is 6.17)."""
    raw = text.strip().lower().replace(" ", "")
    match = _HOURS.match(raw)
    if match:
        minutes = int(match["colon"] or match["after_h"] or 0)
        if minutes > 59:
            raise InputError(field, text, HOURS_ALLOWED + " (minutes 0–59)")
        return round(int(match["h"]) + minutes / 60, 2)
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        raise InputError(field, text, HOURS_ALLOWED) from None


def parse_clock(text: str, *, field: str = "time") -> dt.time:
    """A wall-clock time from 23:30, 7:00, 7.00, 0700 or 7 (hours alone)."""
    match = _CLOCK_ANY.match(text.strip())
    if not match or int(match["h"]) > 23 or int(match["m"] or 0) > 59:
        raise InputError(field, text, CLOCK_ALLOWED)
    return dt.time(int(match["h"]), int(match["m"] or 0))
