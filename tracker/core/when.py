"""Parsing what people type for times, dates and durations.

A time typed without an offset is a wall-clock time in this machine's zone, read with the
zone database (zoneinfo): a time the clocks skipped is refused, naming the gap, and a time
they showed twice is taken the first time, and said so. `local_moment` is the one place a
wall-clock time becomes an instant; the command line, the CSV import and the TUI's forms
all go through it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from tracker.core import validate
from tracker.core.amounts import decimal_text
from tracker.core.clock import local_now as local_now  # its home; read here by most callers
from tracker.errors import InputError

WHEN_ALLOWED = "now, HH:MM, yesterday HH:MM, or ISO 8601 like 2026-11-20T08:15 (offset optional)"
DATE_ALLOWED = "a date like 2026-11-20, 26 nov, monday, today, yesterday or -3 (3 days back)"
_DAYS_BACK = re.compile(r"-(?P<days>\d{1,5})", re.ASCII)
# English month names, not the locale's (calendar.month_name follows it): "26 nov" reads alike everywhere.
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")  # fmt: skip
# English weekday names, as the months: "monday" is the last Monday up to today (today on a
# Monday), "last monday" the last one before today (a week ago on a Monday, as people say it).
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"^(?P<last>last\s+)?(?P<name>[a-z]{3,})\.?$")
_DAY_MONTH = re.compile(  # "26 nov", "26 November", "nov 26"
    r"^(?:(?P<day>\d{1,2})\s*(?P<month>[a-z]{3,})\.?|(?P<month2>[a-z]{3,})\.?\s*(?P<day2>\d{1,2}))$"
)
DURATION_ALLOWED = "seconds (90), or 30s, 30 sec, 2 min, 1m30s, 1:30, 1h (at most 24 h)"
TWITCH_DURATION_ALLOWED = DURATION_ALLOWED + ", more than 0 (empty when not timed)"
_CLOCK = re.compile(r"^(?P<h>\d{1,2}):(?P<m>\d{2})$")
_DURATION_CLOCK = re.compile(r"^(\d+):([0-5]\d)(?::([0-5]\d))?$")
_NUMBER = r"\d+(?:\.\d+)?"
# Hours, minutes, seconds in that order, each a number with a unit letter or word ("2m",
# "2 min", "30 seconds"); the last may be a bare number of seconds ("1m30", "90").
_DURATION = re.compile(
    rf"^(?:(?P<h>{_NUMBER})\s*(?:h|hrs?|hours?)\s*)?"
    rf"(?:(?P<m>{_NUMBER})\s*(?:m|mins?|minutes?)\s*)?"
    rf"(?:(?P<s>{_NUMBER})\s*(?:s|secs?|seconds?)?)?$"
)


@dataclass(frozen=True)
class Moment:
    """An aware time, and what was assumed to get there ("" when nothing was)."""

    at: dt.datetime
    assumed: str = ""


def local_zone() -> dt.tzinfo:
    """This machine's time zone from the zone database: `TZ`, else the system setting.

    Raises InputError when `TZ` names no zone the database knows (a POSIX rule such as
    "CET-1CEST" cannot tell which hour a date skipped, so it is not guessed at).
    """
    return _zone_for(os.environ.get("TZ"))


@functools.lru_cache(maxsize=8)
def _zone_for(tz_setting: str | None) -> dt.tzinfo:
    """The zone for one value of `TZ` (cached per value, so a changed `TZ` is seen)."""
    if tz_setting == "":
        return dt.UTC  # what an empty TZ means to the C library, which gives this program "now"
    import warnings
    from zoneinfo import ZoneInfoNotFoundError

    # deferred: tzlocal imports logging (~20 ms), and only a typed wall-clock time needs it.
    # tzlocal reads TZ and the other places systems keep the zone (Linux distributions, macOS,
    # Windows' registry), which a hand-written lookup would get wrong somewhere.
    import tzlocal

    try:
        with warnings.catch_warnings():
            # A system whose files disagree about the zone gets tzlocal's best reading rather
            # than a multi-line warning in the middle of a one-line answer.
            warnings.simplefilter("ignore")
            return tzlocal.reload_localzone()
    except ZoneInfoNotFoundError:
        raise InputError(
            "TZ", tz_setting or "", "a zone name from the time zone database, like Europe/London"
        ) from None


def local_moment(naive: dt.datetime, *, zone: dt.tzinfo | None = None, field: str = "at") -> Moment:
    """The instant a wall-clock time in `zone` (default: this machine's) names.

    Raises InputError for a time the clocks skipped (naming the gap), for a zone whose offset
    then had seconds in it (the diary stores whole minutes), and before 1900. A time the
    clocks showed twice is the first of the two, and `assumed` says so.
    """
    validate.earliest(field, naive)
    zone = zone or local_zone()
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    try:
        round_trip = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    except OverflowError:
        raise InputError(field, _shown(naive), "a time from 1900 up to now") from None
    if round_trip != naive:
        raise InputError(field, _shown(naive), _gap(naive, zone))
    offset = first.utcoffset()
    assert offset is not None
    if offset % dt.timedelta(minutes=1):
        minutes = round(offset.total_seconds() / 60)
        example = naive.replace(tzinfo=dt.timezone(dt.timedelta(minutes=minutes)))
        raise InputError(
            field,
            _shown(naive),
            f"local time in {_zone_name(zone)} was UTC{_offset(offset)} then and the diary keeps whole-minute "
            f"offsets: give one, like {_shown(example)}",
        )
    second_offset = second.utcoffset()
    if second_offset is not None and second_offset != offset:
        later = naive.replace(tzinfo=dt.timezone(second_offset))
        return Moment(
            first,
            f"{naive:%H:%M} came twice on {_day(naive)} in {_zone_name(zone)}, as the clocks went back: took the "
            f"first, {_offset(offset)}; for the second, give {_shown(later)}",
        )
    return Moment(first)


def read_when(text: str, *, now: dt.datetime, zone: dt.tzinfo | None = None, field: str = "at") -> Moment:
    """WHEN as typed: now, HH:MM, today/yesterday HH:MM, or ISO 8601 with or without an offset.

    A bare HH:MM still to come today (beyond the leeway for clocks that disagree) is refused,
    naming `yesterday HH:MM` for the day before: never moved to another day unasked. A moment
    too far ahead is refused by the store's rule (validate.moment, which the TUI and the import
    are held to as well), here with the text as it was typed rather than as the instant it became.
    """
    moment = _read_when(text, now=now, zone=zone, field=field)
    try:
        validate.moment(field, moment.at, now)
    except InputError as exc:
        raise InputError(field, text, exc.allowed) from None
    return moment


def _read_when(text: str, *, now: dt.datetime, zone: dt.tzinfo | None, field: str) -> Moment:
    raw = text.strip().lower()
    if raw in ("", "now"):
        return Moment(now)
    day, named_day = now.date(), False
    for word, shift in (("yesterday", 1), ("today", 0)):
        if raw.startswith(word + " "):
            raw, day, named_day = raw[len(word) + 1 :].strip(), day - dt.timedelta(days=shift), True
            break
    clock = _CLOCK.match(raw)
    if clock:
        hour, minute = int(clock["h"]), int(clock["m"])
        if hour > 23 or minute > 59:
            raise InputError(field, text, WHEN_ALLOWED)
        naive = dt.datetime.combine(day, dt.time(hour, minute))
        if not named_day and _still_to_come(naive, now, zone):
            # Most likely a slip (19:34 typed as 23:59), or today meant: read as yesterday, it
            # would put the entry on another day without being asked to. Yesterday is said.
            wall_now = now.astimezone(zone or local_zone())
            raise InputError(
                field,
                text,
                f"{naive:%H:%M} is later than now ({wall_now:%H:%M}); for yesterday say --at 'yesterday {naive:%H:%M}'",
            )
        return local_moment(naive, zone=zone, field=field)
    if named_day:
        raise InputError(field, text, WHEN_ALLOWED)
    try:
        parsed = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(field, text, WHEN_ALLOWED) from None
    if parsed.tzinfo is None:
        return local_moment(parsed, zone=zone, field=field)
    return Moment(parsed)


def offset_minutes(moment: dt.datetime) -> int:
    """The UTC offset of an aware `moment` in whole minutes, as the schema keeps it (+05:30 -> 330)."""
    offset = moment.utcoffset()
    if offset is None:  # a naive time has no offset to keep: a caller's mistake, not the person's
        raise ValueError(f"{moment.isoformat()} has no UTC offset")
    return int(offset.total_seconds() // 60)


def moment_on(day: dt.date, *, now: dt.datetime) -> dt.datetime:
    """Now's wall-clock time on `day` (aware, local): the time an entry for another day gets
    when none is given, in the TUI and for `tracker log twitch --date`. Where the clocks skipped
    that time on that day, midday, which no zone skips (not a moment on the day before)."""
    if day == now.date():
        return now
    try:
        return local_moment(dt.datetime.combine(day, now.time().replace(second=0, microsecond=0))).at
    except InputError:
        return local_moment(dt.datetime.combine(day, dt.time(12))).at


def parse_when(text: str, *, now: dt.datetime) -> dt.datetime:
    """An aware datetime from WHEN (see read_when, which also says what it assumed)."""
    return read_when(text, now=now).at


def spoken(moment: dt.datetime, *, now: dt.datetime) -> str:
    """When, as a confirmation says it: "today 08:15", "yesterday 23:00", "Fri 20 Nov 2026 08:15"."""
    days_ago = (now.date() - moment.date()).days
    word = {0: "today", 1: "yesterday"}.get(days_ago, f"{moment:%a} {_day(moment)}")
    return f"{word} {moment:%H:%M}"


AT_WITH_DATE = '--at HH:MM with --date YYYY-MM-DD, or --at "YYYY-MM-DD HH:MM" alone'


def at_on_date(at: str, date: str, *, now: dt.datetime) -> Moment:
    """--at HH:MM given with --date: that clock time on that day. Any other --at (a date of its
    own, "now", "yesterday 9:00") cannot be told apart from the --date, so it is refused in one
    line saying what is allowed."""
    try:
        clock = parse_clock(at, field="--at")  # 9:05, 09:05, 8:15am: as a time alone takes them
    except InputError:
        raise InputError("--at/--date", f"--at {at} --date {date}", AT_WITH_DATE) from None
    day = parse_date(date, today=now.date(), field="--date")
    return read_when(f"{day.isoformat()} {clock:%H:%M}", now=now, field="--at")


def parse_date(text: str, *, today: dt.date, field: str = "date") -> dt.date:
    raw = text.strip().lower()
    if raw == "today":
        return today
    if raw == "yesterday":
        return today - dt.timedelta(days=1)
    if match := _DAYS_BACK.fullmatch(raw):  # -3: three days back, as the app's "go to a day" takes it
        try:
            return today - dt.timedelta(days=int(match["days"]))
        except OverflowError:
            raise InputError(field, text, DATE_ALLOWED) from None
    if (match := _WEEKDAY.match(raw)) and (day := _weekday(match["name"], today, before=bool(match["last"]))):
        return day
    if match := _DAY_MONTH.match(raw):
        return _day_and_month(int(match["day"] or match["day2"]), match["month"] or match["month2"], today, field, text)
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise InputError(field, text, DATE_ALLOWED) from None


def _weekday(name: str, today: dt.date, *, before: bool) -> dt.date | None:
    """ "monday", "mon": the last such day up to today (`before`: up to yesterday); None when
    `name` starts no weekday's name."""
    days = [number for number, word in enumerate(_WEEKDAYS) if word.startswith(name)]
    if len(days) != 1:
        return None
    back = (today.weekday() - days[0]) % 7
    return today - dt.timedelta(days=back or (7 if before else 0))


