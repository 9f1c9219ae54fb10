"""An A4 PDF for a clinician: what happened, since when, how it is changing.

Page 1 is meant to be read in a minute: red flags first (boxed), a summary, any reliable
associations, interventions, then the weekly chart in the room left (on page 2 if a long
red-flag list leaves too little). Page 2 is the last four weeks day by day, with every factor
(tracker.report.pdf_table: more tables follow when they do not fit one), then the period's notes
(tracker.report.pdf_notes). Whatever is shortened says so and where to read it whole. The wording comes from
small pure functions (tracker.report.wording) so tests can read it back; this module only lays
it out. Every line is wrapped to its measured width (tracker.report.chart_text) and every block
checks the room left, so nothing runs off the page or under the footer. Import lazily: it
pulls in matplotlib.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from tracker.analysis import periods
from tracker.analysis.text import LOGGED, SUGGESTED
from tracker.core.files import private_atomic_file
from tracker.core.formatting import report_date, report_span
from tracker.core.vocabulary import dated_red_flag_advice
from tracker.report import charts
from tracker.report.chart_text import line_height, shorten, text_width, wrap
from tracker.report.glyphs import drawable
from tracker.report.history_words import SCALES, checklist_lines, derived_signs, history_lines, history_summary
from tracker.report.medication_words import MedicationLike, medication_lines, new_medicines
from tracker.report.pdf_history import continued, history_heading, lay_out_history, period_words
from tracker.report.pdf_notes import notes_by_day, notes_pages
from tracker.report.pdf_table import table_pages
from tracker.report.pdf_words import (  # re-exported: the report's wording, for callers and tests
    DISCLAIMER,
    MAX_FLAG_LINES,
    daily_table,
    earlier_flags_line,
    flag_marks,
    intervention_lines,
    red_flag_lines,
    summary_lines,
    window_coverage,
)
from tracker.report.wording import association_lines

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from tracker.analysis.periods import Period
    from tracker.core.daily import DailyRow
    from tracker.core.span import Earlier
    from tracker.report.chart_plan import ChartPlan
    from tracker.report.site_chart import SitePicture
    from tracker.storage.models import Episode, Intervention, RedFlag
    from tracker.storage.queries import NotedTwitch

A4 = (8.27, 11.69)  # inches, portrait
MARGIN = 0.6
BODY = 9
CHART_WEEKS = 12
FACTOR_PANELS = 2  # the PDF has room for two factor panels under the episodes
CHART_LEFT, CHART_RIGHT = 1.0, 0.9  # room for the axis labels on either side
MIN_PANEL = 0.42  # inches: a factor panel lower than this is not worth drawing; the chart moves on
MAX_CHART_HEIGHT = 5.2
FOOTER_SPACE = 0.7
MORE = "… (not enough room on this page: `tracker analyze` has it all)"
EARLIER = "… and"  # starts the line that counts what did not fit


# --- the PDF -------------------------------------------------------------------------------


def write_report(path: Path | str, **content: Any) -> Path:
    """Write the visit report (see `report_pages` for what goes in) as an A4 PDF,
    owner-only and atomic. Returns the path."""
    from matplotlib.backends.backend_pdf import PdfPages  # deferred: ~150 ms with matplotlib

    path = Path(path)
    pages = report_pages(**content)
    # matplotlib's Type 3 fonts carry a ToUnicode map, so the text can still be searched;
    # TrueType (Type 42) embedding costs ~0.6 s of font subsetting for nothing more.
    with (
        private_atomic_file(path) as handle,
        PdfPages(handle, metadata={"Title": "Twitching visit summary", "Creator": "tracker"}) as pdf,
    ):
        for page in pages:
            drawable(page)
            pdf.savefig(page)
    return path


def report_pages(
    *,
    frame: pd.DataFrame,
    analysis: dict[str, Any],
    episodes: Sequence[Episode],
    interventions: Sequence[Intervention],
    red_flags: Sequence[RedFlag],
    marks: charts.ChartMarks,
    sites: SitePicture | None = None,
    factors_units: dict[str, str],
    factor_names: dict[str, str],
    date_from: dt.date,
    date_to: dt.date,
    generated_on: dt.date,
    day_notes: Sequence[tuple[dt.date, str]] = (),
    noted_twitches: Sequence[NotedTwitch] = (),
    in_packet: bool = False,
    daily_rows: Sequence[DailyRow] = (),
    onset: dt.date | None = None,
    checklist_no: dict[str, dt.date] | None = None,
    relief: Sequence[tuple[str, int | None]] = (),
    same_minute: tuple[int, int] = (0, 0),
    earlier: Earlier | None = None,
    chart_frame: pd.DataFrame | None = None,
    absent_means_none: Sequence[str] = (),
    medications: Sequence[MedicationLike] = (),
) -> list[Figure]:
    """The report's A4 pages as matplotlib Figures, laid out and ready to save: the summary,
    the last four weeks day by day (more tables when the factors do not fit one), the notes."""
    import matplotlib  # deferred: ~150 ms
    import pandas as pd

    # The diary up to the period's end is the history (its first entry, the course, each site, the
    # weekly chart); the period's own days are the summary's counts, the day table and the notes.
    diary = frame.loc[: pd.Timestamp(date_to)]
    frame = frame.loc[pd.Timestamp(date_from) : pd.Timestamp(date_to)]
    # What the checklist was last answered before the window counts too: a "no" stays a "no".
    diary_episodes = [e for e in episodes if e.local_date <= date_to]
    episodes = [e for e in diary_episodes if date_from <= e.local_date]
    earlier_flags = [flag for flag in red_flags if flag.date < date_from]
    # A medicine is new against the first twitch of the whole diary, not of the period.
    first_twitch = min((e.local_date for e in diary_episodes), default=None)
    medicines = medication_lines(medications, onset=onset, first_twitch=first_twitch)
    new = new_medicines(medications, onset=onset, first_twitch=first_twitch)
    # A "no" never stands beside a logged or derived fact that contradicts it: both, dated.
    checklist = checklist_lines(checklist_no or {}, red_flags, date_to, derived_signs(analysis, new))
    red_flags = [flag for flag in red_flags if date_from <= flag.date <= date_to]
    factors = [column for column in factors_units if column in frame.columns]
    span = (date_to - date_from).days + 1
    coverage = f"{report_span(date_from, date_to)}: " + window_coverage(frame, span)

    def lay_out(keep_chart: bool) -> tuple[list[_Page], bool]:
        """The pages, with the weekly chart's least room kept on page 1 before the history when
        `keep_chart`; and whether keeping it would change anything (the chart went to page 2)."""
        first = _Page()
        first.text("Facial twitching: visit summary", size=16, weight="bold")
        first.text(f"{coverage}. Prepared {report_date(generated_on)}.", color="#333333")
        if earlier is not None:  # an old import or a first try before a long gap: a line, not a stretched chart
            first.text(earlier.words(report_date), color="#333333")
        first.space(0.12)
        # Only what the person logged goes under "logged"; what the entries suggest has its own box.
        suggested = _newest(red_flag_lines(red_flags, analysis, source=SUGGESTED), MAX_FLAG_LINES // 2, "suggestions")
        logged = red_flag_lines(red_flags, analysis, source=LOGGED, today=generated_on)
        logged = _newest(logged, MAX_FLAG_LINES - len(suggested), "red flags")
        before = earlier_flags_line(earlier_flags, date_from, in_period=bool(logged))
        if logged:
            # Graded by the signs in the box, and dated as every reader dates it: a droop logged
            # last week is not "call emergency services today" on the day of the visit.
            advice = " ".join(dated_red_flag_advice(((str(f.kind), f.date) for f in red_flags), today=generated_on))
            first.boxed("Red flags logged", [advice, *logged, *before], color=charts.VERMILLION)
        else:
            first.text(before[0] if before else "No red flags logged.", weight="bold")
        if suggested:
            first.space(0.1)
            # Three lines hold a suggested pattern's whole sentence (its date, its rule and "worth
            # showing a doctor"); two cut off the advice, the part a reader needs. A person's own
            # notes on logged flags stay at two lines: they are whole under Notes.
            first.boxed(
                f"Red flags {SUGGESTED} (not logged)", suggested, color=charts.ORANGE, face="#FDF1DC", max_lines=3
            )
        if checklist:
            first.space(0.08)  # clear of the box's frame above
        for line in checklist:
            first.text(line, max_lines=5)  # every question answered, whole: a "no" cut off reads as not asked
        first.space(0.1)
        first.heading("Summary")
        for line in summary_lines(frame, analysis, diary_episodes, date_to=date_to, onset=onset):
            first.bullet(line)
        # A period shorter than the history: the model and the before/after saw only its days.
        only = "" if not daily_rows or daily_rows[0].date >= date_from else f", {period_words(date_from, date_to)}"
        first.heading(f"Possible triggers{only}")
        for line in association_lines(analysis):
            first.bullet(line)
        first.heading(f"Interventions and supplements{only}")
        for line in intervention_lines(interventions, analysis, frame, factors_units, factor_names) or ["None."]:
            first.bullet(line, whole="`tracker intervention list` and `analyze` have it all")
        if medications:
            first.heading("Medications")
            for line in medicines:
                first.bullet(line, whole="`tracker med list` has it all")
        else:  # one line, not a heading: an empty list must not push the chart off page 1
            first.space(0.06)
            first.text(f"Medications: {medicines[0]}", max_lines=1)
        # A site chart without room on page 1 goes after the tables (`_sites_later`): never left out.
        sites_pointer = None if sites is None else _draw_sites(first, sites)
        # Averaged as chart.png and Trends average them (tracker.report.outputs.chart_reading).
        weekly = diary if chart_frame is None else chart_frame.loc[: pd.Timestamp(date_to)]
        chart = _Chart(weekly, marks, factors[:FACTOR_PANELS], factors_units, factor_names, date_to, absent_means_none)
        # Kept, the chart's least room goes before the history: the history can go on at the top
        # of page 2, while a chart pushed off page 1 may end up alone on a page of its own.
        could_keep = chart.fits(first.room())
        keep = chart.min_height() if keep_chart and could_keep else 0.0
        left = lay_out_history(
            first,
            history_heading(daily_rows, diary_episodes, date_to),
            history_lines(daily_rows, diary_episodes, date_to, relief=relief, same_minute=same_minute),
            history_summary(daily_rows, diary_episodes, date_to, relief=relief, same_minute=same_minute),
            reserve=keep,
        )

        # The chart takes what page 1 has left; long red-flag or trigger lists push it to page 2,
        # whose table then packs its lines closer to leave the chart its room.
        on_first = chart.fits(first.room())
        if on_first:
            chart.draw(first)
        header, rows = daily_table(
            frame,
            factors,
            factors_units,
            flag_marks(red_flags, analysis, source=LOGGED),
            suggested=flag_marks(red_flags, analysis, source=SUGGESTED),
            names=factor_names,
            date_to=date_to,
            date_from=date_from,
        )
        reserve = 0.0 if on_first else chart.min_height()
        tables = table_pages(continued(_Page, left), header, rows, coverage=coverage, last=date_to, reserve=reserve)
        second = tables[0]
        if not on_first and chart.fits(second.room()):
            chart.draw(second)
        elif not on_first:  # a crowded day table: the chart gets a page after the tables, never dropped
            own = _Page()
            chart.draw(own)
            tables.append(own)
        if sites is not None and sites_pointer is not None:
            _sites_later(tables, sites, sites_pointer)
        notes = notes_by_day(day_notes, noted_twitches, red_flags, in_packet=in_packet)
        notes = [day for day in notes if date_from <= day.day <= date_to]
        pages = [first, *tables]
        pages += notes_pages(_Page, pages[-1], notes)
        first.footnote(SCALES)
        for number, page in enumerate(pages, start=1):
            page.footer(f"{DISCLAIMER}   Page {number} of {len(pages)}")
        return pages, could_keep and not on_first

    with matplotlib.rc_context({"font.size": BODY}):
        # Page 1's history comes first; the chart keeps its room on page 1 instead only when that
        # makes the report shorter (a chart pushed to page 2 can push the notes to a page 3).
        pages, could_keep = lay_out(keep_chart=False)
        if could_keep:
            kept, _ = lay_out(keep_chart=True)
            pages = kept if len(kept) < len(pages) else pages
    return [page.fig for page in pages]


class _ChartOptions(TypedDict):
    """What the report's chart is drawn with, whatever its size."""

    period: Period
    factors: Sequence[str]
    names: dict[str, str]
    units: dict[str, str]
    marks: charts.ChartMarks
    absent_means_none: Sequence[str]


