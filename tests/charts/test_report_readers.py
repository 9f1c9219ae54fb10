"""What a person reads in `tracker report`, `analyze` and `chart`, run as commands on a real
diary: the same counts named the same way, numbers rounded as people round, one date range
for every flag, and no file silently replaced."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.usefixtures("frozen")

TODAY = dt.date(2026, 11, 24)
FIRST = TODAY - dt.timedelta(days=8)  # nine days, 16 to 24 Nov


def _nine_days(cli) -> None:
    """Twitches on six days, "no twitches" on two, and one day with only a coffee."""
    for offset in range(9):
        day = FIRST + dt.timedelta(days=offset)
        if offset == 4:
            assert cli("log", "caffeine", "95", "--date", day.isoformat()).code == 0
        elif offset in (2, 6):
            assert cli("log", "none", "--date", day.isoformat()).code == 0
        else:
            assert cli("log", "twitch", "--at", f"{day.isoformat()}T08:00", "--intensity", "2").code == 0


def _pdf_words(path) -> list[str]:
    # Lines wrap wherever the layout put them: compare words, not line breaks.
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_the_report_and_analyze_count_the_days_one_way(cli, tmp_path) -> None:
    _nine_days(cli)
    path = tmp_path / "visit.pdf"

    assert cli("report", "-o", str(path), "--from", FIRST.isoformat()).code == 0
    first = _pdf_words(path)[0]
    analyze = cli("analyze", "--from", FIRST.isoformat()).out

    said = "twitches answered on 8 of 9 days; 1 day has only other entries"
    assert first.count(said) == 2  # the heading and the summary agree
    assert "twitching on 6 days; " + said in first
    assert "days tracked" not in first and "not logged)" not in first
    assert said in analyze


def _flags_section(analyze: str) -> str:
    return analyze.split("2. Red flags", 1)[1].split("3. Possible triggers", 1)[0]


def test_analyze_from_a_date_keeps_logged_and_suggested_flags_to_one_period(cli) -> None:
    # A left eyelid, then the left mouth corner: the entries suggest spreading and a one-sided
    # pattern on 20 Nov, the day a drooping eyelid was logged too.
    assert cli("log", "twitch", "--at", "2026-11-19T09:00", "--location", "eyelid", "--side", "left").code == 0
    assert cli("log", "twitch", "--at", "2026-11-20T09:00", "--location", "mouth-corner", "--side", "left").code == 0
    assert cli("log", "redflag", "drooping", "--date", "2026-11-20").code == 0
    # a second day at the mouth corner: a new site counts as spreading once it twitched on two days
    assert cli("log", "twitch", "--at", "2026-11-21T09:00", "--location", "mouth-corner", "--side", "left").code == 0
    assert cli("log", "twitch", "--at", "2026-11-23T09:00", "--location", "eyelid", "--side", "left").code == 0

    everything = _flags_section(cli("analyze").out)
    later = _flags_section(cli("analyze", "--from", "2026-11-22").out)

    assert "2026-11-20  drooping of the face, mouth or eyelid (you logged it)" in everything
    assert "suggested by the entries" in everything
    assert later.startswith(", 2026-11-22 to 2026-11-24")  # the heading names the period
    assert "2026-11-20" not in later  # neither the logged flag nor what the entries suggested that day
    assert "none" in later


def test_numbers_round_half_up_in_the_report_the_analysis_and_trends(cli, tmp_path) -> None:
    from tracker.tui.screens.trends import factor_cells
    from tracker.tui.weekly import Week

    day = TODAY - dt.timedelta(days=1)
    assert cli("log", "sleep", "8.25", "--date", day.isoformat()).code == 0
    for hour, intensity in ((6, "1"), (7, "1"), (8, "1"), (9, "2")):  # a mean intensity of 1.25
        assert cli("log", "twitch", "--at", f"{day.isoformat()}T0{hour}:00", "--intensity", intensity).code == 0
    path = tmp_path / "visit.pdf"

    assert cli("report", "-o", str(path)).code == 0
    table = next(page for page in _pdf_words(path) if "Day by day" in page or "Mon 23 Nov" in page)
    row = table.split("Mon 23 Nov", 1)[1].split("Tue 24 Nov", 1)[0]
    week = Week(start=day, days_answered=1, days_in_week=1, episodes=4.0, factors={"sleep_h": 8.25})

    assert "8.3" in row.split() and "1.3" in row.split()  # not "8.2" and "1.2"
    assert "8.2" not in row.split() and "1.2" not in row.split()
    assert factor_cells([week], "sleep_h") == ["8.3"]
