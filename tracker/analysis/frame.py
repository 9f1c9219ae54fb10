"""The daily frame: one row per calendar day, with NaN where nothing was logged.

The one place the analysis reads a factor's absent-means-none rule (Factor.absent_means_none):
on a day whose twitches were answered, a factor logged only when taken (caffeine, a supplement,
a yes-no factor) and not logged that day had none, so it reads 0. Everywhere else a blank stays
a blank: on a day whose twitches were not answered nobody can say the day was a "none" day, and
storage, exports and the charts keep "not logged" as it was logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from tracker.core.daily import DailyRow

if TYPE_CHECKING:
    import pandas as pd

BASE_COLUMNS = ["tracked", "episodes", "total_duration_s", "max_intensity", "mean_intensity"]


class FactorColumn(Protocol):
    @property
    def column(self) -> str: ...


def reads_absent_as_none(factor: FactorColumn) -> bool:
    """The factor's absent-means-none rule; a factor that does not carry one (a hand-built
    stand-in) keeps every blank unknown, the cautious reading."""
    return bool(getattr(factor, "absent_means_none", False))


def analysis_frame(rows: Sequence[DailyRow], factors: Sequence[FactorColumn]) -> pd.DataFrame:
    """The frame the trigger analysis reads: `daily_frame` with each factor's absent-means-none
    rule applied (see the module docstring), and a factor blank on the days before it was
    tracked (tracker.core.daily.tracked_on): a factor added today is not "none" on the days
    before it existed."""
    return daily_frame(
        rows,
        [factor.column for factor in factors],
        absent_means_none=[factor.column for factor in factors if reads_absent_as_none(factor)],
        tracked_from=tracked_from_days(rows, factors),
    )


def tracked_from_days(rows: Sequence[DailyRow], factors: Sequence[FactorColumn]) -> dict[str, dt.date]:
    """Each factor's first day tracked (column -> day), for the factors added on a known day:
    the day added, or an earlier day logged for it among `rows`."""
    found: dict[str, dt.date] = {}
    for factor in factors:
        since = getattr(factor, "tracked_from", None)
        if since is None:
            continue
        logged = next((row.date for row in rows if row.factors.get(factor.column) is not None), since)
        found[factor.column] = min(since, logged)
    return found


def daily_frame(
    rows: Sequence[DailyRow],
    factor_columns: Sequence[str],
    *,
    absent_means_none: Collection[str] = (),
    tracked_from: Mapping[str, dt.date] | None = None,
) -> pd.DataFrame:
    """A DataFrame indexed by a daily DatetimeIndex named "date".

    Columns: `tracked` (bool), then the float columns `episodes`, `total_duration_s`,
    `max_intensity`, `mean_intensity`, then one float column per factor (by column name).
    Every value on an untracked day is NaN; a factor not logged on a tracked day is NaN, and
    so are the twitch columns of a tracked day whose twitches were not answered (see
    `answered`). A factor named in `absent_means_none` reads 0 instead of NaN on the days
    whose twitches were answered and it was not logged; on every other day it stays NaN. A
    factor in `tracked_from` is NaN on every day before its first day tracked.
    """
    import pandas as pd  # deferred: ~250 ms

    index = pd.DatetimeIndex([pd.Timestamp(row.date) for row in rows], name="date")
    data: dict[str, list[object]] = {
        "tracked": [row.tracked for row in rows],
        "episodes": [_nan(row.episodes) for row in rows],
        "total_duration_s": [_nan(row.total_duration_s) for row in rows],
        "max_intensity": [_nan(row.max_intensity) for row in rows],
        "mean_intensity": [_nan(row.mean_intensity) for row in rows],
    }
    for column in factor_columns:
        data[column] = [_nan(row.factors.get(column)) for row in rows]
    frame = pd.DataFrame(data, index=index)
    frame["tracked"] = frame["tracked"].astype(bool)
    for column in frame.columns.drop("tracked"):
        frame[column] = frame[column].astype("float64")
    if absent_means_none:
        on_answered_days = answered(frame)
        for column in factor_columns:
            if column in absent_means_none:
                frame.loc[on_answered_days & frame[column].isna(), column] = 0.0
    for column, since in (tracked_from or {}).items():
        if column in frame.columns:
            frame.loc[frame.index < pd.Timestamp(since), column] = float("nan")
    return frame


def answered(frame: pd.DataFrame) -> pd.Series:
    """True on the days whose twitches were answered (a count, 0 included): the only days
    that say anything about twitching. A day tracked for a factor alone is not one of them."""
    return frame["episodes"].notna()


def _nan(value: float | None) -> float:
    return float("nan") if value is None else float(value)
