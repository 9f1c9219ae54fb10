"""Numbers and the tool's own words as text, the same in the CSV files, the command line,
the TUI and the report.

Standard library only: the TUI imports it before the database stack is loaded. The words
here turn stored values (`upper-lip`, `center`, `eye-closure`) into what a person reads
("upper lip (center)", "eye closure"); the CSV files keep the stored values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext

EXPORT_DECIMALS = 6  # what format_number keeps after the point


def format_number(value: float | int | None) -> str:
    """Numbers that read back to the same text: 190, 6.5, 7.666667; empty for None."""
    if value is None:
        return ""
    text = f"{float(value):.{EXPORT_DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def range_words(low: float | None, high: float | None, unit: str = "") -> str:
    """A factor's range as people read it: "0–10", "0 or more ml" (no ceiling), "any value"."""
    if low is None and high is None:
        return "any value"
    if high is None:
        return f"{format_number(low)} or more {unit}".strip()
    if low is None:
        return f"up to {format_number(high)} {unit}".strip()
    return f"{format_number(low)}–{format_number(high)} {unit}".strip()


def plural(count: int, noun: str, many: str = "") -> str:
    """The count with its noun in the right number: "1 day", "14 days", "2 entries" (`many`
    names the plural when it is not the noun with an s or, after s, x, ch and sh, es: "2 twitches")."""
    regular = noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")
    return f"{count} {noun if count == 1 else (many or regular)}"


def same_number(stored: float, written: str) -> bool:
    """Whether `written` (a number as a file wrote it) says `stored`, compared at the finer of
    the file's precision and format_number's: 4.0000001 is not 4, 0.333333 is 1/3 as exported."""
    given = Decimal(written.strip())
    written_exponent = given.as_tuple().exponent
    if not isinstance(written_exponent, int):  # "n", "N", "F": NaN or infinity, never a stored value
        return False
    exponent = min(written_exponent, -EXPORT_DECIMALS)
    with localcontext(prec=1000):  # room for any finite float at any precision a cell can write
        step = Decimal(1).scaleb(exponent)
        return given.quantize(step) == Decimal(repr(float(stored))).quantize(step)


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


def ordinal(number: int) -> str:
    """A count's place in words: "first", "second", ... "fifth", then "6th"."""
    return ORDINALS.get(number, f"{number}th")


ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


def days(count: int) -> str:
    """The count with "day" or "days": 1 day, 14 days."""
    return plural(count, "day")


def hours_words(hours: float, *, compact: bool = False) -> str:
    """Hours as people say them: 6.4167 -> "6 h 25 min", 7 -> "7 h", 0.5 -> "30 min"; compact
    (a narrow table cell): "6h25", "7h", "0h30"."""
    whole, minutes = divmod(round(hours * 60), 60)
    if compact:
        return f"{whole}h{minutes:02d}" if minutes else f"{whole}h"
    return " ".join([f"{whole} h"] * bool(whole) + [f"{minutes} min"] * bool(minutes)) or "0 min"


def cell_words(value: float | None, unit: str, kind: str = "", *, compact: bool = False) -> str:
    """A factor's value in a table whose column is headed by the factor (column_label): hours
    in hours and minutes, as everywhere else ("7 h 30 min", never 7.5), yes / no, else the
    number alone (the unit is in the heading). Empty for None."""
    if value is None:
        return ""
    if unit == "h" or (kind == "yes-no" and value in (0, 1)):
        return hours_words(value, compact=compact) if unit == "h" else amount_words(value, unit, kind)
    return format_number(value)


def column_label(name: str, unit: str) -> str:
    """A factor column's heading: "caffeine (mg)"; "sleep" (its cells say h and min)."""
    return f"{name} ({unit})" if unit and unit != "h" else name