def _day_and_month(day: int, month_name: str, today: dt.date, field: str, text: str) -> dt.date:
    """ "26 nov": the last 26 November up to today (this year's, else last year's)."""
    months = [number for number, name in enumerate(_MONTHS, 1) if name.startswith(month_name)]
    if len(months) != 1:
        raise InputError(field, text, DATE_ALLOWED + " (a month name, like jan or january)")
    for year in (today.year, today.year - 1):
        with contextlib.suppress(ValueError):  # 29 feb only in a leap year
            if (date := dt.date(year, months[0], day)) <= today:
                return date
    raise InputError(field, text, DATE_ALLOWED + " (a day of that month, this year or last)")


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def parse_file_date(text: str, *, field: str = "date") -> dt.date:
    """A date in a file: YYYY-MM-DD only. Words like today would move the row to a new day each
    time the file is imported, and compact forms (20261120, 2026-W47-5) are not what exports write."""
    raw = text.strip()
    if ISO_DATE.fullmatch(raw):
        with contextlib.suppress(ValueError):  # 2026-02-30 has the shape but is no date
            return dt.date.fromisoformat(raw)
    raise InputError(field, text, "a date written YYYY-MM-DD, like 2026-11-20")


def parse_duration(text: str) -> int:
    """Whole seconds from 90, 30s, 30 sec, 2 min, 1m30s, 1:30 or 1h (a typed 1.5 s is 2)."""
    return round(_duration_seconds(text))


