"""Daily frames summed by ISO week or calendar month, and which period a chart of N weeks
uses: the numbers behind the chart, the PDF and the Trends screen. pandas loads with the
caller, which has already paid for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, cast

if TYPE_CHECKING:
    import pandas as pd

Period = Literal["week", "month"]
WEEKLY_UP_TO_WEEKS = 53  # about a year of weekly bars stays readable; beyond it, one bar a month


def period_summary(frame: pd.DataFrame, *, factors: Sequence[str], period: Period = "week") -> pd.DataFrame:
    """One row per ISO week (Monday start) or calendar month covering the frame's days,
    indexed by the period's first day.

    Int columns: `days_tracked` (anything logged), `days_answered` (twitches logged, or "no
    twitches"), `days_elapsed` (the period's days up to the frame's last day: 7 for a past
    week, 1 on a Monday for the current one, counting days before the frame's first day).
    Float columns: `episodes` (sum over answered days), `mean_intensity` (per episode, not per
    day) and the mean of each factor over the days it was logged. A period with no answered
    day has NaN episodes and intensity, never 0; a factor never logged in it is NaN.
    """
    import numpy as np  # deferred with pandas, which the caller has already paid for
    import pandas as pd

    missing = [column for column in factors if column not in frame.columns]
    if missing:
        raise ValueError(f"factors: {missing} are not columns of the daily frame")
    counts = ["days_tracked", "days_answered", "days_elapsed"]
    index = cast("pd.DatetimeIndex", frame.index)  # a daily frame is indexed by date
    if len(index) == 0:
        return pd.DataFrame(columns=[*counts, "episodes", "mean_intensity", *factors], index=pd.DatetimeIndex([]))

    starts = _period_starts(index, period)
    tracked = frame["tracked"].to_numpy(dtype=bool)
    # NaN on every day whose twitches were not answered, tracked or not: never summed as 0.
    episodes = frame["episodes"].to_numpy(dtype=float)
    intensity = frame["mean_intensity"].to_numpy(dtype=float)
    parts = pd.DataFrame(
        {
            "days_tracked": tracked.astype(int),
            "days_answered": (~np.isnan(episodes)).astype(int),
            "episodes": episodes,
            "_weighted": np.where(np.isnan(intensity), np.nan, intensity * episodes),
            "_weighing": np.where(np.isnan(intensity), np.nan, episodes),
        },
        index=starts,
    )
    for column in factors:
        parts[column] = frame[column].to_numpy(dtype=float)
    grouped = parts.groupby(level=0, sort=True)
    sums = grouped[["days_tracked", "days_answered", "episodes", "_weighted", "_weighing"]].sum(min_count=1)
    summary = pd.DataFrame(index=sums.index)
    summary["days_tracked"] = sums["days_tracked"]
    summary["days_answered"] = sums["days_answered"]
    summary["episodes"] = sums["episodes"].astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = sums["_weighted"] / sums["_weighing"]
    summary["mean_intensity"] = ratio.where(sums["_weighing"] > 0).astype(float)
    if factors:
        means = grouped[list(factors)].mean()
        for column in factors:
            summary[column] = means[column].astype(float)
    # The frame has a row per calendar day, but be safe with gaps: every period is a row.
    full = pd.date_range(summary.index[0], summary.index[-1], freq="W-MON" if period == "week" else "MS")
    summary = summary.reindex(full.as_unit(index.unit))
    summary[["days_tracked", "days_answered"]] = summary[["days_tracked", "days_answered"]].fillna(0).astype(int)
    ends = [min(end, index[-1]) for end in _period_ends(cast("pd.DatetimeIndex", summary.index), period)]
    elapsed = [(end - start).days + 1 for start, end in zip(summary.index, ends, strict=True)]
    summary.insert(2, "days_elapsed", elapsed)
    return summary


def weekly_summary(frame: pd.DataFrame, *, factors: Sequence[str]) -> pd.DataFrame:
    """`period_summary` by ISO week, indexed by "week"; `days_in_week` is `days_elapsed`."""
    weekly = period_summary(frame, factors=factors, period="week")
    weekly.insert(3, "days_in_week", weekly["days_elapsed"])
    weekly.index.name = "week"
    return weekly


def last_weeks(frame: pd.DataFrame, weeks: int) -> pd.DataFrame:
    """The rows of the frame's last `weeks` ISO weeks (by the frame's last day), a cheap slice."""
    import pandas as pd

    if len(frame.index) == 0 or weeks <= 0:
        return frame.iloc[0:0]
    last = frame.index[-1]
    start = (last - pd.Timedelta(days=last.day_of_week)).normalize() - pd.Timedelta(weeks - 1, "W")
    return frame.loc[start:]


def chart_span(frame: pd.DataFrame, weeks: int) -> tuple[pd.DataFrame, Period]:
    """The days a chart of the last `weeks` weeks draws, and whether by week or by month.

    By week up to about a year of days; beyond that by month, starting on the 1st of the
    first month so the first bar is not cut short by the slice.
    """
    recent = last_weeks(frame, weeks)
    if len(recent.index) == 0 or (recent.index[-1] - recent.index[0]).days < 7 * WEEKLY_UP_TO_WEEKS:
        return recent, "week"
    return frame.loc[recent.index[0].replace(day=1) :], "month"


def _period_starts(index: pd.DatetimeIndex, period: Period) -> pd.DatetimeIndex:
    import pandas as pd

    if period == "week":
        return (index - pd.to_timedelta(index.day_of_week, unit="D")).normalize()
    return (index - pd.to_timedelta(index.day - 1, unit="D")).normalize()


def _period_ends(starts: pd.DatetimeIndex, period: Period) -> pd.DatetimeIndex:
    import pandas as pd

    if period == "week":
        return starts + pd.Timedelta(days=6)
    return starts + pd.offsets.MonthEnd(0)
