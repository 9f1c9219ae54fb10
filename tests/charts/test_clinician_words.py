"""Page 1 in the clinician's terms, as a GP reading three reports cold asked for it: a logged
sign stated with its date and the person's note (the emergency advice is the person's), a
spell's notices said of the spell they belong to, the current site named, one end day for every
count, the reason two dates of one supplement differ, and a blank for the patient's name."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from tests.helpers.diaries import report_page_one as _page_one
from tests.helpers.diaries import twitch_at as _twitch


def _cli_page_one(cli, tmp_path) -> str:  # type: ignore[no-untyped-def]
    out = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(out)).code == 0
    return " ".join(PdfReader(out).pages[0].extract_text().split())


def _days(first: dt.date, last: dt.date, location: str, side: str = "left") -> list:  # type: ignore[type-arg]
    return [_twitch(first + dt.timedelta(days=n), 9, location, side) for n in range((last - first).days + 1)]


def test_a_droop_logged_days_ago_is_stated_not_the_emergency_script(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--location", "eyelid", "--side", "left", "--date", "2026-11-10")
    note = "left eyelid hangs lower than the right"
    cli("log", "redflag", "drooping", "--date", "2026-11-20", "--note", note)

    page = _cli_page_one(cli, tmp_path)

    assert f"Fri 20 Nov 2026: drooping of the face, mouth or eyelid (logged: {note})" in page
    assert "emergency" not in page and "happening now" not in page


def test_a_spell_that_ended_says_the_notice_it_reached(tmp_path) -> None:
    page = _page_one(tmp_path, _days(dt.date(2026, 10, 1), dt.date(2026, 10, 28), "lower-lip", "center"))

    assert "No current spell" in page
    assert (
        "Longest spell: 1 Oct 2026 to 28 Oct 2026 (28 days, 28 with twitching): an earlier spell, it reached the "
        "four-week warning (28 days in one spell) on 28 Oct." in page
    )


def test_the_notices_name_the_current_spell(tmp_path) -> None:
    page = _page_one(tmp_path, _days(dt.date(2026, 10, 20), dt.date(2026, 11, 30), "eyelid"))

    assert "Current spell: two-week notice (14 days in one spell) reached 2 Nov;" in page


def test_page_one_names_where_the_current_spell_is(tmp_path) -> None:
    twitches = _days(dt.date(2026, 9, 1), dt.date(2026, 10, 20), "lower-lip", "center")
    twitches += _days(dt.date(2026, 10, 28), dt.date(2026, 11, 30), "eyelid")

    page = _page_one(tmp_path, twitches)

    assert "Where the current spell is: left eyelid 34 days, 28 Oct–30 Nov 2026." in page


def test_the_onset_count_ends_on_the_spells_last_day(tmp_path) -> None:
    # The spell's last twitch is 28 Nov; the report is of 30 Nov: both counts end on 28 Nov.
    page = _page_one(
        tmp_path, _days(dt.date(2026, 11, 1), dt.date(2026, 11, 28), "eyelid"), onset=dt.date(2026, 10, 25)
    )

    assert "1 Nov 2026 to 28 Nov 2026, 28 days, 28 with twitching" in page
    assert "by the onset given it has gone on since 25 Oct 2026 (35 days)" in page


def test_a_first_dose_after_the_start_given_says_why_the_dates_differ(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for day in ("2026-11-08", "2026-11-12", "2026-11-16", "2026-11-20"):
        cli("log", "twitch", "--location", "eyelid", "--side", "left", "--date", day)
    assert cli("intervention", "start", "magnesium", "--date", "2026-11-10").code == 0
    for day in ("2026-11-11", "2026-11-12", "2026-11-13"):
        assert cli("log", "magnesium", "300", "--date", day).code == 0

    page = _cli_page_one(cli, tmp_path)

    assert "Magnesium: from 10 Nov 2026" in page
    assert "11 Nov 2026 to 13 Nov 2026 (the first logged 1 day after the start given, 10 Nov 2026)" in page


def test_page_one_has_a_blank_for_the_patient(tmp_path) -> None:
    page = _page_one(tmp_path, _days(dt.date(2026, 11, 20), dt.date(2026, 11, 30), "eyelid"))

    assert "Patient: ____" in page and "Date of birth: ____" in page


def test_no_association_names_the_factors_tested_in_a_sentence() -> None:
    from tracker.report.wording import association_lines

    tested = [
        {"name": name, "factor": name, "q_value": 0.6, "association": False}
        for name in ("caffeine", "sleep", "caffeine")
    ]

    assert association_lines({"triggers": tested})[0] == (
        "No reliable associations yet: of the factors tested (caffeine, sleep), none stood out."
    )