def parse_file_duration(text: str) -> int:
    """Whole seconds from a file's duration cell, read as parse_duration reads it; a fraction of
    a second is refused, as a fractional intensity is: the diary keeps whole seconds and a file
    (its own export too) writes them, so 1.5 would be a value nobody gave."""
    seconds = _duration_seconds(text)
    if not seconds.is_integer():
        raise InputError("duration_s", text, "whole seconds (the diary keeps no fractions of a second)")
    return int(seconds)


def _duration_seconds(text: str) -> float:
    raw = text.strip().lower()
    if clock := _DURATION_CLOCK.match(raw):  # 1:30 is a minute and a half, 1:02:03 an hour on
        parts = [int(part) for part in clock.groups() if part is not None]
        seconds = float(sum(part * 60**power for power, part in enumerate(reversed(parts))))
    elif (match := _DURATION.match(raw)) and raw and any(match.groupdict().values()):
        seconds = float(match["h"] or 0) * 3600 + float(match["m"] or 0) * 60 + float(match["s"] or 0)
    else:
        raise InputError("duration", text, DURATION_ALLOWED)
    if seconds > 24 * 3600:
        raise InputError("duration", text, DURATION_ALLOWED)
    return seconds


def parse_twitch_duration(text: str) -> int:
    """Whole seconds a twitch lasted, as parse_duration reads them; a twitch lasts some time,
    so 0 (or less than half a second) is refused: a twitch that was not timed has no duration."""
    seconds = parse_duration(text)
    if seconds <= 0:
        raise InputError("duration", text, TWITCH_DURATION_ALLOWED)
    return seconds