def amount_words(value: float | int | None, unit: str, kind: str = "") -> str:
    """A factor's value with its unit as a person reads it: "95 mg", "6 h 25 min" (hours in
    hours and minutes, not 6.42 h), "4" for a value without a unit, and "yes" / "no" for a
    yes-no factor (stored 1 / 0)."""
    if kind == "yes-no" and value in (0, 1):  # FactorKind.YES_NO
        return "yes" if value == 1 else "no"
    if unit == "h" and value is not None:
        return hours_words(value)
    return f"{format_number(value)} {unit_for(value, unit)}".strip()


# A unit that is an English plural (units, cups, glasses, cigarettes) is singular for one: "1 unit".
# Abbreviations (mg, ml, hrs, kcal) have no singular of their own and are left as they are.
_PLURAL_WORD = re.compile(r"[a-z]{3,}(?<!s)(?:es|s)", re.IGNORECASE)
_ES_AFTER = ("ss", "x", "ch", "sh")  # glasses, boxes, pouches: -es; else (units, cigarettes) -s
ABBREVIATIONS = {"hrs", "mins", "secs", "kcals", "lbs", "ozs", "mls", "mgs"}


def unit_for(value: float | int | None, unit: str) -> str:
    """The unit as it reads after `value`: "units" after 2, "unit" after 1 (a unit of one's own
    typed as a plural); every other unit as it is."""
    if value != 1 or not _PLURAL_WORD.fullmatch(unit) or unit.lower() in ABBREVIATIONS:
        return unit
    stem = unit[:-2] if unit.lower().endswith("es") else unit[:-1]
    return stem if unit.lower().endswith("es") and stem.lower().endswith(_ES_AFTER) else unit[:-1]


def day_total_words(name: str, unit: str, *, day: dt.date, total: float, entries: int) -> str:
    """What a factor that adds up over the day comes to after one more entry:
    "sleep on Sat 28 Nov is now 14 h 30 min from 2 entries"."""
    count = plural(entries, "entry", "entries")
    return f"{factor_words(name)} on {day_words(day)} is now {amount_words(total, unit)} from {count}"


# Other spellings a person may type for a stored choice: the app writes "center" (the stored
# word) everywhere, in every reader, and takes the British "centre" too.
TYPED_SPELLINGS = {"centre": "center"}


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
    "chin (center)", "eyelid (side unspecified)", "unspecified place, left side",
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
            return f"{where} (center)"
        case _:
            return f"{where} (side unspecified)"


def intensity_words(intensity: int | None) -> str:
    """ "intensity 3", or "intensity not given" (never a number nobody gave)."""
    return "intensity not given" if intensity is None else f"intensity {intensity}"


def twitch_words(
    location: str, side: str, intensity: int | None, duration_s: int | None, also: Sequence[tuple[str, str]] = ()
) -> str:
    """A twitch as the person is told it: "right eyelid, intensity 4, 45 s" (no duration when none
    was given); with further sites, every one: "left eyelid + left mouth corner, intensity 3"."""
    length = f", {duration_words(duration_s)}" if duration_s is not None else ""
    where = " + ".join(place_words(*site) for site in [(location, side), *also])
    return f"{where}, {intensity_words(intensity)}{length}"


def factor_words(name: str) -> str:
    """A factor's name as words: names cannot hold spaces, so "screen_time" reads "screen time"."""
    return str(name).replace("_", " ")


def red_flag_words(kind: str) -> str:
    """A red-flag kind as a person names the sign: "eye-closure" -> "eye forced shut" (the one
    list of those words is tracker.core.vocabulary.SIGN_WORDS)."""
    from tracker.core.vocabulary import sign_words  # here, not above: vocabulary imports this module

    return sign_words(kind)


