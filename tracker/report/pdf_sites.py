"""The site chart (where and when on the face) as the visit report places it: on page 1 when it
fits, else after the day tables, with page 1 naming the page it is on. Import lazily: it pulls
in matplotlib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.report.chart_text import line_height
from tracker.report.pdf_page import A4, BODY, MARGIN, ReportPage, heading_height

if TYPE_CHECKING:
    from matplotlib.text import Text

    from tracker.report.site_chart import SitePicture


def draw_sites_or_pointer(page: ReportPage, picture: SitePicture) -> list[Text] | None:
    """Where and when on the face, across the whole range, before the weekly chart: it is the
    picture that tells one-sided spreading from a twitch that moved. It leaves the room of a line,
    for the history after it to say where it is. Without the room, a line for where it is drawn
    instead (a doctor holding the PDF cannot run a command): returned, for `sites_later` to name
    the page (none on a page already full, whose last line says the rest follows); None when
    drawn."""
    if not _sites_fit(page, picture):
        drawn = len(page.fig.texts)
        page.text(f"Where and when, by {picture.period}: on a later page.", color="#333333")
        return [text for text in page.fig.texts[drawn:] if text.get_text().startswith("Where and when")]
    _sites_here(page, picture)
    return None


def sites_later(pages: list[ReportPage], picture: SitePicture, pointers: list[Text]) -> None:
    """The site chart page 1 had no room for: on the last of `pages` (those after page 1) when it
    has the room, else on a page of its own after it (never left out); `pointers`, page 1's
    lines, name the page (in place of SITES_PAGE, or as the whole line)."""
    if not _sites_fit(pages[-1], picture):
        pages.append(ReportPage())
    _sites_here(pages[-1], picture)
    for pointer in pointers:
        text, number = pointer.get_text(), str(len(pages) + 1)
        where = f"Where and when, by {picture.period}: on page {number}."
        pointer.set_text(text.replace(SITES_PAGE, number) if SITES_PAGE in text else where)


# In a page-1 line, the page the site chart is on once pages are counted: one word, so a line
# wrapped at spaces never splits it.
SITES_PAGE = "{sites_page}"


def sites_pointer(picture: SitePicture) -> str:
    """What follows the site line on page 1 when the chart is on a later page."""
    return f"The chart of where and when, by {picture.period}: page {SITES_PAGE}."


def _sites_fit(page: ReportPage, picture: SitePicture) -> bool:
    from tracker.report.site_chart import sites_height

    return sites_height(picture, A4[0] - 2 * MARGIN) + heading_height() <= page.room() - 2 * line_height(BODY)


def _sites_here(page: ReportPage, picture: SitePicture) -> None:
    from tracker.report.site_chart import draw_sites

    page.heading(f"Where and when, by {picture.period}")
    page.y = draw_sites(page.fig, picture, left=MARGIN, top=page.y - 0.02, width=A4[0] - 2 * MARGIN)
