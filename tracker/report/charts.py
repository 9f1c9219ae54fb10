"""Charts of episodes and factors by week (or by month, beyond about a year): the numbers
behind them, what they mark, and the standalone chart file.

`period_summary` turns the daily frame into one row per week or month, and says how many of
each period's days were logged out of the days elapsed (the TUI's Trends reads the same
numbers through `weekly_summary`). `chart_marks` chooses what every chart marks: persistent
runs, interventions, and red flags, logged or suggested by the entries. `render_chart`
writes the standalone file; tracker.report.chart_draw draws the panels for it and for the visit
report. pyplot is never imported: it would pick a GUI backend and keep global state. Import
this module lazily, from the command that needs it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tracker.core.files import private_atomic_file
from tracker.core.vocabulary import CHART_FACTORS

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from tracker.analysis.persistence import EpisodeLike, RedFlagLike

# Okabe-Ito: distinguishable with the common colour-vision deficiencies. Every series also
# gets a hatch, marker or line style so the chart still reads when printed in grayscale.
BLUE = "#0072B2"
VERMILLION = "#D55E00"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
PURPLE = "#CC79A7"
BLACK = "#000000"

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
WEEKLY_UP_TO_WEEKS = 53  # about a year of weekly bars stays readable; beyond it, one bar a month

Period = Literal["week", "month"]
DateSpan = tuple[dt.date, dt.date]
DatedLabel = tuple[dt.date, str]


@dataclass(frozen=True)
class FlagMark:
    date: dt.date
    name: str  # in words: "drooping", "hemifacial-spasm pattern"
    suggested: bool  # derived from the entries, not logged by the person


@dataclass(frozen=True)
class ChartMarks:
    """What a chart marks besides the bars: the same for the standalone chart and the report."""

    persistent_runs: list[DateSpan] = field(default_factory=list)
    interventions: list[DatedLabel] = field(default_factory=list)
    red_flags: list[FlagMark] = field(default_factory=list)


# --- what to mark --------------------------------------------------------------------------


def chart_marks(
    *,
    episodes: Iterable[EpisodeLike],
    red_flags: Iterable[RedFlagLike],
    interventions: Iterable[tuple[dt.date, str]],
    as_of: dt.date,
) -> ChartMarks:
    """Runs at least as long as the persistence threshold, intervention starts, and every red
    flag `tracker analyze` reports as of `as_of`: those logged, and those the entries suggest
    (spreading, the hemifacial-spasm pattern). Pure Python: no analysis model is fitted."""
    from tracker.analysis.config import PersistenceConfig
    from tracker.analysis.persistence import collect_red_flags, find_runs
    from tracker.core.formatting import red_flag_words

    config = PersistenceConfig()
    episodes = [episode for episode in episodes if episode.local_date <= as_of]
    runs = find_runs((episode.local_date for episode in episodes), config.gap_tolerance_days)
    flags = collect_red_flags(logged=red_flags, episodes=episodes, as_of=as_of, config=config)
    return ChartMarks(
        persistent_runs=[(run.start, run.end) for run in runs if run.days >= config.threshold_days],
        interventions=sorted((start, name) for start, name in interventions if start <= as_of),
        red_flags=[
            FlagMark(
                date=dt.date.fromisoformat(flag["date"]),
                name=red_flag_words(flag["name"]) if flag["name"] == flag["kind"] else flag["name"],
                suggested=flag["source"] != "logged",
            )
            for flag in flags
        ],
    )


# --- the numbers ---------------------------------------------------------------------------


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
    index = frame.index
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
    ends = [min(end, index[-1]) for end in _period_ends(summary.index, period)]
    elapsed = [(end - start).days + 1 for start, end in zip(summary.index, ends, strict=True)]
    summary.insert(2, "days_elapsed", elapsed)
    return summary


def weekly_summary(frame: pd.DataFrame, *, factors: Sequence[str]) -> pd.DataFrame:
    """`period_summary` by ISO week, indexed by "week"; `days_in_week` is `days_elapsed`."""
    weekly = period_summary(frame, factors=factors, period="week")
    weekly.insert(3, "days_in_week", weekly["days_elapsed"])
    weekly.index.name = "week"
    return weekly


def completeness_label(days_logged: float, days_elapsed: float) -> str:
    """How much of a period was logged, as every view shows it: "4/7"; "1/1" on a Monday."""
    return f"{int(days_logged)}/{int(days_elapsed)}"


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


# --- the standalone chart ------------------------------------------------------------------


def chart_figure(
    frame: pd.DataFrame,
    *,
    weeks: int,
    factors: Sequence[str],
    names: dict[str, str],
    units: dict[str, str],
    marks: ChartMarks,
) -> Figure:
    """The standalone chart as a matplotlib Figure: episodes, then one panel per factor."""
    from matplotlib.figure import Figure  # deferred: ~150 ms

    from tracker.report.chart_draw import draw_chart
    from tracker.report.chart_plan import ChartStyle, plan_chart

    recent, period = chart_span(frame, weeks)
    summary = period_summary(recent, factors=factors, period=period)
    style = ChartStyle(size=10)
    width, left, right, top_margin, bottom_margin = 8.0, 0.95, 0.85, 0.55, 0.15
    plan = plan_chart(
        summary, period=period, factors=factors, names=names, units=units, marks=marks,
        width=width - left - right, style=style, episodes_height=2.4, factor_height=1.1,
    )  # fmt: skip
    height = top_margin + plan.height + bottom_margin
    fig = Figure(figsize=(width, height))
    fig.text(0.5, 1 - 0.15 / height, f"Twitching by {period}", ha="center", va="top", fontsize=13, fontweight="bold")
    draw_chart(fig, plan, left=left, top=height - top_margin)
    return fig


def render_chart(
    path: Path | str,
    frame: pd.DataFrame,
    *,
    weeks: int = 12,
    factors: Sequence[str] = CHART_FACTORS,
    names: dict[str, str],
    units: dict[str, str],
    marks: ChartMarks | None = None,
) -> Path:
    """Write the last `weeks` weeks as small multiples (episodes, then one panel per factor),
    by week up to about a year and by month beyond.

    The format comes from the suffix (.png, .svg or .pdf). The file is written atomically
    and readable only by its owner. Returns the path.
    """
    _format_for(Path(path))  # refuse an unknown suffix before drawing anything
    fig = chart_figure(frame, weeks=weeks, factors=factors, names=names, units=units, marks=marks or ChartMarks())
    return save_chart(fig, path)


def save_chart(fig: Figure, path: Path | str) -> Path:
    """Write `fig` in the format its suffix names (.png, .svg or .pdf), atomically and
    readable only by its owner. Returns the path."""
    path = Path(path)
    save_figure(fig, path, format=_format_for(path))
    return path


def save_figure(fig: object, path: Path, *, format: str) -> None:
    """Save a matplotlib Figure atomically with owner-only permissions."""
    with private_atomic_file(path) as handle:
        fig.savefig(handle, format=format)  # type: ignore[attr-defined]


# --- helpers -------------------------------------------------------------------------------


def _format_for(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        allowed = ", ".join(FORMATS)
        raise ValueError(f"chart path: {path.name!r} has no known suffix; use one of {allowed}")
    return fmt


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
