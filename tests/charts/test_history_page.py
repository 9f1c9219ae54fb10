"""Page 1 of the report as a clinician reads it: the course month by month, the burden in
minutes as well as twitches, each site with its dates and bursts, and whether the twitching
spread or moved. Real diaries built through the store; text read back from the PDF."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from pypdf import PdfReader

from tests.helpers.diaries import NOW, TODAY, migrating, one_sided
from tracker.report.outputs import write_visit_report


@pytest.fixture(autouse=True)
def _frozen_today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _page_one(history, tmp_path) -> str:  # type: ignore[no-untyped-def]
    path = write_visit_report(history, tmp_path / "report.pdf", today=TODAY)
    return " ".join(PdfReader(path).pages[0].extract_text().split())


def test_a_twitch_that_moved_from_the_lip_to_the_eyelid_says_so(tmp_path) -> None:
    page = _page_one(migrating(tmp_path / "tracker.db"), tmp_path)

    assert "Lower lip (center): 1 Jun 2026 to 23 Nov 2026, 85 twitches on 85 days" in page
    assert "Left eyelid: 25 Nov 2026 to 28 Nov 2026, 2 twitches on 2 days; bursts median 5 s" in page
    assert "Derived: left eyelid began 25 Nov 2026 as lower lip (center) stopped (moved, not spread)." in page
    ended = "Derived: lower lip (center) twitching ended 23 Nov 2026 (last logged); since then left eyelid on 2 days."
    assert ended in page
    assert "Twitching days by month, of the days answered: Jun 2026 15 of 30; Jul 2026 16 of 31;" in page
    # 2 twitches against 4 is no direction: the page says so, with the counts and the minimum.
    last = "Last 7 days: too few twitches to tell a direction (2, and 4 the 7 days before; "
    assert last + "it is judged on 10 or more over the two weeks)." in page


def test_the_one_sided_diary_gives_minutes_and_bursts_per_site(tmp_path) -> None:
    page = _page_one(one_sided(tmp_path / "tracker.db"), tmp_path)

    assert "median 2 twitches a day, median 2 min 5 s of twitching a day" in page
    eyelid = "Left eyelid: 1 Oct 2026 to 30 Nov 2026, 41 twitches on 41 days; bursts median 1 min 10 s, longest 1 min"
    assert eyelid in page
    assert "Left mouth corner: 1 Oct 2026 to 30 Nov 2026" in page
    assert "Derived:" not in page.split("History")[-1]  # the two sites went together from the first day
    assert "Scales: twitch intensity 1 (barely noticeable) to 5 (severe); stress 0 (none) to 10 (extreme)." in page


def test_a_month_without_answered_days_reads_not_logged_never_zero(tmp_path) -> None:
    import datetime as dt

    from tracker.core.daily import DailyRow
    from tracker.report.history_words import course_lines

    rows = [DailyRow(date=dt.date(2026, 9, day), tracked=False) for day in range(1, 31)]
    rows += [DailyRow(date=dt.date(2026, 10, day), tracked=True, episodes=day % 2) for day in range(1, 32)]

    lines = course_lines(rows, dt.date(2026, 10, 31))

    assert lines[0] == "Twitching days by month, of the days answered: Sep 2026 not logged; Oct 2026 16 of 31."
