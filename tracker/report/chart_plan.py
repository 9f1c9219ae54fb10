"""What the chart will show and how much room each part takes, worked out before anything is
drawn: a legend row, the episodes, an "answered" row (days with twitches answered), one panel per factor, a caption.

`plan_chart` chooses the legend's columns, puts each marker's label in a lane where it
touches no other (or names it in the caption), and decides whether the days-logged numbers
fit under their bars, all from measured text widths (tracker.report.chart_text), so a caller can
size its figure or page around the plan. tracker.report.chart_draw then draws it. Dates are plain
day numbers here (matplotlib's, days since 1970-01-01), so planning needs no matplotlib.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker.analysis.periods import Period
from tracker.analysis.text import SUGGESTED
from tracker.core.formatting import report_date
from tracker.report.chart_text import line_height, shorten, text_width, wrap
from tracker.report.charts import BLUE, VERMILLION, ChartMarks, completeness_label

if TYPE_CHECKING:
    import pandas as pd

LEGEND_GAP = 0.08  # inches between the legend row and the episodes panel
STRIP_GAP = 0.1  # clears the lower half of the episodes axis's "0", beside the row's name
LABEL_PAD = 0.04  # inches between a marker line and its label, and between labels in a lane
MAX_LANES = 4
HANDLE_EMS, TEXT_PAD_EMS, COLUMN_GAP_EMS = 1.6, 0.5, 1.2  # the legend's spacing, in ems of its text


@dataclass(frozen=True)
class ChartStyle:
    size: float = 10  # points: axis labels and panel titles; ticks and labels are smaller

    @property
    def small(self) -> float:
        return round(self.size * 0.8, 1)

    @property
    def tick(self) -> float:
        return round(self.size * 0.85, 1)


@dataclass(frozen=True)
class Label:
    x: float  # date number of the line it belongs to
    text: str
    lane: int
    ha: str  # "left": right of the line; "right": left of it
    color: str
    bold: bool


@dataclass
class ChartPlan:
    """Everything `draw_chart` needs, with every height in inches."""

    summary: pd.DataFrame
    period: Period
    factors: Sequence[str]
    names: dict[str, str]
    units: dict[str, str]
    marks: ChartMarks
    style: ChartStyle
    width: float  # of the plotting area
    episodes_height: float
    factor_height: float
    legend: list[tuple[str, str]]  # (kind, words), in order
    legend_cols: int
    labels: list[Label]
    lanes: int
    strip: list[tuple[float, str]] | str  # (x, "4/7") for each part-logged period, or one sentence
    notes: list[str] = field(default_factory=list)
    # Factors logged only when taken (Factor.absent_means_none): averaged with a day answered for
    # twitches but without an entry as none, as the analysis reads them; the panel title says so.
    absent_means_none: Collection[str] = ()

    @property
    def legend_height(self) -> float:
        return math.ceil(len(self.legend) / self.legend_cols) * line_height(self.style.small) + 0.02

    @property
    def strip_height(self) -> float:
        return line_height(self.style.small) + 0.04

    @property
    def title_height(self) -> float:
        return line_height(self.style.size) + 0.05

    @property
    def bottom_height(self) -> float:
        """Tick labels (two lines: the year goes under the first and where it changes), caption."""
        return 0.08 + 2 * line_height(self.style.tick) + len(self.notes) * line_height(self.style.small) + 0.04

    @property
    def height(self) -> float:
        factors = len(self.factors) * (self.title_height + self.factor_height)
        top = self.legend_height + LEGEND_GAP + self.episodes_height + STRIP_GAP + self.strip_height
        return top + factors + self.bottom_height


def plan_chart(
    summary: pd.DataFrame,
    *,
    period: Period,
    factors: Sequence[str],
    names: dict[str, str],
    units: dict[str, str],
    marks: ChartMarks,
    width: float,
    style: ChartStyle,
    episodes_height: float,
    factor_height: float,
    absent_means_none: Collection[str] = (),
) -> ChartPlan:
    """Decide the legend, the marker labels' lanes and the "answered" row for a plotting
    area `width` inches wide; `episodes_height` and `factor_height` are the panels' heights."""
    start, end = period_window(summary, period)
    marks = _inside(marks, start, end)
    plan = ChartPlan(
        summary=summary, period=period, factors=factors, names=names, units=units, marks=marks, style=style,
        width=width, episodes_height=episodes_height, factor_height=factor_height,
        legend=_legend_entries(summary, marks, period), legend_cols=1, labels=[], lanes=0, strip="",
        absent_means_none=absent_means_none,
    )  # fmt: skip
    plan.legend_cols = _legend_columns(plan.legend, width, style.small)
    plan.labels, plan.lanes, left_out = _lanes(marks, start, end, width, episodes_height, style.small)
    if left_out:
        more = f" and {len(left_out) - 3} more" if len(left_out) > 3 else ""
        plan.notes.append(f"Not labelled for lack of room (lines only): {', '.join(left_out[:3])}{more}.")
    numbers = _strip(summary, period, start, end, width, style.small)
    if numbers is None:  # too many to number: the lighter bars carry it
        plan.strip = f"too many {period}s to number: a lighter bar is a {period} with twitches not answered every day"
    elif numbers:
        plan.strip = numbers
        plan.notes.append(
            f"Answered (the row under the bars): the days of that {period} whose twitches were answered, of its "
            "days (no number: every day answered)."
        )
    else:
        last_start, last_end = period_bounds(summary.iloc[-1:], period)
        so_far = " so far" if summary["days_elapsed"].iloc[-1] < (last_end[0] - last_start[0]).days else ""
        plan.strip = f"twitches answered every day{so_far}"
    if period == "week":
        plan.notes.append("Each bar is a week, Monday to Sunday; a date under the axis is a week's Monday.")
    plan.notes = [line for note in plan.notes for line in wrap(note, width=width, size=style.small)]
    return plan


