"""The chart drawn from its plan (tracker.report.chart_plan): the legend row, the episodes as bars
with the marks every chart carries, the "answered" row (days with twitches answered), one panel per factor, the dates,
and the caption. The standalone chart and the visit report both draw through here, so they
show the same bars, markers and words. Import lazily: it pulls in matplotlib.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tracker.analysis.text import NONE_LOGGED_IS_ZERO
from tracker.core.formatting import report_date
from tracker.report.chart_plan import (
    COLUMN_GAP_EMS,
    HANDLE_EMS,
    LABEL_PAD,
    LEGEND_GAP,
    STRIP_GAP,
    TEXT_PAD_EMS,
    ChartPlan,
    day_number,
    next_month,
    period_bounds,
    period_window,
    so_far,
)
from tracker.report.chart_text import line_height, shorten, text_width
from tracker.report.charts import BLACK, BLUE, GREEN, ORANGE, PURPLE, SKY, VERMILLION

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import Formatter, MaxNLocator

INTENSITY_MAX = 5  # episode intensity is 1-5 (store validation)
GREY = "#555555"
SO_FAR_HATCH = "\\\\"  # the period under way: unlike the unanswered periods' "///"
# A bar with some days unanswered is told from a full one by its pattern, not only its lighter
# shade: two blues cannot be told apart at a glance or in a greyscale print.
PARTIAL_HATCH = "--"
LABEL_GROUND = {"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 0.6}  # hides the lines under it
FACTOR_STYLES = [(GREEN, "o", "-"), (PURPLE, "s", "--"), (SKY, "^", "-."), (ORANGE, "D", ":")]


def draw_chart(fig: Figure, plan: ChartPlan, *, left: float, top: float) -> float:
    """Draw `plan` into `fig` with the plotting area's top-left corner at (`left`, `top`)
    inches from the figure's bottom-left. Returns the y (inches) just below the caption."""
    fig_width, fig_height = fig.get_size_inches()

    def axes(y_top: float, height: float, **kwargs: Any) -> Axes:
        rect = (left / fig_width, (y_top - height) / fig_height, plan.width / fig_width, height / fig_height)
        return fig.add_axes(rect, **kwargs)

    y = top
    legend_ax = axes(y, plan.legend_height)
    y -= plan.legend_height + LEGEND_GAP
    episodes_ax = axes(y, plan.episodes_height)
    y -= plan.episodes_height + STRIP_GAP
    strip_ax = axes(y, plan.strip_height, sharex=episodes_ax)
    y -= plan.strip_height
    factor_axes = []
    for _ in plan.factors:
        y -= plan.title_height
        factor_axes.append(axes(y, plan.factor_height, sharex=episodes_ax))
        y -= plan.factor_height

    start, end = period_window(plan.summary, plan.period)
    _episodes(episodes_ax, plan)
    _strip_row(strip_ax, plan)
    for position, (ax, column) in enumerate(zip(factor_axes, plan.factors, strict=True)):
        _factor(ax, plan, column, position)
    bottom_ax = factor_axes[-1] if factor_axes else strip_ax
    # A little room before the first day: an intervention or red flag on that day would
    # otherwise be drawn on the left spine and hidden by it, while its label still shows.
    lead = max(0.15, 0.004 * (day_number(end) - day_number(start)))
    for ax in [episodes_ax, strip_ax, *factor_axes]:
        ax.set_xlim(day_number(start) - lead, day_number(end))
        ax.tick_params(labelbottom=ax is bottom_ax, labelsize=plan.style.tick)
    _date_axis(bottom_ax, start, end, weekly=plan.period == "week")
    _legend(legend_ax, plan)
    y -= 0.08 + 2 * line_height(plan.style.tick)
    for note in plan.notes:
        fig.text(left / fig_width, y / fig_height, note, va="top", fontsize=plan.style.small, color=GREY)
        y -= line_height(plan.style.small)
    return y - 0.04


# --- panels --------------------------------------------------------------------------------


