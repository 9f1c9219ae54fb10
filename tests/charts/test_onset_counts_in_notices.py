"""A spell the person says began weeks before the first entry: the two-week notice and the
four-week warning count from the onset they gave (labelled as theirs) beside the run logged,
the same in `analyze` and on page 1, and page 1 dates the day its "now" refers to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pypdf import PdfReader


@pytest.fixture(autouse=True)
def _first_of_december() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 12, 1, 20, 0, tzinfo=ZoneInfo("Europe/London")), tick=False):
        yield


def _week_of_twitches_after_onset(cli) -> None:  # type: ignore[no-untyped-def]
    for day in range(25, 31):
        assert cli("log", "twitch", "--date", f"2026-11-{day}").code == 0
    assert cli("log", "twitch", "--date", "2026-12-01").code == 0
    assert cli("onset", "2026-11-08").code == 0


def _page_one(cli, tmp_path, *period: str) -> str:  # type: ignore[no-untyped-def]
    assert cli("report", "-o", str(tmp_path / "report.pdf"), *period).code == 0
    return " ".join(PdfReader(tmp_path / "report.pdf").pages[0].extract_text().split())


def test_the_two_week_notice_counts_from_the_onset_given(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _week_of_twitches_after_onset(cli)

    page = _page_one(cli, tmp_path)
    analyze = cli("analyze").out

    status = "2026-11-25 to 2026-12-01, 7 days, 7 with twitching; by the onset given it has gone on since 2026-11-08"
    assert status in analyze, analyze
    assert (
        "25 Nov 2026 to 1 Dec 2026, 7 days, 7 with twitching; "
        "by the onset given it has gone on since 8 Nov 2026 (24 days)." in page
    )
    notice = (
        "Current spell: two-week notice (14 days in one spell) reached 21 Nov; "
        "four-week warning (28 days in one spell) on 5 Dec"
    )
    assert f"{notice} if it goes on (counted from the onset given): consider seeing a GP." in page, page
    assert "on and off for less than 14 days" not in page and "8 Dec" not in page


def test_an_onset_before_an_earlier_spell_that_ended_leaves_the_run_as_logged(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _week_of_twitches_after_onset(cli)
    assert cli("log", "twitch", "--date", "2026-11-01").code == 0  # a spell logged, then quiet for weeks
    assert cli("onset", "2026-10-20").code == 0

    page = _page_one(cli, tmp_path)

    assert "25 Nov 2026 to 1 Dec 2026, 7 days, 7 with twitching; the spell before ended 1 Nov 2026" in page
    assert "by the onset given" not in page


def test_a_past_period_says_the_day_its_status_is_for(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _week_of_twitches_after_onset(cli)

    page = _page_one(cli, tmp_path, "--from", "2026-11-20", "--to", "2026-11-28")

    assert "Course to 28 Nov 2026: twitches logged on 4 days since 25 Nov 2026" in page, page
    assert (
        "25 Nov 2026 to 28 Nov 2026, 4 days, 4 with twitching; "
        "by the onset given it has gone on since 8 Nov 2026 (21 days)" in page
    )
    assert "Now:" not in page
