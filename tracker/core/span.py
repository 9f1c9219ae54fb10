"""The days a command works on: the dates asked for, held to the diary's own span.

`--from`, `--to` and `--as-of` may name any date, but the work (a row per day, a frame, a
model) must grow with the diary, not with the dates typed: `--as-of 9999-12-31` once built
three million empty days. A date beyond the span is brought to its edge, and the command
says so; a range with no day of the diary in it is refused. Standard library only.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tracker.errors import InputError


@dataclass(frozen=True)
class Adjusted:
    """A date brought into the diary's span: which option, what was given, what is used, and why."""

    option: str
    given: dt.date
    used: dt.date
    why: str

    def words(self) -> str:
        return clamped_words(self.as_dict())

    def as_dict(self) -> dict[str, Any]:
        return {"option": self.option, "given": self.given.isoformat(), "used": self.used.isoformat(), "why": self.why}


@dataclass(frozen=True)
class Bounded:
    """The given dates (None where not given), each within the span, and what was adjusted."""

    date_from: dt.date | None
    date_to: dt.date | None
    as_of: dt.date | None
    adjusted: tuple[Adjusted, ...] = ()


def clamped_words(item: Mapping[str, Any]) -> str:
    """An adjustment (as in `Adjusted.as_dict`) in words: "--as-of 9999-12-31 is after today: using 2026-11-24"."""
    return f"{item['option']} {item['given']} is {item['why']}: using {item['used']}"


def bound_dates(
    *,
    logged: tuple[dt.date, dt.date] | None,
    today: dt.date,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    as_of: dt.date | None = None,
) -> Bounded:
    """`date_from`, `date_to` and `as_of` held to the span from the first logged day to today
    (or the last logged day, if an entry from a zone ahead is dated later).

    Raises InputError, naming the option, when no day of the span is left: `--to` or
    `--as-of` before the first logged day, `--from` after the end, `--from` after `--as-of`.
    """
    first = logged[0] if logged else today
    last = max(logged[1], today) if logged else today
    after = "after today" if last == today else "after the last logged day"
    before = "before the first logged day" if logged else "before today, and nothing is logged yet"
    adjusted: list[Adjusted] = []

    def upper(option: str, day: dt.date | None) -> dt.date | None:
        if day is not None and day < first:
            allowed = (
                f"a date from the first logged day, {first.isoformat()}, on" if logged else "nothing is logged yet"
            )
            raise InputError(option, day.isoformat(), allowed)
        if day is not None and day > last:
            adjusted.append(Adjusted(option, day, last, after))
            return last
        return day

    as_of = upper("--as-of", as_of)
    date_to = upper("--to", date_to)
    if as_of is not None and date_to is not None and date_to > as_of:
        adjusted.append(Adjusted("--to", date_to, as_of, "after --as-of"))
        date_to = as_of
    if date_from is not None and date_from > (as_of or last):
        limit = f"--as-of ({as_of.isoformat()})" if as_of else f"today ({last.isoformat()})"
        raise InputError("--from", date_from.isoformat(), f"a date on or before {limit}")
    if date_from is not None and date_from < first:
        adjusted.append(Adjusted("--from", date_from, first, before))
        date_from = first
    return Bounded(date_from, date_to, as_of, tuple(adjusted))


# More than a season with nothing logged ends a stretch of tracking: an old import (a few
# Daylio days years ago) or an abandoned first try is not the history a report is read for.
TRACKING_GAP_DAYS = 90


@dataclass(frozen=True)
class Earlier:
    """What was logged before the current stretch of tracking, in one line's worth."""

    first: dt.date
    last: dt.date
    days: int  # days with anything logged
    resumed: dt.date  # the first day logged after the gap

    def words(self, dates: Callable[[dt.date], str] = dt.date.isoformat) -> str:
        """ "Earlier entries, not in this report: 33 days logged from 30 May 2020 to 28 Sep 2021,
        then nothing for about 5 years (`tracker report --from 2020-05-30` includes them)." """
        gap = (self.resumed - self.last).days - 1
        quiet = f"about {round(gap / 365.25)} years" if gap >= 730 else f"{gap} days"
        return (
            f"Earlier entries, not in this report: {self.days} day{'s' * (self.days != 1)} logged from "
            f"{dates(self.first)} to {dates(self.last)}, then nothing for {quiet} (`tracker report --from "
            f"{self.first.isoformat()}` includes them)."
        )


def tracking_start(logged_days: list[dt.date], *, gap_days: int = TRACKING_GAP_DAYS) -> dt.date | None:
    """The first day of the latest stretch of tracking in `logged_days` (sorted): after the last
    gap of more than `gap_days` days with nothing logged. None when nothing is logged."""
    if not logged_days:
        return None
    start = logged_days[0]
    for before, day in itertools.pairwise(logged_days):
        if (day - before).days > gap_days:
            start = day
    return start


def earlier_than(logged_days: list[dt.date], start: dt.date) -> Earlier | None:
    """The days logged before `start` (sorted input), or None when there are none."""
    before = [day for day in logged_days if day < start]
    return Earlier(before[0], before[-1], len(before), start) if before else None
