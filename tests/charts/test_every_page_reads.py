"""Every page of the visit report, as a clinician reads it: in the third person (the report is
read by a doctor, not by the person who kept the diary), and no date broken over two lines.
Read from the PDFs of the demo diary and of the two diaries a GP read cold."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pypdf import PdfReader

from tests.helpers.diaries import TODAY, migrating, one_sided
from tests.helpers.diaries import report_pages as _report_pages
from tests.helpers.diaries import twitch_at as _twitch
from tracker.report.chart_text import wrap
from tracker.report.outputs import write_visit_report
from tracker.storage.models import RedFlagCreate

MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# A line ending inside a date: "1 Dec" then "2026", "Tue" then "1 Dec", "1" then "Dec 2026".
SPLIT_DATE = re.compile(
    rf"\b\d{{1,2}} {MONTH}\n\s*\d{{4}}\b|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\n\s*\d{{1,2}} {MONTH}\b"
    rf"|\b\d{{1,2}}\n\s*{MONTH}(?: \d{{4}})?\b|\b{MONTH}\n\s*\d{{4}}\b"
)
TO_THE_PATIENT = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Each page's lines, of the demo's report (made on 1 Dec 2026), the one-sided and the
    migrating diaries' and a diary with a spread logged beside red flags the entries suggest."""
    from tracker.cli import main

    folder = tmp_path_factory.mktemp("every-page")
    pages = {}
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 30, tzinfo=ZoneInfo("Europe/London")), tick=False):
        assert main(["--db", str(folder / "demo.db"), "demo"]) == 0
        assert main(["--db", str(folder / "demo.db"), "report", "-o", str(folder / "demo.pdf")]) == 0
    pages["demo"] = [page.extract_text() for page in PdfReader(folder / "demo.pdf").pages]
    for name, diary in (("one-sided", one_sided), ("migrating", migrating)):
        history = diary(folder / f"{name}.db")
        pdf = write_visit_report(history, folder / f"{name}.pdf", today=TODAY)
        pages[name] = [page.extract_text() for page in PdfReader(pdf).pages]
    first = dt.date(2026, 10, 1)
    twitches = [_twitch(first + dt.timedelta(days=n), 9, "eyelid") for n in range(61)]
    twitches += [_twitch(first + dt.timedelta(days=n), 15, "mouth-corner") for n in range(20, 61, 2)]
    flag = RedFlagCreate(date=dt.date(2026, 10, 21), kind="spreading", note="from the eye to the mouth")
    (folder / "flags").mkdir()
    pages["flags"] = _report_pages(folder / "flags", twitches, red_flags=[flag], magnesium_from=dt.date(2026, 11, 1))
    return pages


def test_no_page_speaks_to_the_patient(reports: dict[str, list[str]]) -> None:
    said = [
        f"{name} page {number}: {line.strip()}"
        for name, pages in reports.items()
        for number, page in enumerate(pages, 1)
        for line in page.splitlines()
        if TO_THE_PATIENT.search(line)
    ]
    assert said == []
    assert any("suggested by the entries" in page for page in reports["one-sided"])  # said, in the third person


def test_no_date_is_split_over_two_lines_on_any_page(reports: dict[str, list[str]]) -> None:
    split = [
        f"{name} page {number}: {found.group()!r}"
        for name, pages in reports.items()
        for number, page in enumerate(pages, 1)
        for found in SPLIT_DATE.finditer(page)
    ]
    assert split == []


def test_a_line_that_runs_out_beside_a_date_carries_the_whole_date_over() -> None:
    text = "5 Jun 2026 to 1 Dec 2026: twitches answered on 170 of 180 days; 9 days have no entry. Prepared 1 Dec 2026."
    for cut in ("Prepared 1 Dec", "Prepared 1"):  # a width that ends a line just after each part of the date
        width = _width_of(text[: text.index(cut) + len(cut)])
        lines = wrap(text, width=width, size=9)
        assert lines[-1].endswith("1 Dec 2026."), lines
        assert not SPLIT_DATE.search("\n".join(lines)), lines


def _width_of(text: str) -> float:
    from tracker.report.chart_text import text_width

    return text_width(text, size=9) * 1.001
