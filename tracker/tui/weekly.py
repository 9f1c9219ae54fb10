"""The weeks the Trends screen draws, from the store: what was logged, a week at a time.

The app reads the days (`trend_days`, no pandas); `add_up_weeks` adds them up with pandas in a
process of its own (`python -m tracker.tui.weekly`, fed by `weekly_trends_apart`), so pandas and
numpy (about 55 MB resident) never stay in the app once Trends has been opened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from tracker.core.vocabulary import CHART_FACTORS

if TYPE_CHECKING:
    import pandas as pd
    from sqlmodel import Session

    from tracker.core.daily import DailyRow


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


@dataclass(frozen=True)
class TrendColumn:
    """What adding up needs of a factor (tracker.analysis.frame.FactorColumn), without the database."""

    column: str
    absent_means_none: bool


@dataclass(frozen=True)
class TrendDays:
    """The days the weeks are added up from, as read from the store."""

    today: dt.date
    rows: list[DailyRow]
    factors: list[tuple[str, str, str]]  # (column, name, unit) in TREND_FACTORS order
    columns: list[TrendColumn]


def trend_days(session: Session, today: dt.date, weeks: int) -> TrendDays:
    """The days of the last `weeks` ISO weeks (Monday first) up to `today`."""
    from tracker.storage import store
    from tracker.storage.queries import daily_rows

    start = today - dt.timedelta(days=today.weekday() + 7 * (weeks - 1))
    rows = daily_rows(session=session, start=start, end=today)
    by_column = {f.column: f for f in store.list_factors(session=session)}
    factors = [(c, by_column[c].name, by_column[c].unit) for c in TREND_FACTORS if c in by_column]
    columns = [TrendColumn(column, bool(by_column[column].absent_means_none)) for column, _, _ in factors]
    return TrendDays(today=today, rows=rows, factors=factors, columns=columns)


def add_up_weeks(days: TrendDays) -> Trends:
    """The weeks of `days`, oldest first. Imports pandas."""
    from tracker.analysis.frame import analysis_frame  # deferred: pandas, ~250 ms
    from tracker.analysis.periods import weekly_summary

    columns = [c.column for c in days.columns]
    # As the chart and the analysis read them: a coffee-free day answered for twitches is none.
    weekly = weekly_summary(analysis_frame(days.rows, days.columns), factors=columns)
    return Trends(
        today=days.today,
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
        factors=days.factors,
        absent_means_none=tuple(c.column for c in days.columns if c.absent_means_none),
    )


def weekly_trends_apart(days: TrendDays) -> Trends:
    """`add_up_weeks(days)`, worked out by `python -m tracker.tui.weekly` in a process of its own.

    Raises TrackerError with that process's last line when it fails.
    """
    import pickle
    import subprocess
    import sys

    from tracker.errors import TrackerError

    # pickle, both ways: the only reader of each stream is this same program.
    argv = [sys.executable, "-m", "tracker.tui.weekly"]
    done = subprocess.run(argv, input=pickle.dumps(days), capture_output=True, check=False)
    if done.returncode != 0:
        said = (done.stderr.decode(errors="replace").strip().splitlines() or ["adding up the weeks stopped"])[-1]
        raise TrackerError(said)
    trends = pickle.loads(done.stdout)
    if not isinstance(trends, Trends):
        raise TrackerError("adding up the weeks gave no weeks")
    return trends


def _number(value: float) -> float | None:
    return None if value != value else float(value)  # NaN (nothing logged) -> None


def _add_up_from_stdin() -> None:
    """The child's side of weekly_trends_apart: TrendDays in on stdin, Trends out on stdout."""
    import pickle
    import sys

    days = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps(add_up_weeks(days)))


if __name__ == "__main__":
    # Through the imported module, so that what is pickled names tracker.tui.weekly, not __main__.
    from tracker.tui import weekly

    weekly._add_up_from_stdin()
