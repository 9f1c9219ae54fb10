"""One calendar day as the export, the analysis and the TUI see it. Pure; no pandas.

`None` always means "not logged". An untracked day has every value `None`; a tracked day
with no twitches has `episodes == 0`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.vocabulary import DailyRule


@dataclass(frozen=True)
class DailyRow:
    date: dt.date
    tracked: bool
    episodes: int | None = None
    total_duration_s: int | None = None  # None also when no episode had a duration
    max_intensity: int | None = None
    mean_intensity: float | None = None
    locations: tuple[str, ...] = ()
    factors: dict[str, float | None] = field(default_factory=dict)  # by column name
    red_flags: tuple[str, ...] = ()
    note: str = ""


def daily_value(rule: str, values: Iterable[float]) -> float | None:
    """A day's value from its timestamped entries (in time order), or None if there are none."""
    values = list(values)
    if not values:
        return None
    match DailyRule(rule):
        case DailyRule.SUM:
            return float(sum(values))
        case DailyRule.MEAN:
            return float(sum(values) / len(values))
        case DailyRule.MAX:
            return float(max(values))
        case DailyRule.LAST:
            return float(values[-1])
    raise AssertionError(rule)


def date_range(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every calendar day from start to end, inclusive."""
    return [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]
