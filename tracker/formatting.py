"""Numbers and the tool's own words as text, the same in the CSV files, the command line,
the TUI and the report.

Standard library only: the TUI imports it before the database stack is loaded. The words
here turn stored values (`upper-lip`, `center`, `eye-closure`) into what a person reads
("upper lip, centre", "eye closure"); the CSV files keep the stored values.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal


def format_number(value: float | int | None) -> str:
    """Numbers that read back to the same text: 190, 6.5, 7.666667; empty for None."""
    if value is None:
        return ""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def rounded(value: float | int, digits: int = 1, *, trim: bool = False) -> str:
    """A number shown to `digits` places, halves rounded up as people do: 8.25 -> "8.3",
    1.25 -> "1.3", 2.5 -> "3" (Python's round() and format() give "8.2" and "2").
    With trim, trailing zeros go: "8" rather than "8.0". Every reader (PDF, analyze, TUI)
    rounds through here; the CSV files keep the stored value (format_number)."""
    # repr() is the shortest text that reads back to the float, so 8.25 is "8.25", not
    # 8.2499999...: the half a person sees is the half that is rounded.
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    text = f"{abs(exact) if exact == 0 else exact:f}"  # never "-0.0"
    return text.rstrip("0").rstrip(".") if trim and "." in text else text


def days(count: int) -> str:
    """The count with "day" or "days": 1 day, 14 days."""
    return f"{count} day" if count == 1 else f"{count} days"


def coverage_words(*, days_in_range: int, tracked: int, answered: int) -> str:
    """How much of a range was logged, in the one wording every reader uses: "twitches
    answered on 8 of 9 days; 1 day has only other entries; 2 days have no entry".

    A day's twitches are answered by a twitch or "no twitches"; a day with only a coffee or
    a sleep logged is tracked but its twitches are unknown, so the two counts are named
    apart rather than both called "logged"."""
    parts = [f"twitches answered on {answered} of {days(days_in_range)}"]
    if other := tracked - answered:
        parts.append(f"{days(other)} {'has' if other == 1 else 'have'} only other entries")
    if empty := days_in_range - tracked:
        parts.append(f"{days(empty)} {'has' if empty == 1 else 'have'} no entry")
    return "; ".join(parts)


def place_words(location: str, side: str) -> str:
    """Where a twitch was, as a person says it: "left eyelid", "upper lip (both sides)",
    "chin (centre)", "eyelid (side unspecified)", "unspecified place, left side",
    "place and side unspecified"."""
    location, side = str(location), str(side)
    where = location.replace("-", " ")
    if location == "unspecified":
        return "place and side unspecified" if side == "unspecified" else f"unspecified place, {side} side"
    match side:
        case "left" | "right":
            return f"{side} {where}"
        case "both":
            return f"{where} (both sides)"
        case "center":
            return f"{where} (centre)"
        case _:
            return f"{where} (side unspecified)"


def intensity_words(intensity: int | None) -> str:
    """ "intensity 3", or "intensity not given" (never a number nobody gave)."""
    return "intensity not given" if intensity is None else f"intensity {intensity}"


def factor_words(name: str) -> str:
    """A factor's name as words: names cannot hold spaces, so "screen_time" reads "screen time"."""
    return str(name).replace("_", " ")


def red_flag_words(kind: str) -> str:
    """A red-flag kind as words: "eye-closure" -> "eye closure"."""
    return str(kind).replace("-", " ")


def duration_words(seconds: int) -> str:
    """A duration as a person says it: "45 s", "2 min", "1 min 30 s", "1 h 5 min"."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h"] * bool(hours) + [f"{minutes} min"] * bool(minutes) + [f"{secs} s"] * bool(secs)
    return " ".join(parts) or "0 s"


def day_words(day: dt.date, *, today: dt.date | None = None) -> str:
    """A day as people say it: "Mon 30 Nov", with the year when it is not this year's."""
    today = today or dt.date.today()
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def which_day(day: dt.date, *, today: dt.date) -> str:
    """The day a form writes to, as a heading says it: "today", "yesterday", "on Thu 26 Nov"."""
    if day == today:
        return "today"
    if day == today - dt.timedelta(days=1):
        return "yesterday"
    return f"on {day_words(day, today=today)}"
