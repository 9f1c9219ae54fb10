"""An A4 PDF for a clinician: what happened, since when, how it is changing.

Page 1 is meant to be read in a minute: red flags first (boxed), a summary, any reliable
associations, interventions, then the weekly chart in the room left (on page 2 if a long
red-flag list leaves too little). Page 2 is the last four weeks day by day, with every factor
(tracker.report.pdf_table: more tables follow when they do not fit one), then what the pages cut
short for room, whole (tracker.report.pdf_page.carried_pages), then the period's notes
(tracker.report.pdf_notes). The wording comes from small pure functions
(tracker.report.wording) so tests can read it back; this module only lays it out. Every line is
wrapped to its measured width (tracker.report.chart_text) and every block checks the room left,
so nothing runs off the page or under the footer: the page and its cursor are
tracker.report.pdf_page, the weekly chart tracker.report.pdf_chart, the site chart
tracker.report.pdf_sites. Import lazily: it pulls in matplotlib.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.analysis.text import LOGGED, SUGGESTED
from tracker.core.files import private_atomic_file
from tracker.core.formatting import report_date, report_span
from tracker.core.vocabulary import TODAY_RED_FLAGS, RedFlagKind
from tracker.report import charts
from tracker.report.checklist_words import checklist_lines, derived_signs
from tracker.report.course_words import terms_words
from tracker.report.glyphs import drawable
from tracker.report.history_words import SCALES, history_lines, history_summary, site_story, where_line
from tracker.report.medication_words import MedicationLike, medication_lines, new_medicines, started_since
from tracker.report.pdf_chart import FACTOR_PANELS, WeeklyChart
from tracker.report.pdf_history import continued, history_heading, lay_out_history, period_words
from tracker.report.pdf_notes import notes_by_day, notes_pages
from tracker.report.pdf_page import BODY, ReportPage, carried_pages, newest
from tracker.report.pdf_sites import SITES_PAGE, draw_sites_or_pointer, sites_later, sites_pointer
from tracker.report.pdf_table import table_pages
from tracker.report.pdf_words import (
    DISCLAIMER,  # re-exported: the report's wording, for callers and tests
    MAX_FLAG_LINES,
    PATIENT_BLANK,
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

    from tracker.core.daily import DailyRow
    from tracker.core.span import Earlier
    from tracker.report.site_chart import SitePicture
    from tracker.storage.models import Episode, Intervention, RedFlag
    from tracker.storage.queries import NotedTwitch

_Page = ReportPage  # the name callers have used for a page of the report


def write_report(path: Path | str, **content: Any) -> Path:
    """Write the visit report (see `report_pages` for what goes in) as an A4 PDF,
    owner-only and atomic. Returns the path."""
    from tracker.report.pdf_backend import pdf_pages  # deferred: matplotlib's PDF backend

    PdfPages = pdf_pages()
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
    yes_no: Sequence[str] = (),
    tracked_from: Mapping[str, dt.date] | None = None,
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
    contexts: Sequence[tuple[dt.date, str]] = (),
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
    counts = {row.date: row.episodes for row in daily_rows if row.date <= date_to and row.episodes is not None}
    medicines = medication_lines(medications, onset=onset, first_twitch=first_twitch, counts=counts)
    new = new_medicines(medications, onset=onset, first_twitch=first_twitch)
    # A "no" never stands beside a logged or derived fact that contradicts it: both, dated.
    since = started_since(medications, onset=onset, first_twitch=first_twitch)
    derived = derived_signs(analysis, new, contexts, since)
    checklist = checklist_lines(checklist_no or {}, red_flags, date_to, derived)
    red_flags = [flag for flag in red_flags if date_from <= flag.date <= date_to]
    factors = [column for column in factors_units if column in frame.columns]
    history_facts: dict[str, Any] = {
        "relief": relief,
        "same_minute": same_minute,
        "contexts": contexts,
        "logged_spreads": [flag.date for flag in red_flags if str(flag.kind) == RedFlagKind.SPREADING],
    }
    span = (date_to - date_from).days + 1
    coverage = f"{report_span(date_from, date_to)}: " + window_coverage(frame, span)
    # The history's words do not change with the layout: worked out once for every try below
    # (on ten years each pass goes over every site of every twitch).
    story = site_story(diary_episodes, date_to)
    history = (
        history_heading(daily_rows, diary_episodes, date_to),
        history_lines(daily_rows, diary_episodes, date_to, **history_facts, story=story),
        history_summary(daily_rows, diary_episodes, date_to, **history_facts, story=story),
    )

    def lay_out(keep_chart: bool, where_early: bool = False) -> tuple[list[ReportPage], bool, bool]:
        """The pages, with the weekly chart's least room kept on page 1 before the history when
        `keep_chart`, and site and side as a summary line when `where_early` (for a site chart
        that went to a later page); whether keeping the chart would change anything (the chart
        went to page 2); and whether the site chart had no room on page 1."""
        first = ReportPage()
        first.reserve_footnote(f"{SCALES} {terms_words(analysis.get('persistence') or {})}")
        first.text("Facial twitching: visit summary", size=16, weight="bold")
        first.text(f"{coverage}. Prepared {report_date(generated_on)}.", color="#333333")
        # The diary keeps no name or date of birth: a blank for the clinician, nothing invented.
        first.text(PATIENT_BLANK, color="#333333")
        if earlier is not None:  # an old import or a first try before a long gap: a line, not a stretched chart
            first.text(earlier.words(report_date), color="#333333")
        first.space(0.12)
        # Only what the person logged goes under "logged"; what the entries suggest has its own box.
        every_suggested = red_flag_lines(red_flags, analysis, source=SUGGESTED)
        suggested = newest(every_suggested, MAX_FLAG_LINES // 2, "suggestions")
        every_logged = red_flag_lines(red_flags, analysis, source=LOGGED, today=generated_on)
        logged = newest(every_logged, MAX_FLAG_LINES - len(suggested), "red flags")
        # The earlier ones a full box leaves out are printed whole on a later page.
        first.carry("Red flags logged", [line for line in every_logged if line not in logged])
        first.carry(f"Red flags {SUGGESTED} (not logged)", [line for line in every_suggested if line not in suggested])
        before = earlier_flags_line(earlier_flags, date_from, in_period=bool(logged))
        if logged:
            # Told to the clinician as what was logged, when and in whose words, the signs that
            # cannot wait first; the person's emergency advice (Today, `log redflag`) is not this
            # page's headline.
            urgent = set(red_flag_lines(red_flags, analysis, source=LOGGED, kinds=TODAY_RED_FLAGS, today=generated_on))
            graded = [line for line in logged if line in urgent] + [line for line in logged if line not in urgent]
            first.boxed("Red flags logged", [*graded, *before], color=charts.VERMILLION)
        else:
            first.text(before[0] if before else "No red flags logged.", weight="bold")
        if suggested:
            first.space(0.1)
            # Three lines hold a suggested pattern's whole sentence (its date, its counts and the
            # dates they span); two cut off the counts. A person's own notes on logged flags stay
            # at two lines: they are whole under Notes.
            first.boxed(
                f"Red flags {SUGGESTED} (not logged)", suggested, color=charts.ORANGE, face="#FDF1DC", max_lines=3
            )
        if checklist:
            first.space(0.08)  # clear of the box's frame above
        for line in checklist:
            # every question answered, whole: a "no" cut off reads as not asked
            first.text(line, max_lines=5, carry=True)
        first.space(0.1)
        first.heading("Summary")
        for line in summary_lines(frame, analysis, diary_episodes, date_to=date_to, onset=onset, story=story):
            first.bullet(line)
        where_pointers = []
        where = where_line(diary_episodes, date_to, story=story) if sites is not None and where_early else ""
        if where and sites is not None:
            # Page 1 always says where the twitching is: with the chart on a later page, in words
            # near the top, where no list above it can push it off the page.
            drawn = len(first.fig.texts)
            first.bullet(f"{where} {sites_pointer(sites)}")
            where_pointers = [text for text in first.fig.texts[drawn:] if SITES_PAGE in text.get_text()]
        # A period shorter than the history: the model and the before/after saw only its days.
        only = "" if not daily_rows or daily_rows[0].date >= date_from else f", {period_words(date_from, date_to)}"
        first.heading(f"Possible triggers{only}")
        for line in association_lines(analysis):
            first.bullet(line)
        tried = intervention_lines(interventions, analysis, frame, factors_units, factor_names)
        if tried:
            first.heading(f"Interventions and supplements{only}")
            for line in tried:
                first.bullet(line)
        else:  # one line, not a heading, as for medications: room for the lines a clinician needs
            first.space(0.06)
            first.text(f"Interventions and supplements{only}: none.", max_lines=1, carry=True)
        if medications:
            first.heading("Medications")
            for line in medicines:
                first.bullet(line)
        else:  # one line, not a heading: an empty list must not push the chart off page 1
            first.space(0.06)
            first.text(f"Medications: {medicines[0]}", max_lines=1, carry=True)
        # A site chart without room on page 1 goes after the tables (`sites_later`): never left out.
        sites_later_lines = None
        if sites is not None and where:
            sites_later_lines = where_pointers  # said above; the chart goes after the tables
        elif sites is not None:
            sites_later_lines = draw_sites_or_pointer(first, sites)
        sites_moved = sites is not None and sites_later_lines is not None
        if sites_moved and not where_early:
            return [], False, True  # laid out again with site and side near the top: the rest would go unused
        # Averaged as chart.png and Trends average them (tracker.report.outputs.chart_reading).
        weekly = diary if chart_frame is None else chart_frame.loc[: pd.Timestamp(date_to)]
        chart = WeeklyChart(
            weekly, marks, factors[:FACTOR_PANELS], factors_units, factor_names, date_to, absent_means_none
        )
        # Kept, the chart's least room goes before the history: the history can go on at the top
        # of page 2, while a chart pushed off page 1 may end up alone on a page of its own.
        could_keep = chart.fits(first.room())
        keep = chart.min_height() if keep_chart and could_keep else 0.0
        left = lay_out_history(first, *history, reserve=keep)

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
            absent_means_none=absent_means_none,
            yes_no=yes_no,
            tracked_from=tracked_from or {},
        )
        reserve = 0.0 if on_first else chart.min_height()
        tables = table_pages(
            # The period's coverage is page 1's first line, and the last 28 days' its summary: not said again.
            continued(ReportPage, left),
            header,
            rows,
            coverage="",
            last=date_to,
            reserve=reserve,
            none_as_zero=[
                factor_names.get(column, column).lower() for column in factors if column in absent_means_none
            ],
        )
        second = tables[0]
        if not on_first and chart.fits(second.room()):
            chart.draw(second)
        elif not on_first:  # a crowded day table: the chart gets a page after the tables, never dropped
            own = ReportPage()
            chart.draw(own)
            tables.append(own)
        if sites is not None and sites_later_lines is not None:
            sites_later(tables, sites, sites_later_lines)
        notes = notes_by_day(day_notes, noted_twitches, red_flags, in_packet=in_packet)
        notes = [day for day in notes if date_from <= day.day <= date_to]
        pages = [first, *tables]
        pages += carried_pages(pages)  # what was cut short for room, whole, before the notes
        pages += notes_pages(ReportPage, pages[-1], notes)
        first.footnote()
        for number, page in enumerate(pages, start=1):
            page.footer(f"{DISCLAIMER}   Page {number} of {len(pages)}")
        return pages, could_keep and not on_first, sites_moved

    with matplotlib.rc_context({"font.size": BODY}):
        # Page 1's history comes first; the chart keeps its room on page 1 instead only when that
        # makes the report shorter (a chart pushed to page 2 can push the notes to a page 3).
        pages, could_keep, sites_moved = lay_out(keep_chart=False)
        if sites_moved:  # laid out again with site and side in words near the top of page 1
            pages, could_keep, _ = lay_out(keep_chart=False, where_early=True)
        if could_keep:
            kept, _, _ = lay_out(keep_chart=True, where_early=sites_moved)
            pages = kept if len(kept) < len(pages) else pages
    return [page.fig for page in pages]
