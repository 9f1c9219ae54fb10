"""A page-1 line that names the page something else is on reads a page number, however the line
wraps: a placeholder split over two lines was printed as it was ("page {sites" / "page}.")."""

from __future__ import annotations

from types import SimpleNamespace

from tracker.report.pdf_page import ReportPage
from tracker.report.pdf_sites import SITES_PAGE, sites_pointer


def test_the_site_chart_pointer_is_one_piece_wherever_the_line_wraps() -> None:
    picture = SimpleNamespace(period="week")
    for words in range(40):  # lines of every length up to six lines: one wraps inside the placeholder
        page = ReportPage()
        drawn = len(page.fig.texts)
        page.bullet("left eyelid " * words + sites_pointer(picture))  # type: ignore[arg-type]

        lines = [text.get_text() for text in page.fig.texts[drawn:]]
        pointers = [line for line in lines if SITES_PAGE in line]

        assert not [line for line in lines if "…" in line], (words, lines)  # whole, not cut short
        assert len(pointers) == 1, (words, lines)
        assert not [line for line in lines if "{" in line and SITES_PAGE not in line], (words, lines)