def _episodes(ax: Axes, plan: ChartPlan) -> None:
    """Bars (lighter when days were not logged), hatched unlogged periods, the marks, the labels."""
    import numpy as np

    summary, style = plan.summary, plan.style
    starts, ends = period_bounds(summary, plan.period)
    spans = [(day_number(a), day_number(b)) for a, b in zip(starts, ends, strict=True)]
    centres = [(a + b) / 2 for a, b in spans]
    heights = summary["episodes"].to_numpy(dtype=float)
    complete = summary["days_answered"].to_numpy() >= summary["days_elapsed"].to_numpy()
    bars = ax.bar(centres, heights, width=[0.84 * (b - a) for a, b in spans],
                  color=[BLUE if c else SKY for c in complete], edgecolor=BLACK, linewidth=0.5, zorder=2)  # fmt: skip
    for bar, whole in zip(bars, complete, strict=True):
        if not whole:
            bar.set_hatch(PARTIAL_HATCH)
            bar.set_gid("partial")
    if so_far(summary, plan.period) is not None:  # the period under way: hatched, named in the legend
        bars[-1].set_hatch(SO_FAR_HATCH)
        bars[-1].set_gid("so-far")
    # Headroom above the tallest bar for the lanes of marker labels.
    lane_space = (plan.lanes * line_height(style.small) + 0.06) / plan.episodes_height
    top = float(np.nanmax(heights)) if (~np.isnan(heights)).any() else 0.0
    ax.set_ylim(0, max(top / (1 - lane_space - 0.05), 4))

    marks = plan.marks
    for run_start, run_end in marks.persistent_runs:
        ax.axvspan(day_number(run_start), day_number(run_end + dt.timedelta(days=1)), facecolor=ORANGE, alpha=0.18,
                   hatch="..", edgecolor=ORANGE, linewidth=0, zorder=0, gid="persistent-run")  # fmt: skip
    lines = [day_number(day) for day, _ in marks.interventions] + [day_number(flag.date) for flag in marks.red_flags]
    days_per_inch = _span_days(plan) / plan.width
    rotated = line_height(style.small) * days_per_inch  # a vertical label's width, in days
    zero = text_width("0", size=style.small) * days_per_inch / 2 + 0.5  # half a "0" and a little air
    for (a, b), centre, height in zip(spans, centres, heights, strict=True):
        if math.isnan(height):
            ax.axvspan(
                a, b, facecolor="none", edgecolor="#BBBBBB", hatch="///", linewidth=0, zorder=1, gid="not-logged"
            )
            if b - a > 1.6 * rotated and _clear(centre, rotated / 2, lines):
                ax.text(centre, 0.3, "not answered", rotation=90, ha="center", va="center", fontsize=style.small,
                        color=GREY, transform=ax.get_xaxis_transform())  # fmt: skip
        elif height == 0 and b - a > 2 * zero and _clear(centre, zero, lines):
            ax.annotate("0", (centre, 0), xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                        fontsize=style.small, color="#333333", gid="zero")  # fmt: skip
    for day, _ in marks.interventions:
        ax.axvline(day_number(day), color=BLUE, linestyle="--", linewidth=1.3, zorder=3, gid="intervention")
    # One line a day: a suggested flag's dotted line under a logged one's solid line only hid it.
    logged_days = {flag.date for flag in marks.red_flags if not flag.suggested}
    for day, suggested in sorted({(flag.date, flag.date not in logged_days) for flag in marks.red_flags}):
        ax.axvline(day_number(day), color=VERMILLION, linestyle=":" if suggested else "-", linewidth=1.4,
                   zorder=3, gid="red-flag-suggested" if suggested else "red-flag")  # fmt: skip
    _marker_labels(ax, plan)
    ax.set_ylabel(f"twitches per {plan.period}", fontsize=style.size * 0.9)
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=style.tick)

    twin = ax.twinx()
    twin.plot(centres, summary["mean_intensity"].to_numpy(dtype=float), color=BLACK, marker="D",
              markersize=4 if len(centres) <= 60 else 2, markerfacecolor="white", linestyle=":", linewidth=1.1,
              gid="intensity")  # fmt: skip
    twin.set_ylim(0, INTENSITY_MAX + 0.5)
    twin.set_ylabel("mean intensity (1–5)", fontsize=style.size * 0.9)
    twin.tick_params(labelsize=style.tick)


