"""The daily frame: one row per calendar day, with NaN where nothing was logged."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tracker.core.daily import DailyRow

if TYPE_CHECKING:
    import pandas as pd

BASE_COLUMNS = ["tracked", "episodes", "total_duration_s", "max_intensity", "mean_intensity"]


def daily_frame(rows: Sequence[DailyRow], factor_columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame indexed by a daily DatetimeIndex named "date".

    Columns: `tracked` (bool), then the float columns `episodes`, `total_duration_s`,
    `max_intensity`, `mean_intensity`, then one float column per factor (by column name).
    Every value on an untracked day is NaN; a factor not logged on a tracked day is NaN, and
    so are the twitch columns of a tracked day whose twitches were not answered (see
    `answered`).
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
    return frame


def answered(frame: pd.DataFrame) -> pd.Series:
    """True on the days whose twitches were answered (a count, 0 included): the only days
    that say anything about twitching. A day tracked for a factor alone is not one of them."""
    return frame["episodes"].notna()


def _nan(value: float | None) -> float:
    return float("nan") if value is None else float(value)
