"""Page 1's history as laid out on the report's pages: the whole of it, always. Every line when
they fit; else the same history in fewer, denser lines (tracker.report.history_words.history_summary);
and what still does not fit goes on at the top of page 2, never dropped for a pointer to a
command. Also the headings that say what a part of page 1 covers, the whole diary or the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

from tracker.core.formatting import report_date, report_span
from tracker.report.chart_text import line_height, wrap

if TYPE_CHECKING:
    from tracker.analysis.persistence import EpisodeLike
    from tracker.core.daily import DailyRow

HEADING = "History, by site and over time"
GOES_ON = "The history goes on at the top of page 2."
GOES_ON_ALONE = "at the top of page 2."


class Page(Protocol):
    """The part of the report's page the history uses: a cursor going down an A4 figure."""

    paper_width: float  # inches
    margin: float  # inches, left and right
    body: float  # points: the page's text size

    def text(self, text: str, *, color: str = ...) -> object: ...
    def bullet(self, text: str) -> None: ...
    def heading(self, text: str) -> None: ...
    def space(self, inches: float) -> None: ...
    def room(self) -> float: ...


PageT = TypeVar("PageT", bound=Page)


def period_words(date_from: dt.date, date_to: dt.date) -> str:
    """ "judged on this period only (20 Nov 2026 to 28 Nov 2026)": after the heading of a part
    that saw only the period's days, when the history reaches further back."""
    return f"judged on this period only ({report_span(date_from, date_to)})"


def history_heading(rows: Sequence[DailyRow], episodes: Sequence[EpisodeLike], date_to: dt.date) -> str:
    """The history's heading, saying what it covers: the whole diary (which a short period's
    report would otherwise be taken to be), from its first day to the period's end."""
    days = [row.date for row in rows] + [episode.local_date for episode in episodes]
    if not days:
        return HEADING
    return f"{HEADING}: the whole diary, {report_date(min(days))} to {report_date(date_to)}"


def lay_out_history(
    page: Page, heading: str, lines: Sequence[str], summary: Sequence[str], *, reserve: float = 0.0
) -> list[str]:
    """The history under `heading` on `page` (the triggers and interventions are above them, never
    cut for them), kept above the last `reserve` inches of the page's room (the weekly chart's
    place): every one of `lines` when they fit, else `summary`, the same history in fewer lines.
    Returns what still did not fit, for the top of the next page (a line says so); empty when all
    of it is on this page. Without the room for the heading, a first line and that line, the whole
    history goes on (as `summary`) with a line saying where."""
    step = line_height(page.body)

    def room() -> float:
        return page.room() - reserve

    if not summary:
        summary = lines
    first = summary[:1] or lines[:1]
    if room() < _heading_height(page, heading) + _height(page, first) + 2 * step:
        if room() >= 2 * step:  # a line of its own, clear of the footnote under it
            page.text(f"{HEADING}: {GOES_ON_ALONE}", color="#333333")
        return list(summary)
    page.heading(heading)
    chosen = lines if _height(page, lines) <= room() - 2 * step else summary
    for number, line in enumerate(chosen):
        # This line, then the line saying where the rest goes: a page draws a line only with the
        # room of two (the second for its own "not enough room" line), so that one needs two.
        if room() < _height(page, [line]) + 2 * step:
            page.text(GOES_ON, color="#333333")
            return list(chosen[number:])
        page.bullet(line)
    return []


def continued(new_page: Callable[[], PageT], history: Sequence[str]) -> Callable[[], PageT]:
    """`new_page`, except that the first page it makes begins with `history`, the rest of page
    1's (if any), under its heading."""
    made: list[PageT] = []

    def first_with_history() -> PageT:
        page = new_page()
        if history and not made:
            page.heading(f"{HEADING} (continued from page 1)")
            for line in history:
                page.bullet(line)
            page.space(0.1)
        made.append(page)
        return page

    return first_with_history


def _height(page: Page, lines: Sequence[str]) -> float:
    """Inches that `lines` take as bullets on `page`."""
    width = page.paper_width - 2 * page.margin - 0.15  # the bullet's indent
    return sum(len(wrap(line, width=width, size=page.body)) for line in lines) * line_height(page.body)


def _heading_height(page: Page, heading: str) -> float:
    """Inches that `heading` takes as a page's heading (11 pt bold, its gaps above and below)."""
    width = page.paper_width - 2 * page.margin
    return 0.08 + len(wrap(heading, width=width, size=11, weight="bold")) * line_height(11) + 0.02