def _marker_labels(ax: Axes, plan: ChartPlan) -> None:
    """Each planned label in its lane from the top, beside its line, on a white ground."""
    lane = line_height(plan.style.small) / plan.episodes_height
    shift = LABEL_PAD / plan.width * _span_days(plan)  # the gap between a line and its label, in days
    for label in plan.labels:
        ax.text(label.x + (shift if label.ha == "left" else -shift), 1 - 0.02 - lane * label.lane, label.text,
                transform=ax.get_xaxis_transform(), ha=label.ha, va="top", color=label.color,
                fontsize=plan.style.small, fontweight="bold" if label.bold else "normal", zorder=4,
                gid="marker-label", bbox=LABEL_GROUND)  # fmt: skip


def _strip_row(ax: Axes, plan: ChartPlan) -> None:
    ax.set_ylim(0, 1)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(left=False, labelleft=False, bottom=False)
    ax.text(-0.01, 0.5, "answered", transform=ax.transAxes, ha="right", va="center",
            fontsize=plan.style.small, color=GREY)  # fmt: skip
    if isinstance(plan.strip, str):
        ax.text(0.0, 0.5, plan.strip, transform=ax.transAxes, ha="left", va="center",
                fontsize=plan.style.small, color=GREY)  # fmt: skip
        return
    for x, text in plan.strip:
        ax.text(x, 0.5, text, ha="center", va="center", fontsize=plan.style.small, color="#333333", gid="days-logged")


def _factor(ax: Axes, plan: ChartPlan, column: str, position: int) -> None:
    import numpy as np  # deferred with matplotlib, which the caller has already paid for

    color, marker, linestyle = FACTOR_STYLES[position % len(FACTOR_STYLES)]
    starts, ends = period_bounds(plan.summary, plan.period)
    centres = [day_number(a) + (day_number(b) - day_number(a)) / 2 for a, b in zip(starts, ends, strict=True)]
    dense = len(centres) > 60
    # A NaN leaves a gap: matplotlib never joins points across it.
    values = plan.summary[column].to_numpy(dtype=float)
    ax.plot(centres, values, color=color, marker=marker,
            markersize=2.5 if dense else 4, linestyle=linestyle, linewidth=1.0 if dense else 1.5)  # fmt: skip
    unit = plan.units.get(column, "")
    name = plan.names.get(column, column)
    over = f"days answered, {NONE_LOGGED_IS_ZERO}" if column in plan.absent_means_none else "the days logged"
    title = f"{name.capitalize()}{f' ({unit})' if unit else ''}: mean of {over}, per {plan.period}"
    ax.set_title(shorten(title, width=plan.width, size=plan.style.size), loc="left", fontsize=plan.style.size, pad=3)
    # Headroom above the highest point, so its marker is drawn whole (a low panel and the
    # default 5% margin cut it in half).
    finite = values[~np.isnan(values)]
    ax.set_ylim(0, float(finite.max()) * 1.2 if finite.size and finite.max() > 0 else 1.0)
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    ax.yaxis.set_major_locator(_few_ticks())


def _legend(ax: Axes, plan: ChartPlan) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = {
        "bars": Patch(facecolor=BLUE, edgecolor=BLACK, linewidth=0.5),
        "partial": Patch(facecolor=SKY, edgecolor=BLACK, hatch=PARTIAL_HATCH, linewidth=0.5),
        "so-far": Patch(facecolor="white", edgecolor=BLACK, hatch=SO_FAR_HATCH, linewidth=0.5),
        "not-logged": Patch(facecolor="white", edgecolor="#BBBBBB", hatch="///", linewidth=0),
        "run": Patch(facecolor=ORANGE, alpha=0.3, hatch="..", edgecolor=ORANGE, linewidth=0),
        "intervention": Line2D([], [], color=BLUE, linestyle="--", linewidth=1.3),
        "flag": Line2D([], [], color=VERMILLION, linewidth=1.4),
        "suggested": Line2D([], [], color=VERMILLION, linestyle=":", linewidth=1.4),
        "intensity": Line2D([], [], color=BLACK, marker="D", markersize=4, markerfacecolor="white", linestyle=":"),
    }
    ax.set_axis_off()
    ax.legend([handles[kind] for kind, _ in plan.legend], [words for _, words in plan.legend], loc="upper left",
              bbox_to_anchor=(0, 1), ncols=plan.legend_cols, frameon=False, fontsize=plan.style.small,
              borderaxespad=0, borderpad=0, handlelength=HANDLE_EMS, handletextpad=TEXT_PAD_EMS,
              columnspacing=COLUMN_GAP_EMS, labelspacing=0.25)  # fmt: skip


