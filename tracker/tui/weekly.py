"""The weeks the Trends screen draws, from the store: what was logged, a week at a time.

Imported on first use (pandas loads with it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from tracker.core.vocabulary import CHART_FACTORS

if TYPE_CHECKING:
    import pandas as pd
    from sqlmodel import Session


TREND_FACTORS = CHART_FACTORS


@dataclass(frozen=True)
class Week:
    start: dt.date  # the Monday
    days_answered: int  # days whose twitches were answered (a twitch, or "no twitches")
    days_in_week: int  # days elapsed: 7, or the days so far in the current week
    episodes: float | None  # None when no day of the week answered for twitches (never 0)
    # Mean over the days it was logged, by column; for a factor logged only when taken
    # (absent means none), over the days answered for twitches, a day without an entry as none.
    factors: dict[str, float | None]


@dataclass(frozen=True)
class Trends:
    today: dt.date
    weeks: list[Week]  # oldest first
    factors: list[tuple[str, str, str]]  # (column, name, unit) in TREND_FACTORS order
    absent_means_none: tuple[str, ...] = ()  # the columns read as none when not logged


def weekly_trends(session: Session, today: dt.date, weeks: int) -> Trends:
    """The last `weeks` ISO weeks (Monday first) up to `today`, oldest first."""
    from tracker.analysis.frame import analysis_frame  # deferred: pandas, ~250 ms
    from tracker.analysis.periods import weekly_summary
    from tracker.storage import store
    from tracker.storage.queries import daily_rows

    start = today - dt.timedelta(days=today.weekday() + 7 * (weeks - 1))
    rows = daily_rows(session=session, start=start, end=today)
    by_column = {f.column: f for f in store.list_factors(session=session)}
    factors = [(c, by_column[c].name, by_column[c].unit) for c in TREND_FACTORS if c in by_column]
    columns = [column for column, _, _ in factors]
    # As the chart and the analysis read them: a coffee-free day answered for twitches is none.
    shown = [by_column[column] for column in columns]
    weekly = weekly_summary(analysis_frame(rows, shown), factors=columns)
    return Trends(
        today=today,
        weeks=[
            Week(
                start=cast("pd.Timestamp", stamp).date(),  # weekly_summary's index: each week's Monday
                days_answered=int(week["days_answered"]),
                days_in_week=int(week["days_in_week"]),
                episodes=_number(week["episodes"]),
                factors={column: _number(week[column]) for column in columns},
            )
            for stamp, week in weekly.iterrows()
        ],
        factors=factors,
        absent_means_none=tuple(f.column for f in shown if f.absent_means_none),
    )


def _number(value: float) -> float | None:
    return None if value != value else float(value)  # NaN (nothing logged) -> None
