"""Charts of episodes and factors by week (or by month, beyond about a year): what they mark,
and the standalone chart file. The numbers come from tracker.analysis.periods.

`chart_marks` chooses what every chart marks: persistent runs, interventions, and red flags,
logged or suggested by the entries. `render_chart` writes the standalone file;
tracker.report.chart_draw draws the panels for it and for the visit report. pyplot is never
imported: it would pick a GUI backend and keep global state. Import this module lazily, from
the command that needs it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.analysis.periods import chart_span, period_summary
from tracker.analysis.text import LOGGED
from tracker.core.files import private_atomic_file
from tracker.core.vocabulary import CHART_FACTORS
from tracker.report.glyphs import drawable

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
    from tracker.report.wording import red_flag_name

    config = PersistenceConfig()
    episodes = [episode for episode in episodes if episode.local_date <= as_of]
    runs = find_runs((episode.local_date for episode in episodes), config.gap_tolerance_days)
    flags = collect_red_flags(logged=red_flags, episodes=episodes, as_of=as_of, config=config)
    return ChartMarks(
        persistent_runs=[(run.start, run.end) for run in runs if run.days >= config.threshold_days],
        interventions=sorted((start, name) for start, name in interventions if start <= as_of),
        red_flags=[
            FlagMark(date=flag.date, name=red_flag_name(flag.to_json()), suggested=flag.source != LOGGED)
            for flag in flags
        ],
    )


def completeness_label(days_logged: float, days_elapsed: float) -> str:
    """How much of a period was logged, as every view shows it: "4/7"; "1/1" on a Monday."""
    return f"{int(days_logged)}/{int(days_elapsed)}"


# --- the standalone chart ------------------------------------------------------------------


def chart_figure(
    frame: pd.DataFrame,
    *,
    weeks: int,
    factors: Sequence[str],
    names: dict[str, str],
    units: dict[str, str],
    marks: ChartMarks,
    absent_means_none: Collection[str] = (),
) -> Figure:
    """The standalone chart as a matplotlib Figure: episodes, then one panel per factor. The
    factors in `absent_means_none` are read as the frame has them (analysis_frame: 0 on an
    answered day without an entry); their panel titles say so."""
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
        absent_means_none=absent_means_none,
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


def save_figure(fig: Figure, path: Path, *, format: str) -> None:
    """Save a matplotlib Figure atomically with owner-only permissions."""
    drawable(fig)
    if format == "pdf":
        from tracker.report.pdf_backend import defer_subsetter

        defer_subsetter()
    with private_atomic_file(path) as handle:
        fig.savefig(handle, format=format)


# --- helpers -------------------------------------------------------------------------------


def _format_for(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        allowed = ", ".join(FORMATS)
        raise ValueError(f"chart path: {path.name!r} has no known suffix; use one of {allowed}")
    return fmt
