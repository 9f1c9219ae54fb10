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


def lay_out_history(page: Page, lines: Sequence[str], summary: Sequence[str]) -> list[str]:
    """The history's bullets on `page` (the triggers and interventions are above them, never cut
    for them): every one of `lines` when they fit above the footer, else `summary`, the same
    history in fewer lines. Returns what still did not fit, for the top of the next page (a line
    says so); empty when all of it is on this page."""
    chosen = lines if _height(page, lines) <= page.room() - 2 * line_height(page.body) else summary
    for number, line in enumerate(chosen):
        # This line, then room for the line saying where the rest goes, and the page's own margin.
        if page.room() < _height(page, [line]) + 3 * line_height(page.body):
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