class _Chart:
    """The weekly chart as drawn on a page: the same panels and marks as `tracker chart`."""

    def __init__(
        self,
        frame: pd.DataFrame,
        marks: charts.ChartMarks,
        factors: Sequence[str],
        units: dict[str, str],
        names: dict[str, str],
        date_to: dt.date,
        absent_means_none: Sequence[str] = (),
    ) -> None:
        self.summary = periods.period_summary(periods.last_weeks(frame, CHART_WEEKS), factors=factors, period="week")
        self.options = _ChartOptions(
            period="week", factors=factors, names=names, units=units, marks=marks, absent_means_none=absent_means_none
        )
        self.date_to = date_to
        first = self.summary.index[0].date() if len(self.summary.index) else date_to
        self.heading = f"Week by week, {report_date(first)} to {report_date(date_to)}"

    def plan(self, room: float) -> ChartPlan | None:
        """The biggest plan that fits `room` inches (heading included), or None."""
        from tracker.report.chart_plan import ChartStyle, plan_chart

        style = ChartStyle(size=BODY - 1)
        width = A4[0] - CHART_LEFT - CHART_RIGHT
        room = min(room, MAX_CHART_HEIGHT) - _heading_height()
        panels = 2 + len(self.options["factors"])  # the episodes panel is two factor panels high
        bare = plan_chart(self.summary, width=width, style=style, episodes_height=0, factor_height=0, **self.options)
        unit = (room - bare.height) / panels
        for _ in range(3):  # taller panels may label more markers, and so need fewer caption lines
            if unit < MIN_PANEL:
                return None
            plan = plan_chart(
                self.summary, width=width, style=style, episodes_height=2 * unit, factor_height=unit, **self.options
            )
            if plan.height <= room:
                return plan
            unit -= (plan.height - room) / panels + 0.01
        return None

    def fits(self, room: float) -> bool:
        return self.plan(room) is not None

    def min_height(self) -> float:
        """The least room (inches) the chart is drawn in, heading included."""
        from tracker.report.chart_plan import ChartStyle, plan_chart

        width = A4[0] - CHART_LEFT - CHART_RIGHT
        style = ChartStyle(size=BODY - 1)
        plan = plan_chart(
            self.summary,
            width=width,
            style=style,
            episodes_height=2 * MIN_PANEL,
            factor_height=MIN_PANEL,
            **self.options,
        )
        return plan.height + _heading_height() + 0.02

    def draw(self, page: _Page) -> None:
        from tracker.report.chart_draw import draw_chart

        plan = self.plan(page.room())
        assert plan is not None  # drawn only on a page it fits (callers ask `fits` first)
        page.heading(self.heading)
        page.y = draw_chart(page.fig, plan, left=CHART_LEFT, top=page.y - 0.05)