# --- planning ------------------------------------------------------------------------------


def so_far(summary: pd.DataFrame, period: Period) -> tuple[int, int] | None:
    """(days elapsed, days in it) of the last period when it is still under way, else None:
    a week of which 1 day has passed is not drawn as a whole week."""
    if summary.empty:
        return None
    starts, ends = period_bounds(summary.iloc[-1:], period)
    length, elapsed = (ends[0] - starts[0]).days, int(summary["days_elapsed"].iloc[-1])
    return (elapsed, length) if elapsed < length else None


def _legend_entries(summary: pd.DataFrame, marks: ChartMarks, period: Period) -> list[tuple[str, str]]:
    answered = summary["days_answered"].to_numpy(dtype=int)
    elapsed = summary["days_elapsed"].to_numpy(dtype=int)
    entries = []
    if (partial := so_far(summary, period)) is not None:
        entries.append(("so-far", f"this {period} so far: {partial[0]} of {partial[1]} days"))
    if ((answered > 0) & (answered >= elapsed)).any():
        entries.append(("bars", "twitches, answered every day"))
    if ((answered > 0) & (answered < elapsed)).any():
        entries.append(("partial", "twitches, some days unanswered"))
    if (answered == 0).any():
        entries.append(("not-logged", "twitches not answered"))
    if marks.persistent_runs:
        entries.append(("run", "spell of four weeks or more"))
    if marks.interventions:
        entries.append(("intervention", "intervention starts"))
    if any(not flag.suggested for flag in marks.red_flags):
        entries.append(("flag", "red flag logged"))
    if any(flag.suggested for flag in marks.red_flags):
        entries.append(("suggested", f"red flag {SUGGESTED}"))
    entries.append(("intensity", "mean intensity"))
    return entries


def _legend_columns(entries: list[tuple[str, str]], width: float, size: float) -> int:
    """The most columns whose widest entries fit side by side in `width` inches."""
    em = size / 72
    for cols in range(len(entries), 1, -1):
        columns = [entries[start::cols] for start in range(cols)]  # matplotlib fills row by row
        total = sum(
            max(text_width(words, size=size) for _, words in column) + (HANDLE_EMS + TEXT_PAD_EMS) * em
            for column in columns
        )
        if total + (cols - 1) * COLUMN_GAP_EMS * em <= width:
            return cols
    return 1