def _still_to_come(naive: dt.datetime, now: dt.datetime, zone: dt.tzinfo | None) -> bool:
    """Whether today's `naive` wall-clock time is later than now, beyond the leeway."""
    try:
        at = local_moment(naive, zone=zone).at
    except InputError:
        # Skipped by the clocks today (or not placeable): still to come if later on the wall clock.
        wall_now = now.astimezone(zone or local_zone()).replace(tzinfo=None)
        return naive > wall_now + validate.FUTURE_LEEWAY
    return at - now > validate.FUTURE_LEEWAY


def _gap(naive: dt.datetime, zone: dt.tzinfo) -> str:
    """ "01:00–02:00 does not exist on 29 Mar 2026 in Europe/London: clocks went forward"."""
    before = naive.replace(tzinfo=zone, fold=0).utcoffset()
    after = naive.replace(tzinfo=zone, fold=1).utcoffset()
    assert before is not None and after is not None
    # The clocks changed at an instant in (naive - after, naive - before]: find it to the second.
    low, high = (naive - after).replace(tzinfo=dt.UTC), (naive - before).replace(tzinfo=dt.UTC)
    while high - low > dt.timedelta(seconds=1):
        middle = low + (high - low) // 2
        if middle.astimezone(zone).utcoffset() == after:
            high = middle
        else:
            low = middle
    start, end = (high + before).replace(tzinfo=None), (high + after).replace(tzinfo=None)
    if end - start < dt.timedelta(days=1):
        span = f"{start:%H:%M}–{end:%H:%M} does not exist on {_day(start)}"
    else:
        span = f"{_day(start)} {start:%H:%M} to {_day(end)} {end:%H:%M} does not exist"
    return f"{span} in {_zone_name(zone)}: clocks went forward"


def _shown(moment: dt.datetime) -> str:
    """ISO 8601 to the minute, or to the second when there are seconds."""
    return moment.isoformat(timespec="seconds" if moment.second or moment.microsecond else "minutes")


def _day(moment: dt.date) -> str:
    return f"{moment.day} {moment:%b %Y}"


def _zone_name(zone: dt.tzinfo) -> str:
    return zone.key if isinstance(zone, ZoneInfo) and zone.key else str(zone)


def _offset(offset: dt.timedelta) -> str:
    """+01:00, -03:00, +00:19:32."""
    sign = "-" if offset < dt.timedelta(0) else "+"
    seconds = abs(int(offset.total_seconds()))
    text = f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
    return text + (f":{seconds % 60:02d}" if seconds % 60 else "")


