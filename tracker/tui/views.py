"""What the screens draw, as plain data read by the Diary in a thread worker: a day (from the
first look or the full read), the History list, and the Today screen's persistence line.
Nothing from the database stack at run time: the first screen paints before it loads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.core.daily import DailyRow, DaySummary, FactorShown
    from tracker.core.vocabulary import Location, Side
    from tracker.storage.models import Factor, Preset


@dataclass(frozen=True)
class DayShown:
    """What the Today screen draws for one day: from the first look, or the full read."""

    summary: DaySummary
    factors: Mapping[int, FactorShown]  # by id, for the entries' names and units
    status_line: str


@dataclass(frozen=True)
class DayView(DayShown):
    """The full read: also what the keys need (defaults, presets, the dose to repeat)."""

    factors: dict[int, Factor]
    unanswered: list[dt.date]  # recent days (newest first, before today) whose twitches were not answered
    episode_defaults: tuple[Location, Side, int | None]
    presets: list[tuple[Preset, Factor]]
    last_magnesium: float | None  # the dose `g` repeats
    repeated_sites: list[tuple[Location, Side]] = field(default_factory=list)  # `t` repeats them with the first


@dataclass(frozen=True)
class HistoryView:
    """What the History screen lists: every day from the first logged one to today."""

    factors: list[Factor]
    rows: list[DailyRow]  # newest first
    today: dt.date  # the day it was read (a new day makes it stale)


def status_line(active_dates: Iterable[dt.date], today: dt.date, onset: dt.date | None = None) -> str:
    """The Today screen's persistence line, from the dates with episodes and the onset given."""
    from tracker.analysis.persistence import persistence  # pure Python
    from tracker.report.course_words import persistence_status_line  # the standard library only

    return persistence_status_line(persistence(active_dates, as_of=today, onset=onset).to_json())