def _lanes(
    marks: ChartMarks, start: dt.date, end: dt.date, width: float, height: float, size: float
) -> tuple[list[Label], int, list[str]]:
    """Each marker's label in the first lane (from the top) where it overlaps no other label;
    a label with no room in any lane is left out, and named in the returned list."""
    span = day_number(end) - day_number(start)
    count = max(1, min(MAX_LANES, int(0.4 * height / line_height(size))))
    lanes: list[list[tuple[float, float]]] = [[] for _ in range(count)]
    # One label a day and kind of mark: "! drooping, eye closure +3" beats five labels on one line.
    grouped: dict[tuple[dt.date, bool], list[str]] = {}
    for flag in marks.red_flags:
        grouped.setdefault((flag.date, flag.suggested), []).append(flag.name)
    items = [(day, shorten(name, width=width / 2, size=size), BLUE, False) for day, name in marks.interventions]
    for (day, suggested), kinds in sorted(grouped.items()):
        prefix, suffix, weight = ("", " (suggested)", "normal") if suggested else ("! ", "", "bold")
        items.append((day, _fit_names(kinds, prefix, suffix, width / 2, size, weight), VERMILLION, not suggested))
    placed, left_out = [], []
    for day, text, color, bold in sorted(items):
        x = (day_number(day) - day_number(start)) / span * width
        weight = "bold" if bold else "normal"
        wide = text_width(text, size=size, weight=weight) + 0.02
        ha, lo = ("left", x + LABEL_PAD) if x + LABEL_PAD + wide <= width else ("right", x - LABEL_PAD - wide)
        for number, lane in enumerate(lanes):
            if all(lo + wide + LABEL_PAD <= a or b + LABEL_PAD <= lo for a, b in lane):
                lane.append((lo, lo + wide))
                placed.append(Label(day_number(day), text, number, ha, color, bold))
                break
        else:
            left_out.append(f"{text.lstrip('! ')} on {report_date(day)}")
    used = max((label.lane + 1 for label in placed), default=0)
    return placed, used, left_out


def _fit_names(names: list[str], prefix: str, suffix: str, width: float, size: float, weight: str) -> str:
    """As many of `names` as fit in `width` inches, then "+N" for the rest."""
    for count in range(len(names), 0, -1):
        more = f" +{len(names) - count}" if count < len(names) else ""
        text = f"{prefix}{', '.join(names[:count])}{more}{suffix}"
        if text_width(text, size=size, weight=weight) <= width:
            return text
    more = f" +{len(names) - 1}" if len(names) > 1 else ""
    return shorten(f"{prefix}{names[0]}", width=width - text_width(more + suffix, size=size), size=size) + more + suffix


def _strip(
    summary: pd.DataFrame, period: Period, start: dt.date, end: dt.date, width: float, size: float
) -> list[tuple[float, str]] | None:
    """ "4/7" under each part-logged period (none: twitches answered every day), or None when
    neighbouring numbers would touch."""
    starts, ends = period_bounds(summary, period)
    counts = zip(starts, ends, summary["days_answered"], summary["days_elapsed"], strict=True)
    items = [
        ((day_number(a) + day_number(b)) / 2, completeness_label(int(done), int(days)))
        for a, b, done, days in counts
        if done < days
    ]
    span = day_number(end) - day_number(start)
    placed = [((x - day_number(start)) / span * width, text_width(text, size=size)) for x, text in items]
    for (x1, w1), (x2, w2) in itertools.pairwise(placed):
        if x2 - x1 < (w1 + w2) / 2 + 0.05:
            return None
    return items


# --- helpers -------------------------------------------------------------------------------


def period_window(summary: pd.DataFrame, period: Period) -> tuple[dt.date, dt.date]:
    """From the first period's first day to the day after the last period ends."""
    if len(summary.index) == 0:
        raise ValueError("a chart needs at least one day")
    starts, ends = period_bounds(summary, period)
    return starts[0], ends[-1]


def period_bounds(summary: pd.DataFrame, period: Period) -> tuple[list[dt.date], list[dt.date]]:
    """Each period's first day and the first day after it."""
    starts = [stamp.date() for stamp in summary.index]
    if period == "week":
        return starts, [day + dt.timedelta(days=7) for day in starts]
    return starts, [next_month(day) for day in starts]


def _inside(marks: ChartMarks, start: dt.date, end: dt.date) -> ChartMarks:
    """Only what falls inside the drawn periods: a label outside would spill past the axes."""
    last = end - dt.timedelta(days=1)
    return ChartMarks(
        persistent_runs=[(max(a, start), min(b, last)) for a, b in marks.persistent_runs if a <= last and b >= start],
        interventions=[(day, name) for day, name in marks.interventions if start <= day <= last],
        red_flags=[flag for flag in marks.red_flags if start <= flag.date <= last],
    )


def day_number(day: dt.date) -> float:
    """A date as matplotlib's date number (days since 1970-01-01)."""
    return float((day - dt.date(1970, 1, 1)).days)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
