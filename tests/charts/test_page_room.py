"""A page of the visit report with less than a line of room left draws nothing more: no line,
not even the one saying the rest was left out, lands on the scales footnote or the footer."""

from __future__ import annotations

import pytest

from tests.charts.test_layout import _assert_apart, _assert_inside, _drawn_texts
from tracker.report.chart_text import line_height
from tracker.report.history_words import SCALES
from tracker.report.pdf import BODY, DISCLAIMER, _Page


@pytest.mark.parametrize("lines_left", [0.2, 0.6, 0.99, 1.5, 2.5])
def test_text_after_a_block_that_filled_the_page_stays_off_its_footnote(lines_left: float) -> None:
    # A picture or chart above can leave any room at all: here, `lines_left` lines of it.
    page = _Page()
    page.space(page.room() - lines_left * line_height(BODY))

    page.heading("History, by site and over time")
    page.bullet("Twitching days by month, of the days answered: Nov 2026 7 of 9.")
    page.footnote(SCALES)
    page.footer(f"{DISCLAIMER}   Page 1 of 2")

    texts = _drawn_texts(page.fig)
    _assert_inside(page.fig, texts, margin=0.25, where="the page")
    _assert_apart(texts, where="the page")
