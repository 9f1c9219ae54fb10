"""Weekly charts of episodes and factors, drawn with matplotlib's object-oriented API.

`weekly_summary` turns the daily frame into one row per ISO week; the `draw_*` functions
draw on an Axes you pass in (so the visit report can reuse them); `render_chart` builds a
`Figure` directly and writes it. pyplot is never imported: it would pick a GUI backend and
keep global state. Import this module lazily, from the command that needs it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.analysis.text import SUGGESTED
from tracker.files import private_atomic_file

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

# Okabe-Ito: distinguishable with the common colour-vision deficiencies. Every series also
# gets a hatch, marker or line style so the chart still reads when printed in grayscale.
BLUE = "#0072B2"
VERMILLION = "#D55E00"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
PURPLE = "#CC79A7"
BLACK = "#000000"
FACTOR_STYLES = [(GREEN, "o", "-"), (PURPLE, "s", "--"), (SKY, "^", "-."), (ORANGE, "D", ":")]

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
INTENSITY_MAX = 5  # episode intensity is 1-5 (store validation)
WEEK_MIDDLE = dt.timedelta(days=3.5)

DateSpan = tuple[dt.date, dt.date]
DatedLabel = tuple[dt.date, str]


# --- data ----------------------------------------------------------------------------------


def weekly_summary(frame: pd.DataFrame, *, factors: Sequence[str]) -> pd.DataFrame:
    """One row per ISO week (Monday start) covering the frame's days, indexed by "week".

    Columns: `days_tracked`, `days_answered` (days whose twitches were answered: a twitch or
    "no twitches" logged) and `days_in_week` (days of that week inside the frame) as ints;
    `episodes` (sum over the answered days), `mean_intensity` (per episode, not per day) and
    the mean of each factor over the days it was logged, all floats. A week with no answered
    day has NaN episodes and intensity, never 0; a factor never logged in a week is NaN.
    """
    import numpy as np  # deferred with pandas, which the caller has already paid for
    import pandas as pd

    missing = [column for column in factors if column not in frame.columns]
    if missing:
        raise ValueError(f"factors: {missing} are not columns of the daily frame")
    index = frame.index
    if len(index) == 0:
        columns = ["days_tracked", "days_answered", "days_in_week", "episodes", "mean_intensity", *factors]
        return pd.DataFrame(columns=columns, index=pd.DatetimeIndex([], name="week"))

    week = (index - pd.to_timedelta(index.day_of_week, unit="D")).normalize()
    tracked = frame["tracked"].to_numpy(dtype=bool)
    # NaN on every day whose twitches were not answered, tracked or not: never summed as 0.
    episodes = frame["episodes"].to_numpy(dtype=float)
    intensity = frame["mean_intensity"].to_numpy(dtype=float)
    weighted = np.where(np.isnan(intensity), np.nan, intensity * episodes)
    weighing = np.where(np.isnan(intensity), np.nan, episodes)
    parts = pd.DataFrame(
        {
            "days_tracked": tracked.astype(int),
            "days_answered": (~np.isnan(episodes)).astype(int),
            "days_in_week": 1,
            "episodes": episodes,
            "_weighted": weighted,
            "_weighing": weighing,
        },
        index=week,
    )
    for column in factors:
        parts[column] = frame[column].to_numpy(dtype=float)
    grouped = parts.groupby(level=0, sort=True)
    counts = ["days_tracked", "days_answered", "days_in_week"]
    sums = grouped[[*counts, "episodes", "_weighted", "_weighing"]].sum(min_count=1)
    weekly = pd.DataFrame(index=sums.index)
    weekly["days_tracked"] = sums["days_tracked"].astype(int)
    weekly["days_answered"] = sums["days_answered"].astype(int)
    weekly["days_in_week"] = sums["days_in_week"].astype(int)
    weekly["episodes"] = sums["episodes"].astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = sums["_weighted"] / sums["_weighing"]
    weekly["mean_intensity"] = ratio.where(sums["_weighing"] > 0).astype(float)
    if factors:
        means = grouped[list(factors)].mean()
        for column in factors:
            weekly[column] = means[column].astype(float)
    # The frame has a row per calendar day, but be safe with gaps: every week is a row.
    full = pd.date_range(weekly.index[0], weekly.index[-1], freq="7D", name="week")
    full = full.as_unit(index.unit)
    weekly = weekly.reindex(full)
    weekly[counts] = weekly[counts].fillna(0).astype(int)
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


# --- drawing -------------------------------------------------------------------------------


def draw_weekly(
    ax: Axes,
    weekly: pd.DataFrame,
    *,
    persistent_runs: Sequence[DateSpan] = (),
    interventions: Sequence[DatedLabel] = (),
    red_flags: Sequence[DatedLabel] = (),
    suggested_flags: Sequence[DatedLabel] = (),
    show_intensity: bool = True,
) -> Axes | None:
    """Episodes per week as bars on `ax`, one bar per row of `weekly` (centred mid-week).

    Weeks with no day's twitches answered get a NaN-height bar (nothing drawn) and a hatched
    "no data" band; a bar over fewer than 7 answered days is labelled "4/7" (the days it
    sums). Persistent runs are shaded, interventions are dashed vertical lines and red flags
    solid ones, at their dates; red flags the entries suggest (`suggested_flags`, not logged)
    are dotted, marked "?", and have a legend entry of their own, never the logged one's.
    Markers outside the weeks drawn are skipped.
    Returns the twin Axes holding mean intensity, or None when `show_intensity` is False.
    """
    import matplotlib.dates as mdates  # deferred with matplotlib: ~150 ms
    import numpy as np

    starts = [ts.date() for ts in weekly.index]
    centres = mdates.date2num([day + WEEK_MIDDLE for day in _as_datetimes(starts)])
    heights = weekly["episodes"].to_numpy(dtype=float)
    answered_days = weekly["days_answered"].to_numpy(dtype=int)
    untracked = np.isnan(heights)

    # Anything outside the drawn weeks is left out: its label would spill past the axes.
    window = _window(weekly)
    persistent_runs = [run for run in persistent_runs if _overlaps(run, window)]
    interventions = [mark for mark in interventions if _inside(mark[0], window)]
    red_flags = [mark for mark in red_flags if _inside(mark[0], window)]
    suggested_flags = [mark for mark in suggested_flags if _inside(mark[0], window)]
    for start, end in persistent_runs:
        ax.axvspan(
            mdates.date2num(_midnight(start)),
            mdates.date2num(_midnight(end + dt.timedelta(days=1))),
            facecolor=ORANGE,
            alpha=0.18,
            hatch="..",
            edgecolor=ORANGE,
            linewidth=0,
            label="persistent run",
            zorder=0,
        )

    bars = ax.bar(
        centres, heights, width=6.0, color=BLUE, edgecolor=BLACK, linewidth=0.6, label="episodes per week", zorder=2
    )
    top = np.nanmax(heights) if (~untracked).any() else 0.0
    ax.set_ylim(0, max(top * 1.45, 4))  # headroom for the labels and the legend
    for centre, bar, days, is_untracked in zip(centres, bars, answered_days, untracked, strict=True):
        if is_untracked:
            _no_data(ax, centre)
            continue
        # "0" tells a tracked week without twitches apart from a week with no data.
        labels = ["0"] if bar.get_height() == 0 else []
        if days < 7:
            labels.append(f"({days}/7)" if labels else f"{days}/7")
        if labels:
            ax.annotate(
                " ".join(labels),
                (centre, bar.get_height()),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize="x-small",
                color="#333333",
            )

    if len(centres):
        ax.set_xlim(centres[0] - 3.5, centres[-1] + 3.5)
    _markers(ax, interventions, color=BLUE, linestyle="--", top=0.97, gid="intervention", legend="intervention starts")
    flags = [(day, f"! {kind}") for day, kind in red_flags]
    _markers(
        ax, flags, color=VERMILLION, linestyle="-", top=0.80, gid="red-flag", legend="red flag logged", weight="bold"
    )
    suggested = [(day, f"? {kind}") for day, kind in suggested_flags]
    _markers(ax, suggested, color=VERMILLION, linestyle=":", top=0.62, gid="suggested-flag", legend=SUGGESTED)

    ax.set_ylabel("episodes per week")
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    _date_axis(ax, len(starts))

    twin = None
    if show_intensity:
        twin = ax.twinx()
        twin.plot(
            centres,
            weekly["mean_intensity"].to_numpy(dtype=float),
            color=BLACK,
            marker="D",
            markersize=4.5,
            markerfacecolor="white",  # stands out on a dark bar, in colour or grayscale
            linestyle=":",
            linewidth=1.2,
            label="mean intensity (1-5)",
        )
        twin.set_ylim(0, INTENSITY_MAX + 0.5)
        twin.set_ylabel("mean intensity (1-5)")
    _legend(ax, twin)
    return twin


def draw_factor(ax: Axes, weekly: pd.DataFrame, column: str, *, label: str, unit: str, style: int = 0) -> None:
    """The weekly mean of one factor as a line with markers; NaN weeks break the line."""
    import matplotlib.dates as mdates

    color, marker, linestyle = FACTOR_STYLES[style % len(FACTOR_STYLES)]
    starts = [ts.date() for ts in weekly.index]
    centres = mdates.date2num([day + WEEK_MIDDLE for day in _as_datetimes(starts)])
    # A NaN y leaves a gap: matplotlib never joins points across it.
    ax.plot(
        centres,
        weekly[column].to_numpy(dtype=float),
        color=color,
        marker=marker,
        markersize=4,
        linestyle=linestyle,
        linewidth=1.5,
        label=label,
    )
    ax.set_ylabel(f"{label} ({unit})" if unit else label)
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    if len(centres):
        ax.set_xlim(centres[0] - 3.5, centres[-1] + 3.5)
    _date_axis(ax, len(starts))


def factor_label(column: str, unit: str) -> str:
    """A readable factor name: caffeine_mg -> caffeine, screen_time_h -> screen time."""
    head, _, tail = column.rpartition("_")
    if head and unit and len(tail) <= 3:
        column = head
    return column.replace("_", " ")


def render_chart(
    path: Path | str,
    frame: pd.DataFrame,
    *,
    weeks: int = 12,
    factors: Sequence[str] = ("caffeine_mg", "sleep_h"),
    units: dict[str, str],
    persistent_runs: Sequence[DateSpan] = (),
    interventions: Sequence[DatedLabel] = (),
    red_flags: Sequence[DatedLabel] = (),
    suggested_flags: Sequence[DatedLabel] = (),
    title: str = "Twitching by week",
) -> Path:
    """Write the last `weeks` weeks as small multiples (episodes, then one panel per factor).

    The format comes from the suffix (.png, .svg or .pdf). The file is written atomically
    and readable only by its owner. Returns the path.
    """
    from matplotlib.figure import Figure  # deferred: ~150 ms

    path = Path(path)
    fmt = _format_for(path)
    recent = last_weeks(frame, weeks)  # slice first: cost follows `weeks`, not history
    weekly = weekly_summary(recent, factors=factors)
    window = _window(weekly)

    fig = Figure(figsize=(8, 2.6 + 1.5 * len(factors)), layout="constrained")
    axes = fig.subplots(1 + len(factors), 1, sharex=True, squeeze=False, height_ratios=[2.2] + [1] * len(factors))[:, 0]
    draw_weekly(
        axes[0],
        weekly,
        persistent_runs=persistent_runs,
        interventions=interventions,
        red_flags=red_flags,
        suggested_flags=suggested_flags,
    )
    axes[0].set_title("Episodes", fontsize="medium", loc="left")
    for position, (ax, column) in enumerate(zip(axes[1:], factors, strict=True)):
        unit = units.get(column, "")
        label = factor_label(column, unit)
        draw_factor(ax, weekly, column, label=label, unit=unit, style=position)
        ax.set_title(f"{label.capitalize()}: mean of logged days", fontsize="medium", loc="left")
    axes[-1].set_xlabel(f"week starting (Monday), {_years(window)}")
    fig.suptitle(title, fontweight="bold")
    save_figure(fig, path, format=fmt)
    return path


# --- files ---------------------------------------------------------------------------------


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


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


def _as_datetimes(days: Sequence[dt.date]) -> list[dt.datetime]:
    return [_midnight(day) for day in days]


def _window(weekly: pd.DataFrame) -> DateSpan | None:
    if len(weekly.index) == 0:
        return None
    return weekly.index[0].date(), weekly.index[-1].date() + dt.timedelta(days=6)


def _years(window: DateSpan | None) -> str:
    if window is None:
        return ""
    first, last = window[0].year, window[1].year
    return str(first) if first == last else f"{first}-{last}"


def _inside(day: dt.date, window: DateSpan | None) -> bool:
    return window is not None and window[0] <= day <= window[1]


def _overlaps(run: DateSpan, window: DateSpan | None) -> bool:
    return window is not None and run[0] <= window[1] and run[1] >= window[0]


def _legend(ax: Axes, twin: Axes | None) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if twin is not None:
        more_handles, more_labels = twin.get_legend_handles_labels()
        handles, labels = handles + more_handles, labels + more_labels
    unique = dict(zip(labels, handles, strict=True))  # one entry per kind of marker
    # Above the plot, so it never hides a bar or a marker.
    ax.legend(
        unique.values(),
        unique.keys(),
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        ncols=min(len(unique), 5),
        fontsize="x-small",
        frameon=False,
        borderaxespad=0.2,
    )


def _no_data(ax: Axes, centre: float) -> None:
    ax.axvspan(centre - 3.5, centre + 3.5, facecolor="none", edgecolor="#BBBBBB", hatch="///", linewidth=0)
    ax.text(
        centre,
        0.35,
        "no data",
        rotation=90,
        ha="center",
        va="center",
        fontsize="x-small",
        color="#555555",
        transform=ax.get_xaxis_transform(),
    )


def _markers(
    ax: Axes,
    marks: Sequence[DatedLabel],
    *,
    color: str,
    linestyle: str,
    top: float,
    gid: str,
    legend: str,
    weight: str = "normal",
) -> None:
    """A vertical line at each date, labelled; labels step down so neighbours do not
    overlap, and sit left of the line in the right part of the axes so they stay inside."""
    import matplotlib.dates as mdates

    left, right = ax.get_xlim()
    for number, (day, text) in enumerate(sorted(marks)):
        x = mdates.date2num(_midnight(day))
        ax.axvline(x, color=color, linestyle=linestyle, linewidth=1.4, zorder=3, gid=gid, label=legend)
        on_right = x > left + 0.6 * (right - left)
        ax.text(
            x,
            top - 0.09 * (number % 3),
            f"{text} " if on_right else f" {text}",
            transform=ax.get_xaxis_transform(),
            color=color,
            fontsize="x-small",
            fontweight=weight,
            ha="right" if on_right else "left",
            va="top",
            zorder=4,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.5},
        )


def _date_axis(ax: Axes, weeks: int) -> None:
    import matplotlib.dates as mdates

    interval = max(1, -(-weeks // 12))  # at most ~12 ticks, whatever the span
    locator = mdates.WeekdayLocator(byweekday=mdates.MO, interval=interval)
    ax.xaxis.set_major_locator(locator)
    # Day and month on every tick: Monday ticks rarely land on the 1st, so a concise
    # formatter would leave most ticks as bare day numbers. The year goes in the axis label.
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