def _draw_sites(page: _Page, picture: SitePicture) -> Text | None:
    """Where and when on the face, across the whole range, before the weekly chart: it is the
    picture that tells one-sided spreading from a twitch that moved. It leaves the room of a line,
    for the history after it to say where it is. Without the room, a line for where it is drawn
    instead (a doctor holding the PDF cannot run a command): returned, for `_sites_later` to name
    the page; None when drawn."""
    if not _sites_fit(page, picture):
        page.text(f"Where and when, by {picture.period}: on a later page.", color="#333333")
        return page.fig.texts[-1]
    _sites_here(page, picture)
    return None


def _sites_later(pages: list[_Page], picture: SitePicture, pointer: Text) -> None:
    """The site chart page 1 had no room for: on the last of `pages` (those after page 1) when it
    has the room, else on a page of its own after it (never left out); `pointer`, page 1's line,
    names the page."""
    if not _sites_fit(pages[-1], picture):
        pages.append(_Page())
    _sites_here(pages[-1], picture)
    pointer.set_text(f"Where and when, by {picture.period}: on page {len(pages) + 1}.")


def _sites_fit(page: _Page, picture: SitePicture) -> bool:
    from tracker.report.site_chart import sites_height

    return sites_height(picture, A4[0] - 2 * MARGIN) + _heading_height() <= page.room() - 2 * line_height(BODY)


