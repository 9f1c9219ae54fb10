"""Where on the face, and when: one row per site and side across the whole diary, a dot per week
(per month past a year) sized by the days that site twitched, red flags as ticks above, and a
small face sketch as each row's key. It is the picture that tells one-sided spreading (eyelid
and mouth together on one side) from a twitch that moved from place to place.

`site_picture` gathers the numbers (pure Python); `draw_sites` draws them into any figure at a
place given in inches (page 1 of the report, the visit packet's chart, `tracker chart --sites`);
`sites_figure` is the standalone file. Only the object-oriented matplotlib API: no pyplot state.
Import lazily: it pulls in matplotlib.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.analysis.periods import WEEKLY_UP_TO_WEEKS, Period
from tracker.analysis.sites import site_entries
from tracker.core.daily import DailyRow
from tracker.core.formatting import place_words, report_date
from tracker.core.vocabulary import Location, Side
from tracker.report.chart_text import line_height, text_width, wrap
from tracker.report.charts import BLUE, ORANGE, VERMILLION, FlagMark

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from tracker.analysis.persistence import EpisodeLike

# Top of the face to the bottom, as a clinician reads down it; then the side.
SITE_ORDER = [str(place) for place in (
    Location.EYELID, Location.CHEEK, Location.UPPER_LIP, Location.MOUTH_CORNER, Location.LOWER_LIP,
    Location.CHIN, Location.OTHER, Location.UNSPECIFIED,
)]  # fmt: skip
SIDE_ORDER = [str(side) for side in (Side.LEFT, Side.RIGHT, Side.BOTH, Side.CENTER, Side.UNSPECIFIED)]
ROW_HEIGHT = 0.22  # inches: a face sketch and a label per row
FLAG_STRIP = 0.16
AXIS_LABELS = 0.2
FACE = 0.21  # inches: the sketch's width
SIZE = 7.5  # points: the chart's text
GREY = "#DDDDDD"
CAPTION = (
    "{columns}Dot: days twitching at that site in the {period} (largest {full}). "
    "Grey: no day answered (unknown, not zero). "
    "Ticks: red flags, one per column, solid if any was logged, hollow if only suggested by the entries (derived). "
    "Faces as seen facing the person: their left on the right of the sketch."
)
# Where each site sits on the face sketch (x right = the person's left, as seen facing them).
SPOTS = {
    "eyelid": (0.38, 0.22),
    "cheek": (0.55, -0.18),
    "upper-lip": (0.18, -0.42),
    "mouth-corner": (0.34, -0.52),
    "lower-lip": (0.16, -0.62),
    "chin": (0.0, -0.82),
    "other": (0.82, 0.1),
}


@dataclass(frozen=True)
class SiteRow:
    location: str
    side: str
    label: str  # "left eyelid"
    days: dict[int, int]  # period number -> days with twitching at this site
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class SitePicture:
    period: Period
    starts: list[dt.date]  # each period's first day, from the diary's first to its last
    rows: list[SiteRow]
    unanswered: set[int]  # periods with no day whose twitches were answered
    flags: list[FlagMark]
    date_from: dt.date
    date_to: dt.date

    @property
    def full(self) -> int:
        """The most days a period can hold: a dot this many days big is the largest."""
        return 7 if self.period == "week" else 31


def site_picture(
    episodes: Iterable[EpisodeLike],
    rows: Sequence[DailyRow],
    flags: Sequence[FlagMark],
    *,
    date_from: dt.date,
    date_to: dt.date,
) -> SitePicture:
    """The numbers behind the picture, from `date_from` to `date_to`: by week up to about a year,
    by month beyond (the same rule as the weekly chart). A row for every site and side logged,
    the further sites of a twitch included."""
    period: Period = "week" if (date_to - date_from).days < 7 * WEEKLY_UP_TO_WEEKS else "month"
    first = _period_start(date_from, period)
    starts = [first]
    while (following := _next(starts[-1], period)) <= date_to:
        starts.append(following)
    number = {start: index for index, start in enumerate(starts)}
    days: dict[tuple[str, str], set[dt.date]] = defaultdict(set)
    for entry in site_entries(episodes):  # every site of a twitch that involved several
        if date_from <= entry.local_date <= date_to:
            days[(entry.location, entry.side)].add(entry.local_date)
    site_rows = []
    for (location, side), dates in sorted(days.items(), key=lambda item: _order(*item[0])):
        per: dict[int, int] = defaultdict(int)
        for day in dates:
            per[number[_period_start(day, period)]] += 1
        label = place_words(location, side)
        site_rows.append(SiteRow(location, side, label, dict(per), min(dates), max(dates)))
    answered = {number[_period_start(row.date, period)] for row in rows if row.twitches_answered}
    answered &= set(range(len(starts)))
    shown = [flag for flag in flags if date_from <= flag.date <= date_to]
    return SitePicture(period, starts, site_rows, set(range(len(starts))) - answered, shown, date_from, date_to)


def sites_height(picture: SitePicture, width: float) -> float:
    """Inches the picture takes at `width` inches wide, its caption included."""
    rows = max(1, len(picture.rows))
    return FLAG_STRIP + rows * ROW_HEIGHT + AXIS_LABELS + len(_caption(picture, width)) * line_height(SIZE) + 0.05


def draw_sites(fig: Figure, picture: SitePicture, *, left: float, top: float, width: float) -> float:
    """Draw `picture` into `fig` from (`left`, `top`) inches (from the figure's bottom-left) over
    `width` inches. Returns the y (inches) just below its caption."""
    fig_width, fig_height = fig.get_size_inches()
    key = FACE + 0.06 + max([text_width(row.label, size=SIZE) for row in picture.rows] or [1.0]) + 0.08
    plot_left, plot_width = left + key, width - key
    rows = max(1, len(picture.rows))
    plot_height = FLAG_STRIP + rows * ROW_HEIGHT

    def box(x: float, y_top: float, w: float, h: float) -> tuple[float, float, float, float]:
        return (x / fig_width, (y_top - h) / fig_height, w / fig_width, h / fig_height)

    ax = fig.add_axes(box(plot_left, top, plot_width, plot_height))
    span = len(picture.starts)
    ax.set_xlim(-0.5, span - 0.5)
    ax.set_ylim(rows - 0.5, -0.5 - FLAG_STRIP / ROW_HEIGHT)  # row 0 at the top, the flag strip above it
    for index in sorted(picture.unanswered):
        ax.axvspan(index - 0.5, index + 0.5, color=GREY, linewidth=0, zorder=0, gid="site-not-logged")
    for position, row in enumerate(picture.rows):
        ax.axhline(position, color="#BBBBBB", linewidth=0.5, zorder=1)
        xs = sorted(row.days)
        sizes = [_dot_area(row.days[x], picture.full) for x in xs]
        ax.scatter(xs, [position] * len(xs), s=sizes, color=BLUE, zorder=3, linewidths=0, gid="site-dots")
    if not picture.rows:
        ax.text(span / 2 - 0.5, 0, "No twitches logged.", ha="center", va="center", fontsize=SIZE)
    _flag_ticks(ax, picture)
    _date_axis(ax, picture)
    ax.set_yticks([])
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    for position, row in enumerate(picture.rows):
        y_mid = top - FLAG_STRIP - (position + 0.5) * ROW_HEIGHT
        face = fig.add_axes(box(left, y_mid + FACE / 2, FACE, FACE))
        _face(face, row.location, row.side)
        x = (left + FACE + 0.06) / fig_width
        fig.text(x, y_mid / fig_height, row.label, va="center", fontsize=SIZE, gid="site-label")
    fig.text(
        (plot_left - 0.05) / fig_width, (top - FLAG_STRIP / 2) / fig_height, "Red flags",
        ha="right", va="center", fontsize=SIZE, color="#333333",
    )  # fmt: skip
    y = top - plot_height - AXIS_LABELS
    for line in _caption(picture, width):
        fig.text(left / fig_width, y / fig_height, line, va="top", fontsize=SIZE, color="#333333")
        y -= line_height(SIZE)
    return y - 0.05


def sites_figure(picture: SitePicture, *, width: float = 8.0) -> Figure:
    """The picture alone, as `tracker chart --sites` writes it, with its title."""
    from matplotlib.figure import Figure  # deferred: ~150 ms

    margin, title = 0.35, 0.45
    height = title + sites_height(picture, width - 2 * margin) + 0.2
    fig = Figure(figsize=(width, height))
    heading = f"Where and when: {report_date(picture.date_from)} to {report_date(picture.date_to)}, by {picture.period}"
    fig.text(0.5, 1 - 0.12 / height, heading, ha="center", va="top", fontsize=12, fontweight="bold")
    draw_sites(fig, picture, left=margin, top=height - title, width=width - 2 * margin)
    return fig


# --- helpers -------------------------------------------------------------------------------


def _caption(picture: SitePicture, width: float) -> list[str]:
    columns = "A column per week, named by its Monday. " if picture.period == "week" else ""
    text = CAPTION.format(columns=columns, period=picture.period, full=picture.full)
    return wrap(text, width=width, size=SIZE)


def _dot_area(days: int, full: int) -> float:
    """Points²: the area grows with the days, so a full week reads as seven single days."""
    return 10 + 90 * min(days, full) / full


def _flag_ticks(ax: Axes, picture: SitePicture) -> None:
    """One tick per column with red flags, solid when any was logged, hollow when all were
    suggested: ticks a day or two apart drew over each other (a hollow one hidden under a solid
    one). Which flags, and their days, are in the red-flag list above."""
    y = -0.5 - FLAG_STRIP / ROW_HEIGHT / 2
    logged_in: dict[dt.date, bool] = {}
    for flag in picture.flags:
        start = _period_start(flag.date, picture.period)
        logged_in[start] = logged_in.get(start, False) or not flag.suggested
    for start, logged in sorted(logged_in.items()):
        x = picture.starts.index(start) if start in picture.starts else 0
        fill, edge = (VERMILLION, VERMILLION) if logged else ("white", ORANGE)
        ax.scatter([x], [y], marker="v", s=28, zorder=4, linewidths=1, c=[fill], edgecolors=edge, gid="site-flag")


def _date_axis(ax: Axes, picture: SitePicture) -> None:
    """About eight labels, evenly thinned: a week's column by its Monday ("30 Nov", with the
    year on the first and where it changes), a month's by its name. A week named by a month
    ("Dec 2026" under the week of Mon 30 Nov) read as the wrong days."""
    step = max(1, -(-len(picture.starts) // 8))
    ticks = list(range(0, len(picture.starts), step))
    labels, year = [], None
    for index in ticks:
        start = picture.starts[index]
        if picture.period != "week":
            labels.append(f"{start:%b %Y}")
            continue
        labels.append(report_date(start, year=start.year != year))  # the year on one line: no room for two
        year = start.year
    ax.set_xticks(ticks)
    ax.set_xticklabels(labels, fontsize=SIZE)
    ax.tick_params(axis="x", length=2, pad=1)


def _face(ax: Axes, location: str, side: str) -> None:
    """A face seen from the front, the site's spot filled in (both spots for "both sides")."""
    from matplotlib.patches import Arc, Circle, Ellipse

    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.add_patch(Ellipse((0, 0), 1.6, 2.0, fill=False, edgecolor="#555555", linewidth=0.6))
    for x in (-0.38, 0.38):
        ax.add_patch(Ellipse((x, 0.22), 0.34, 0.16, fill=False, edgecolor="#555555", linewidth=0.6))
    ax.add_patch(Arc((0, -0.45), 0.7, 0.3, theta1=180, theta2=360, edgecolor="#555555", linewidth=0.6))
    spot = SPOTS.get(location)
    if spot is None:
        return  # a twitch logged without a place: the face stays blank, and its label says so
    x, y = spot
    xs = {"left": [x], "right": [-x], "both": [-x, x]}.get(side, [0.0] if side == "center" else [])
    for spot_x in xs:
        ax.add_patch(Circle((spot_x, y), 0.17, color=VERMILLION, zorder=3))
    if not xs:  # side not given: the spot on both sides, hollow
        for spot_x in (-x, x):
            ax.add_patch(Circle((spot_x, y), 0.17, fill=False, edgecolor=VERMILLION, linewidth=0.8))


def _order(location: str, side: str) -> tuple[int, int]:
    return (
        SITE_ORDER.index(location) if location in SITE_ORDER else len(SITE_ORDER),
        SIDE_ORDER.index(side) if side in SIDE_ORDER else len(SIDE_ORDER),
    )


def _period_start(day: dt.date, period: Period) -> dt.date:
    return day - dt.timedelta(days=day.weekday()) if period == "week" else day.replace(day=1)


def _next(start: dt.date, period: Period) -> dt.date:
    if period == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