def duration_words(seconds: int) -> str:
    """A duration as a person says it: "45 s", "2 min", "1 min 30 s", "1 h 5 min"."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h"] * bool(hours) + [f"{minutes} min"] * bool(minutes) + [f"{secs} s"] * bool(secs)
    return " ".join(parts) or "0 s"


def report_date(day: dt.date, *, weekday: bool = False, year: bool = True) -> str:
    """The one date form of the visit report and packet: "3 Mar 2026" (no leading zero, the
    month in letters, so no reader mistakes day for month); "Tue 3 Mar 2026" with `weekday`;
    "3 Mar" without `year`, where a heading beside it gives the year."""
    text = f"{day.day} {day:%b}" + f" {day.year}" * year
    return f"{day:%a} {text}" if weekday else text


def report_span(first: dt.date, last: dt.date) -> str:
    """Two dates of the report as a span, "3 Nov 2026 to 28 Nov 2026"; one day is said once
    ("28 Nov 2026"), never "28 Nov 2026 to 28 Nov 2026"."""
    return report_date(first) if first == last else f"{report_date(first)} to {report_date(last)}"


def day_words(day: dt.date, *, today: dt.date | None = None) -> str:
    """A day as people say it: "Mon 30 Nov", with the year when it is not this year's."""
    today = today or dt.date.today()
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def no_twitches_replaced(day: dt.date, *, today: dt.date | None = None, by: str = "logging a twitch") -> str:
    """What a twitch (logged, or `by` an import) does to a day answered "no twitches", said before
    (the TUI) or as it is done (the command line), so the answer is never rewritten silently."""
    return f"{day_words(day, today=today)} was answered 'no twitches'; {by} changes that"


def which_day(day: dt.date, *, today: dt.date) -> str:
    """The day a form writes to, as a heading says it: "today", "yesterday", "on Thu 26 Nov"."""
    if day == today:
        return "today"
    if day == today - dt.timedelta(days=1):
        return "yesterday"
    return f"on {day_words(day, today=today)}"


def twitches_so_far(
    day: dt.date, twitches: Sequence[tuple[str, str, dt.datetime]], *, today: dt.date, checked_in: bool, most: int = 3
) -> str:
    """What a day already holds of twitches, (location, side, local start) each, in one short line
    for the twitch form: "Today so far: 3 twitches (left eyelid ×2, left lower lip), the last at
    14:05"; "Yesterday so far: none yet"; "Thu 26 Nov so far: answered no twitches". The `most`
    commonest places are named, the rest counted."""
    when = which_day(day, today=today).removeprefix("on ")
    head = f"{when[:1].upper()}{when[1:]} so far"
    if not twitches:
        return f"{head}: {'answered no twitches' if checked_in else 'none yet'}"
    counts: dict[str, int] = {}
    for location, side, _ in twitches:
        where = place_words(location, side)
        counts[where] = counts.get(where, 0) + 1
    ranked = sorted(counts, key=lambda where: -counts[where])  # stable: first logged first among equals
    places = [where + (f" ×{counts[where]}" if counts[where] > 1 else "") for where in ranked[:most]]
    if len(ranked) > most:
        places.append(f"{plural(len(ranked) - most, 'more place', 'more places')}")
    last = max(started for _, _, started in twitches)
    return f"{head}: {plural(len(twitches), 'twitch')} ({', '.join(places)}), the last at {last:%H:%M}"


def one_line(text: str) -> str:
    """`text` with its line breaks and runs of spaces as single spaces: a note written over
    several lines, in a listing that gives each entry one line ("slept badly\nlong call" ->
    "slept badly long call"). The note itself keeps its lines (the CSV and the report's notes)."""
    return " ".join(text.split())


# Characters a terminal acts on instead of showing: C0 and C1 controls but the line break and the
# tab, and the bidirectional overrides that reorder what follows them.
_ACTING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """`text` with every character a terminal would act on shown as an escape (ESC as \\x1b):
    a note imported from a file must not move the cursor, rewrite a line or retitle the window."""
    return _ACTING.sub(lambda found: f"\\x{ord(found.group()):02x}" if ord(found.group()) < 0x100
                       else f"\\u{ord(found.group()):04x}", text)  # fmt: skip
