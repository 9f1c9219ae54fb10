"""A one-to-two page A4 PDF for a clinician: what happened, since when, how it is changing.

Page 1 is meant to be read in a minute: red flags first (boxed), a summary, any reliable
associations, interventions, then the weekly chart in the room left (on page 2 if a long
red-flag list leaves too little). Page 2 is the last four weeks day by day. The wording comes from
small pure functions (`summary_lines`, `association_lines`, ...) so tests can read it back;
`write_report` only lays it out. Import lazily: it pulls in matplotlib.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import charts
from tracker.analysis.text import LOGGED, SUGGESTED
from tracker.files import private_atomic_file
from tracker.visit_wording import (  # re-exported: the report's wording, for callers and tests
    DISCLAIMER,
    MAX_FLAG_LINES,
    NOT_LOGGED,
    SUGGESTED_MARK,
    association_lines,
    daily_table,
    flag_marks,
    intervention_lines,
    red_flag_lines,
    summary_lines,
)

if TYPE_CHECKING:
    import pandas as pd

    from tracker.models import Episode, Intervention, RedFlag

A4 = (8.27, 11.69)  # inches, portrait
MARGIN = 0.6
BODY = 9
CHART_WEEKS = 12
CHART_FACTORS = 2
MIN_CHART_HEIGHT = 3.0  # inches, below which the chart moves to page 2
MAX_CHART_HEIGHT = 4.8
FOOTER_SPACE = 0.7


# --- the PDF -------------------------------------------------------------------------------


def write_report(
    path: Path | str,
    *,
    frame: pd.DataFrame,
    analysis: dict[str, Any],
    episodes: Sequence[Episode],
    interventions: Sequence[Intervention],
    red_flags: Sequence[RedFlag],
    factors_units: dict[str, str],
    date_from: dt.date,
    date_to: dt.date,
    generated_on: dt.date,
) -> Path:
    """Write the visit report as a two-page A4 PDF (owner-only, atomic). Returns the path."""
    import matplotlib  # deferred: ~150 ms, with the PDF backend below
    import pandas as pd
    from matplotlib.backends.backend_pdf import PdfPages

    path = Path(path)
    frame = frame.loc[pd.Timestamp(date_from) : pd.Timestamp(date_to)]
    episodes = [e for e in episodes if date_from <= e.local_date <= date_to]
    red_flags = [flag for flag in red_flags if date_from <= flag.date <= date_to]
    factors = [column for column in factors_units if column in frame.columns]
    tracked = int(frame["tracked"].sum())
    span = (date_to - date_from).days + 1
    coverage = (
        f"{date_from:%d %b %Y} to {date_to:%d %b %Y}: {tracked} of {span} days tracked ({span - tracked} not logged)"
    )

    # matplotlib's Type 3 fonts carry a ToUnicode map, so the text can still be searched;
    # TrueType (Type 42) embedding costs ~0.6 s of font subsetting for nothing more.
    with (
        matplotlib.rc_context({"font.size": BODY}),
        private_atomic_file(path) as handle,
        PdfPages(handle, metadata={"Title": "Twitching visit summary", "Creator": "tracker"}) as pdf,
    ):
        chart_factors = factors[:CHART_FACTORS]
        first = _first_page(
            frame=frame,
            analysis=analysis,
            episodes=episodes,
            interventions=interventions,
            red_flags=red_flags,
            factors_units=factors_units,
            date_to=date_to,
            coverage=coverage,
            generated_on=generated_on,
        )
        header, rows = daily_table(
            frame,
            factors,
            factors_units,
            flag_marks(red_flags, analysis, source=LOGGED),
            suggested=flag_marks(red_flags, analysis, source=SUGGESTED),
            date_to=date_to,
        )
        second = _table_page(header, rows, coverage=coverage)
        # The chart takes what page 1 has left; long red-flag or trigger lists push it over.
        for page in (first, second):
            if page.room() >= MIN_CHART_HEIGHT:
                page.heading(f"Last {CHART_WEEKS} weeks")
                _chart(page, frame, analysis, interventions, red_flags, chart_factors, factors_units)
                break
        pdf.savefig(first.fig)
        pdf.savefig(second.fig)
    return path


def _first_page(
    *,
    frame: pd.DataFrame,
    analysis: dict[str, Any],
    episodes: Sequence[Episode],
    interventions: Sequence[Intervention],
    red_flags: Sequence[RedFlag],
    factors_units: dict[str, str],
    date_to: dt.date,
    coverage: str,
    generated_on: dt.date,
) -> _Page:
    page = _Page()
    page.text("Facial twitching: visit summary", size=16, weight="bold")
    page.text(f"{coverage}. Prepared {generated_on:%d %b %Y}.", color="#333333")
    page.space(0.12)

    # Only what the person logged goes under "logged"; what the entries suggest has its own box.
    suggested = red_flag_lines(red_flags, analysis, source=SUGGESTED)
    suggested = _newest(suggested, MAX_FLAG_LINES // 2, "suggestions")
    logged = _newest(red_flag_lines(red_flags, analysis, source=LOGGED), MAX_FLAG_LINES - len(suggested), "red flags")
    if logged:
        page.boxed("Red flags logged", logged, color=charts.VERMILLION)
    else:
        page.text("No red flags logged.", weight="bold")
    if suggested:
        page.space(0.1)
        page.boxed(f"Red flags {SUGGESTED} (not logged)", suggested, color=charts.ORANGE, face="#FDF1DC")
    page.space(0.1)

    page.heading("Summary")
    for line in summary_lines(frame, analysis, episodes, date_to=date_to):
        page.bullet(line)
    page.heading("Possible triggers")
    for line in association_lines(analysis, factors_units):
        page.bullet(line)
    page.heading("Interventions and supplements")
    for line in intervention_lines(interventions, analysis, frame, factors_units) or ["None."]:
        page.bullet(line)
    page.footer(f"{DISCLAIMER}   Page 1 of 2")
    return page


def _chart(
    page: _Page,
    frame: pd.DataFrame,
    analysis: dict[str, Any],
    interventions: Sequence[Intervention],
    red_flags: Sequence[RedFlag],
    factors: Sequence[str],
    units: dict[str, str],
) -> None:
    weekly = charts.weekly_summary(charts.last_weeks(frame, CHART_WEEKS), factors=factors)
    persistence = analysis.get("persistence") or {}
    threshold = int(persistence.get("threshold_days") or 28)
    runs = {
        (dt.date.fromisoformat(run["start"]), dt.date.fromisoformat(run["end"]))
        for run in (persistence.get("current_run"), persistence.get("longest_run"))
        if run and int(run["days"]) >= threshold
    }
    # Panels share what is left: the episodes panel twice a factor panel's height.
    height = min(page.room(), MAX_CHART_HEIGHT) - 0.3 * (len(factors) + 2)
    unit_height = height / (2 + len(factors))
    top = page.axes(2 * unit_height, space_above=0.3)
    charts.draw_weekly(
        top,
        weekly,
        persistent_runs=sorted(runs),
        interventions=[(item.start_date, item.name) for item in interventions],
        red_flags=flag_marks(red_flags, analysis, source=LOGGED),
        suggested_flags=flag_marks(red_flags, analysis, source=SUGGESTED),
    )
    axes = [top]
    for position, column in enumerate(factors):
        ax = page.axes(unit_height, space_above=0.3, sharex=top)
        unit = units.get(column, "")
        label = charts.factor_label(column, unit)
        charts.draw_factor(ax, weekly, column, label=label, unit=unit, style=position)
        ax.set_title(f"{label.capitalize()}: mean of logged days", loc="left", fontsize=BODY)
        axes.append(ax)
    for ax in axes[:-1]:
        ax.tick_params(labelbottom=False)
    for ax in axes:
        ax.tick_params(labelsize=BODY - 1)
        ax.yaxis.label.set_size(BODY - 1)
    page.space(0.3)  # the date labels under the last panel


def _table_page(header: list[str], rows: list[list[str]], *, coverage: str) -> _Page:
    page = _Page()
    page.text("Last 4 weeks, day by day", size=13, weight="bold")
    page.text(
        f"{coverage}. “not logged” = no entry that day; “{NOT_LOGGED}” = value not logged; "
        f"“{SUGGESTED_MARK}” = red flag {SUGGESTED}, not logged.",
        color="#333333",
    )
    page.space(0.1)
    # One monospaced line of text per row: columns line up, and drawing ~30 texts costs a
    # fraction of matplotlib's Table (a Text and a Rectangle per cell, ~0.5 s here).
    widths = [
        max(len(part) for cell in column for part in cell.split("\n")) for column in zip(header, *rows, strict=True)
    ]
    titles = [[*cell.split("\n"), ""] for cell in header]
    lines = [[title[0] for title in titles], [title[1] for title in titles]]
    step = 0.2
    ax = page.axes(step * (len(rows) + 2), space_above=0.0, left=MARGIN, right=MARGIN)
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(-(len(rows) + 2) * step, 0)
    for number, cells in enumerate(lines + rows):
        y = -(number + 0.5) * step
        untracked = number >= 2 and cells[1] == "not logged"
        flagged = number >= 2 and bool(cells[-1])
        header_row = number < 2
        if untracked or flagged or header_row:
            colour = "#FBE9E0" if flagged else "#EEEEEE"
            ax.axhspan(y - step / 2, y + step / 2, color=colour, linewidth=0)
        ax.text(
            0.01,
            y,
            "  ".join(cell.center(width) for cell, width in zip(cells, widths, strict=True)),
            family="DejaVu Sans Mono",
            fontsize=BODY - 0.5,
            va="center",
            color="#555555" if untracked else "black",
            fontweight="bold" if flagged or header_row else "normal",
        )
    ax.axhline(-2 * step, color="#888888", linewidth=0.8)
    page.footer(f"{DISCLAIMER}   Page 2 of 2")
    page.space(0.3)
    return page


class _Page:
    """An A4 figure filled top to bottom: a cursor in inches from the bottom edge."""

    def __init__(self) -> None:
        from matplotlib.figure import Figure

        self.fig = Figure(figsize=A4)
        self.y = A4[1] - MARGIN

    def text(
        self, text: str, *, size: float = BODY, weight: str = "normal", color: str = "black", indent: float = 0.0
    ) -> None:
        width = A4[0] - 2 * MARGIN - indent
        for line in textwrap.wrap(text, _chars(width, size, bold=weight == "bold")) or [""]:
            self._line(line, MARGIN + indent, size=size, weight=weight, color=color)

    def bullet(self, text: str) -> None:
        self.fig.text(MARGIN / A4[0], self.y / A4[1], "•", va="top", fontsize=BODY)
        self.text(text, indent=0.15)

    def heading(self, text: str) -> None:
        self.space(0.08)
        self.text(text, size=11, weight="bold")
        self.space(0.02)

    def boxed(self, title: str, lines: Sequence[str], *, color: str, face: str = "#FBE9E0") -> None:
        from matplotlib.patches import Rectangle

        top = self.y + 0.05
        self.space(0.05)
        self.text(title.upper(), size=11, weight="bold", color=color, indent=0.1)
        for line in lines:
            self.text(line, weight="bold", indent=0.1)
        self.space(0.05)
        self.fig.add_artist(
            Rectangle(
                (MARGIN / A4[0], self.y / A4[1]),
                (A4[0] - 2 * MARGIN) / A4[0],
                (top - self.y) / A4[1],
                transform=self.fig.transFigure,
                facecolor=face,
                edgecolor=color,
                linewidth=2,
                zorder=-1,
            )
        )

    def axes(
        self, height: float, *, space_above: float, left: float = 1.0, right: float = 0.9, sharex: Any = None
    ) -> Any:
        self.y -= space_above + height
        rect = (left / A4[0], self.y / A4[1], (A4[0] - left - right) / A4[0], height / A4[1])
        return self.fig.add_axes(rect, sharex=sharex)

    def space(self, inches: float) -> None:
        self.y -= inches

    def room(self) -> float:
        """Inches left above the footer."""
        return self.y - FOOTER_SPACE

    def footer(self, text: str) -> None:
        self.fig.text(0.5, 0.35 / A4[1], text, ha="center", fontsize=BODY - 1, color="#333333")

    def _line(self, line: str, x: float, *, size: float, weight: str, color: str) -> None:
        self.fig.text(x / A4[0], self.y / A4[1], line, va="top", fontsize=size, fontweight=weight, color=color)
        self.y -= size * 1.4 / 72


# --- helpers -------------------------------------------------------------------------------


def _newest(lines: list[str], limit: int, what: str) -> list[str]:
    """At most `limit` lines, newest first: the rest become a count (keeps page 1 to a page)."""
    if len(lines) <= limit:
        return lines
    more = len(lines) - limit + 1
    return [*lines[: limit - 1], f"... and {more} earlier {what}."]


def _chars(width_in: float, size: float, *, bold: bool = False) -> int:
    """How many characters of DejaVu Sans fit in `width_in`: about 0.55 em each, 0.62 bold."""
    return max(20, int(width_in * 72 / (size * (0.62 if bold else 0.55))))