HOURS_ALLOWED = "hours like 6.5, 6:10 or 6h10"
CLOCK_ALLOWED = "a time like 23:30, 7:00, 0700 or 8:15am"
_HOURS = re.compile(r"^(?P<h>\d{1,2})(?::(?P<colon>\d{2})|h(?P<after_h>\d{1,2})?m?)$")
_CLOCK_ANY = re.compile(r"^(?P<h>\d{1,2})(?:[:.]?(?P<m>\d{2}))?\s*(?:(?P<half>[ap])\.?\s*m\.?)?$", re.IGNORECASE)


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
        return float(decimal_text(raw, field=field, shown=text))
    except ValueError:
        raise InputError(field, text, HOURS_ALLOWED) from None


# The longest sleep read from bed and wake times. Longer, the times are far likelier a slip (bed
# 7:00 for 19:00, the two swapped) than a night: bed 7:00, wake 6:00 would be 23 h.
LONGEST_NIGHT_H = 16


def sleep_between(
    bed: str, wake: str, *, wake_day: dt.date | None = None, now: dt.datetime | None = None
) -> tuple[float, str]:
    """Hours slept from a bed and a wake time as typed (past midnight or not), to two decimals,
    and the note saying them ("bed 23:50, wake 07:30"). InputError for a time it cannot read,
    a wake time equal to the bed time, or a night longer than LONGEST_NIGHT_H; given the
    `wake_day` and `now`, also for a wake time still to come (clock_on: the rule of every
    time typed, the command line's `--at` included)."""
    bed_at, wake_at = parse_clock(bed, field="bed"), parse_clock(wake, field="wake")
    minutes = (wake_at.hour * 60 + wake_at.minute - bed_at.hour * 60 - bed_at.minute) % (24 * 60)
    if minutes == 0:  # 0 h or a whole day: the times alone cannot say, so neither is guessed
        raise InputError("wake", wake, "a time other than the bed time (for 0 or 24 h, type the hours)")
    if minutes > LONGEST_NIGHT_H * 60:
        raise InputError(
            "wake",
            wake,
            f"a time at most {LONGEST_NIGHT_H} h after bed {bed_at:%H:%M} (this reads as {minutes // 60} h "
            f"{minutes % 60:02d} min; for a longer sleep type the hours)",
        )
    if wake_day is not None and now is not None:  # last: a night that cannot be is said first
        clock_on(wake_day, wake, now=now, field="wake")
    return round(minutes / 60, 2), f"bed {bed_at:%H:%M}, wake {wake_at:%H:%M}"


def clock_on(day: dt.date, text: str, *, now: dt.datetime, field: str = "time") -> dt.datetime:
    """The time `text` (as parse_clock reads it) on `day`: `--at "YYYY-MM-DD HH:MM"` on the
    command line, read by the same rule (read_when): placed by the zone database (a skipped time
    is refused, naming the gap) and refused when still to come. InputError names what was typed."""
    clock = parse_clock(text, field=field)
    try:
        return read_when(f"{day.isoformat()}T{clock:%H:%M}", now=now, field=field).at
    except InputError as exc:
        raise InputError(field, text, exc.allowed) from None


def past_day(text: str, *, today: dt.date, field: str = "date") -> dt.date:
    """The day `text` names (parse_date), refused when before 1900 or after `today` by the rule
    of `tracker log --date` (validate.calendar_day): the app's date boxes and the command line
    judge a day the same way. The refusal says the range and the forms a day is typed in."""
    allowed = f"a day from {validate.EARLIEST_YEAR}-01-01 to today: {DATE_ALLOWED}"
    try:
        return validate.calendar_day(field, parse_date(text, today=today, field=field), today)
    except InputError:
        raise InputError(field, text, allowed) from None


def parse_clock(text: str, *, field: str = "time") -> dt.time:
    """A wall-clock time from 23:30, 7:00, 7.00, 0700, 7 (hours alone), 8:15am or 8:15 pm."""
    match = _CLOCK_ANY.match(text.strip())
    if not match or int(match["m"] or 0) > 59:
        raise InputError(field, text, CLOCK_ALLOWED)
    hour, half = int(match["h"]), (match["half"] or "").lower()
    if half:  # 12-hour clock: 12am is midnight, 12pm noon
        if not 1 <= hour <= 12:
            raise InputError(field, text, CLOCK_ALLOWED + " (1–12 with am or pm)")
        hour = hour % 12 + (12 if half == "p" else 0)
    elif hour > 23:
        raise InputError(field, text, CLOCK_ALLOWED)
    return dt.time(hour, int(match["m"] or 0))