# --- dates ---------------------------------------------------------------------------------


def _date_axis(ax: Axes, start: dt.date, end: dt.date, *, weekly: bool = False) -> None:
    """Ticks a person can read at any span, starting at the first day drawn (so the first
    tick, with its year, is at the left edge), with the year under the first tick and where
    it changes. Weekly bars are ticked at their Mondays, whatever the span: a month's name at
    the 1st would sit inside a week that began in the month before. The dates are listed here:
    matplotlib's rule locators shift their start."""
    from matplotlib.ticker import FixedLocator

    days = (end - start).days
    if days <= 16 * 7 or weekly:
        step = max(1, math.ceil(days / 7 / 8))
        ticks = [start + dt.timedelta(weeks=step * n) for n in range(days // (7 * step) + 1)]
        fmt = DAY_MONTH
    elif days <= 3 * 365:
        step = next(months for months in (1, 2, 3, 4, 6, 12) if days / 30.4 / months <= 8)
        ticks = _months_from(start if start.day == 1 else next_month(start), step, end)
        fmt = "%b"
    else:
        step = next(years for years in (1, 2, 5, 10, 20) if days / 365.25 / years <= 8)
        first = start if (start.month, start.day) == (1, 1) else dt.date(start.year + 1, 1, 1)
        ticks = [dt.date(year, 1, 1) for year in range(first.year, end.year + 1, step)]
        fmt = "%Y"
    ax.xaxis.set_major_locator(FixedLocator([day_number(day) for day in ticks if day <= end]))
    ax.xaxis.set_major_formatter(_year_on_change(fmt))


def _months_from(first: dt.date, step: int, end: dt.date) -> list[dt.date]:
    months = []
    while first <= end:
        months.append(first)
        for _ in range(step):
            first = next_month(first)
    return months


DAY_MONTH = "day month"  # a tick per week: "3 Mar", as every date in the report reads


def _tick_label(when: dt.datetime, fmt: str) -> str:
    return report_date(when.date(), year=False) if fmt == DAY_MONTH else when.strftime(fmt)


def _year_on_change(fmt: str) -> Formatter:
    """A tick formatter: `fmt` on every tick, and the year beside it on the first visible tick
    and wherever it changes (a bare "%Y" format already is the year): on the same line, as a
    date is never split over two lines anywhere in the report."""
    from matplotlib.dates import num2date
    from matplotlib.ticker import Formatter

    class YearOnChange(Formatter):
        def __call__(self, x: float, pos: int | None = None) -> str:
            return _tick_label(num2date(x), fmt)

        def format_ticks(self, values: Sequence[float]) -> list[str]:
            low, high = sorted(self.axis.get_view_interval()) if self.axis is not None else (-math.inf, math.inf)
            labels, year = [], None
            for value in values:
                when = num2date(value)
                label = _tick_label(when, fmt)
                if low <= value <= high:
                    if when.year != year and fmt != "%Y":
                        label += f" {when.year}"
                    year = when.year
                labels.append(label)
            return labels

    return YearOnChange()


def _few_ticks() -> MaxNLocator:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=3, min_n_ticks=2)


# --- helpers -------------------------------------------------------------------------------


def _clear(centre: float, half: float, lines: list[float]) -> bool:
    return all(abs(line - centre) > half for line in lines)


def _span_days(plan: ChartPlan) -> float:
    start, end = period_window(plan.summary, plan.period)
    return day_number(end) - day_number(start)