def _sites_here(page: _Page, picture: SitePicture) -> None:
    from tracker.report.site_chart import draw_sites

    page.heading(f"Where and when, by {picture.period}")
    page.y = draw_sites(page.fig, picture, left=MARGIN, top=page.y - 0.02, width=A4[0] - 2 * MARGIN)


def _heading_height() -> float:
    """What `_Page.heading` takes, and the gap `_Chart.draw` leaves under it."""
    return 0.08 + line_height(11) + 0.02 + 0.05


class _Page:
    """An A4 figure filled top to bottom: a cursor in inches from the bottom edge. Text that
    would reach the footer is cut short, with a line saying so."""

    paper_width: float = A4[0]
    margin: float = MARGIN
    body: float = BODY

    def __init__(self) -> None:
        from matplotlib.figure import Figure

        self.fig = Figure(figsize=A4)
        self.y = A4[1] - MARGIN
        self.full = False

    def text(
        self,
        text: str,
        *,
        size: float = BODY,
        weight: str = "normal",
        color: str = "black",
        indent: float = 0.0,
        max_lines: int = 6,
        cut: str = "",
    ) -> bool:
        """Wrapped `text`; past `max_lines`, its start and an ellipsis, then `cut` (where to read
        it all). Returns whether it was cut short."""
        width = A4[0] - 2 * MARGIN - indent
        lines = wrapped = wrap(text, width=width, size=size, weight=weight)
        if len(lines) > max_lines:  # a very long note: its start, and an ellipsis
            rest = " ".join(lines[max_lines - 1 :])
            tail = f" {cut}" if cut else ""
            room = width - text_width(tail, size=size, weight=weight)
            lines = [*lines[: max_lines - 1], shorten(rest, width=room, size=size, weight=weight) + tail]
        for line in lines:
            self._line(line, MARGIN + indent, size=size, weight=weight, color=color)
        return len(wrapped) > max_lines

    def bullet(self, text: str, *, whole: str = "`tracker analyze` has it all") -> None:
        """A bulleted paragraph; one too long ends in "…" and where to read it all (`whole`)."""
        if self._room_for(BODY):
            self.fig.text(MARGIN / A4[0], self.y / A4[1], "•", va="top", fontsize=BODY)
        self.text(text, indent=0.15, cut=f"({whole})")

    def heading(self, text: str) -> None:
        self.space(0.08)
        self.text(text, size=11, weight="bold")
        self.space(0.02)

    def boxed(self, title: str, lines: Sequence[str], *, color: str, face: str = "#FBE9E0", max_lines: int = 2) -> None:
        from matplotlib.patches import Rectangle

        top = self.y + 0.05
        self.space(0.05)
        self.text(title.upper(), size=11, weight="bold", color=color, indent=0.1)
        shortened = False
        for line in lines:
            shortened |= self.text(line, weight="bold", indent=0.1, max_lines=max_lines) or line.startswith(EARLIER)
        if shortened:  # one pointer for the box, rather than one on every line
            self.text("“…”: cut short here for room; `tracker analyze` has every one whole.", indent=0.1)
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

    def axes(self, height: float, *, left: float, right: float) -> Any:
        self.y -= height
        rect = (left / A4[0], self.y / A4[1], (A4[0] - left - right) / A4[0], height / A4[1])
        return self.fig.add_axes(rect)

    def space(self, inches: float) -> None:
        self.y -= inches

    def room(self) -> float:
        """Inches left above the footer."""
        return self.y - FOOTER_SPACE

    def footnote(self, text: str) -> None:
        """A line just above the footer (the scales the page uses), whatever the page holds."""
        self.fig.text(MARGIN / A4[0], 0.55 / A4[1], text, fontsize=BODY - 1, color="#333333")

    def footer(self, text: str) -> None:
        self.fig.text(0.5, 0.35 / A4[1], text, ha="center", fontsize=BODY - 1, color="#333333")

    def _room_for(self, size: float) -> bool:
        return not self.full and self.room() >= 2 * line_height(size)

    def _line(self, line: str, x: float, *, size: float, weight: str, color: str) -> None:
        if self.full:
            return
        if self.room() < line_height(size):  # not even the line below: it would lie on the footnote
            self.full = True
            return
        if not self._room_for(size):  # the last line that fits says the rest was left out
            self.full = True
            line, x, weight, color = MORE, MARGIN, "normal", "#333333"
        self.fig.text(x / A4[0], self.y / A4[1], line, va="top", fontsize=size, fontweight=weight, color=color)
        self.y -= line_height(size)


# --- helpers -------------------------------------------------------------------------------


def _newest(lines: list[str], limit: int, what: str) -> list[str]:
    """At most `limit` of `lines` (in date order): the newest, then a count of the earlier ones
    (keeps page 1 to a page)."""
    if len(lines) <= limit:
        return lines
    more = len(lines) - limit + 1
    return [*lines[len(lines) - limit + 1 :], f"{EARLIER} {more} earlier {what}."]
