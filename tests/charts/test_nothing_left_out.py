"""No part of the visit report is left out of the PDF for lack of room: a part that does not fit
where it belongs goes on the next page with room, and the place it would have been says which
page. A doctor holding the PDF cannot run a command, so no page points to one instead."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from pypdf import PdfReader

from tests.helpers.diaries import NOW, migrating

MEDICATIONS = (
    ("prednisolone", "--dose", "20 mg daily", "--started", "-40"),
    ("omeprazole", "--dose", "20 mg", "--started", "-200"),
    ("Ventolin", "--dose", "2 puffs when needed", "--started", "-90"),
)


@pytest.fixture(autouse=True)
def _frozen_today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_site_chart_moves_to_a_later_page_when_medications_fill_page_one(tmp_path, cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "diary.db"
    migrating(path)  # three sites over six months
    for day, kind in enumerate(("weakness", "spreading", "drooping", "speech", "numbness", "in-sleep", "eye-closure")):
        note = "noticed it after a long day at work, and again the next morning"
        assert cli("log", "redflag", kind, "--date", f"2026-11-{10 + day}", "--note", note, db=path).code == 0
    for args in MEDICATIONS:
        assert cli("med", "add", *args, db=path).code == 0
    report = tmp_path / "report.pdf"

    assert cli("report", "-o", str(report), db=path).code == 0

    pages = [" ".join(page.extract_text().split()) for page in PdfReader(report).pages]
    drawn = [number for number, page in enumerate(pages, start=1) if "Where and when, by week " in page]
    assert len(drawn) == 1 and drawn[0] > 1  # the chart's title, then its rows: drawn, after page 1
    assert "left eyelid" in pages[drawn[0] - 1] and "right cheek" in pages[drawn[0] - 1]
    # Where it would have been: site and side in words, and the page of the chart.
    assert f"The chart of where and when, by week: page {drawn[0]}." in pages[0]
    assert "Where (site and side, days twitching, first to last logged): " in pages[0]
    assert any("Week by week" in page for page in pages)
    assert not any("tracker chart" in page for page in pages)
