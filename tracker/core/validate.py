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
# How far ahead of this machine's clock an entry may be: a watch or phone a few minutes fast
# is normal; anything later is a time that has not happened yet.
FUTURE_LEEWAY = dt.timedelta(minutes=5)
# The UTC offsets clocks have used since 1900 (Kiribati's +14:00 is the furthest ahead).
OFFSETS = (dt.timedelta(hours=-12), dt.timedelta(hours=14))
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


INTENSITY_RANGE = (1, 5)  # 1 barely noticeable, 5 severe
LONGEST_TWITCH_S = 24 * 3600


def intensity(value: object) -> int:
    """A twitch's intensity as stored, from whatever gave it (a form, a file, the twitch before)."""
    return integer_in_range("intensity", value, *INTENSITY_RANGE)


def twitch_duration(value: object) -> int:
    """A twitch's duration in whole seconds as stored: it lasted some time (a twitch not timed
    has none, never 0), at most a day."""
    return integer_in_range("duration", value, 1, LONGEST_TWITCH_S)


def moment(field: str, value: dt.datetime, now: dt.datetime) -> dt.datetime:
    """`value` if it is aware, from 1900 on, at most FUTURE_LEEWAY after `now`, and its UTC offset
    is one the diary can store exactly (whole minutes, within the offsets clocks use)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError(field, value.isoformat(), "a time with a UTC offset")
    earliest(field, value)
    utc_offset(field, value)
    if value - now > FUTURE_LEEWAY:
        raise InputError(field, value.isoformat(), f"a time no later than now ({_clock_now(now)}); {_leeway()}")
    return value


def earliest(field: str, value: dt.date) -> None:
    """Refuse a date or time before EARLIEST_YEAR."""
    if value.year < EARLIEST_YEAR:
        kind = "times" if isinstance(value, dt.datetime) else "dates"
        raise InputError(field, value.isoformat(), f"{kind} from {EARLIEST_YEAR} on")


def utc_offset(field: str, value: dt.datetime) -> None:
    """Refuse an offset the schema cannot keep exactly: it stores whole minutes, so an offset
    with seconds (+00:00:30) would come back from an export on another instant, or another day."""
    offset = value.utcoffset()
    assert offset is not None
    if offset % dt.timedelta(minutes=1):
        raise InputError(field, value.isoformat(), "a UTC offset in whole minutes, like +05:30")
    if not OFFSETS[0] <= offset <= OFFSETS[1]:
        raise InputError(field, value.isoformat(), "a UTC offset from -12:00 to +14:00")


def calendar_day(field: str, value: dt.date, today: dt.date) -> dt.date:
    """`value` if it is from 1900 on and not after `today` (a day yet to come has nothing to log).

    The one rule for "a date after today", for `log`, the store and every import: `today` is
    the person's local day (`local_now().date()`), not the latest day somewhere on Earth. Only a
    twitch's own moment may fall on a later local day (logged in a zone ahead); that is checked
    as a time (`moment`), not here."""
    earliest(field, value)
    if value > today:
        raise InputError(field, value.isoformat(), f"today ({today.isoformat()}) or earlier")
    return value


def day_without_twitches(day: dt.date, logged: int) -> None:
    """Refuse a "no twitches" answer for a day that has `logged` twitches: the diary never says both."""
    if logged:
        raise InputError("date", day.isoformat(), f"a day without twitches ({logged} logged; delete them first)")


def _clock_now(now: dt.datetime) -> str:
    return f"{now:%H:%M} on {now.day} {now:%b %Y}"


def _leeway() -> str:
    return f"{FUTURE_LEEWAY.seconds // 60} minutes' leeway for clocks that disagree"


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


MAX_UNIT_CHARS = 40


def note(field: str, value: str) -> str:
    if len(value) > MAX_NOTE_CHARS:
        raise InputError(field, value, f"at most {MAX_NOTE_CHARS} characters")
    if "\x00" in value:
        raise InputError(field, value, "text without NUL characters")
    return value


def unit(field: str, value: str) -> str:
    """A unit as it is printed beside every value ("mg", "glasses"): one short line of text."""
    if len(value) > MAX_UNIT_CHARS or not value.isprintable():
        raise InputError(field, value, f"up to {MAX_UNIT_CHARS} printable characters on one line")
    return value


def choice(field: str, value: str, enum: type[_Choice]) -> _Choice:
    """The member of a string enum that `value` names (case and surrounding space ignored), by
    its stored value or another spelling of it ("centre" for the stored "center")."""
    from tracker.core.formatting import TYPED_SPELLINGS

    text = value.strip().lower()
    try:
        return enum(TYPED_SPELLINGS.get(text, text))
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


# A number as people and spreadsheets write it, in ASCII: 95, -2, 6.5, .5, 1e3. Not Python's
# wider float() syntax: "1_000", full-width digits and "infinity" are not what anyone typed.
NUMBER_TEXT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)


def number_text(field: str, text: str, *, allowed: str = "a number like 95, 6.5 or -2") -> float:
    """The number `text` writes; InputError for anything else (saying `allowed`: a factor's
    own range, where there is one), and for a value too small or too large to keep as written
    (1e-400 would be stored as 0, a value nobody gave)."""
    raw = text.strip()
    if not NUMBER_TEXT.fullmatch(raw):
        raise InputError(field, text, allowed)
    number = float(raw)
    mantissa = raw.lower().split("e")[0]
    if not math.isfinite(number) or (number == 0 and any(ch in "123456789" for ch in mantissa)):
        raise InputError(field, text, "a number that can be kept as written (not 0 or infinite once stored)")
    return number


def stopped_after_start(field: str, stopped: dt.date, started: dt.date) -> dt.date:
    """`stopped` if it is on or after `started`: the one rule for a medication's and an
    intervention's stop."""
    if stopped < started:
        raise InputError(field, stopped.isoformat(), f"on or after the start, {started.isoformat()}")
    return stopped


MAX_MEDICATION_CHARS = 80  # a drug's name, and its dose as written ("20 mg daily, tapering")
_checked_note = note  # medication() below takes a parameter of the same name


def medication(
    *, name: str, dose: str, started: dt.date | None, stopped: dt.date | None, note: str, today: dt.date
) -> tuple[str, str, dt.date | None, dt.date | None, str]:
    """A medication's name, dose, start, stop and note as stored, every field checked (the one
    home of these rules, for an add, an edit, a stop and an import alike): either date may be
    unknown (None), neither after today, and a stop never before the start."""
    name = name.strip()
    if not name or len(name) > MAX_MEDICATION_CHARS or not name.isprintable():
        raise InputError("name", name, f"a name of 1 to {MAX_MEDICATION_CHARS} printable characters on one line")
    dose = dose.strip()
    if len(dose) > MAX_MEDICATION_CHARS or not dose.isprintable():
        raise InputError("dose", dose, f"up to {MAX_MEDICATION_CHARS} printable characters on one line")
    if started is not None:
        calendar_day("started", started, today)
    if stopped is not None:
        calendar_day("stopped", stopped, today)
    if started is not None and stopped is not None:
        stopped_after_start("stopped", stopped, started)
    return name, dose, started, stopped, _checked_note("note", note)
