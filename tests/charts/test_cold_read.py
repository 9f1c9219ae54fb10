"""What a GP reading the report cold got wrong from it, each checked as they read it on page 1."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from tests.helpers.diaries import TODAY
from tests.helpers.diaries import report_page_one as _page_one
from tests.helpers.diaries import twitch_at as _twitch
from tracker.report.outputs import write_visit_report


def test_a_spread_is_dated_the_day_the_new_site_first_twitched(tmp_path) -> None:
    eyelid_from, mouth_from = dt.date(2026, 10, 1), dt.date(2026, 10, 20)
    twitches = [_twitch(eyelid_from + dt.timedelta(days=n), 9, "eyelid") for n in range(61)]
    twitches += [_twitch(mouth_from + dt.timedelta(days=n), 15, "mouth-corner") for n in range(0, 42, 3)]

    page = _page_one(tmp_path, twitches)

    assert "Tue 20 Oct 2026: spreading" in page
    assert "then the mouth from 20 Oct 2026" in page


def test_a_suggested_pattern_is_read_to_its_end_on_page_one(tmp_path) -> None:
    first = dt.date(2026, 10, 1)
    twitches = [_twitch(first + dt.timedelta(days=n), 9, "eyelid") for n in range(61) if n % 3 != 2]
    twitches += [_twitch(first + dt.timedelta(days=n), 14, "mouth-corner") for n in range(61) if n % 3 != 2]

    page = _page_one(tmp_path, twitches)

    pattern = page[page.index("hemifacial-spasm pattern") :]
    # Dated from the day the rule was first met (the second day together), counted since then:
    # the same twitching-together for two months is not two weeks old.
    assert "Fri 2 Oct 2026: hemifacial-spasm pattern" in page
    assert "on the same day, on 41 days since 1 Oct 2026, the last two weeks included)" in pattern
    assert "cut short here for room" not in page


def test_the_current_course_is_said_in_words_not_a_status_code(tmp_path) -> None:
    first = dt.date(2026, 11, 20)
    page = _page_one(tmp_path, [_twitch(first + dt.timedelta(days=n), 9, "eyelid") for n in range(11)])

    assert "20 Nov 2026 to 30 Nov 2026, 11 days, 11 with twitching." in page
    assert (
        "Current spell: two-week notice (14 days in one spell) on "
        "3 Dec; four-week warning (28 days in one spell) on 17 Dec" in page
    )
    assert "Status" not in page and "EARLY" not in page


def test_a_before_after_ratio_says_it_is_not_adjusted_for_trend(tmp_path) -> None:
    first, start = dt.date(2026, 8, 1), dt.date(2026, 10, 15)
    twitches = []
    for n in range((TODAY - first).days + 1):
        day = first + dt.timedelta(days=n)
        twitches += [_twitch(day, hour, "eyelid") for hour in ((9, 13, 17) if day < start else (9,))]

    page = _page_one(tmp_path, twitches, magnesium_from=start)

    assert "before/after, not adjusted for trend" in page
    assert "a trend already under way before the start would show here as an effect" in page


def test_one_twitch_logged_at_two_sites_is_not_read_as_two(tmp_path) -> None:
    day = dt.date(2026, 11, 20)
    twitches = [_twitch(day, 9, "eyelid"), _twitch(day, 9, "mouth-corner"), _twitch(day, 15, "eyelid")]

    page = _page_one(tmp_path, twitches)

    assert (
        "1 time a twitch was logged at several sites at the same minute: the counts here are site entries, "
        "1 more than the twitches felt." in page
    )


def test_a_crowded_page_keeps_the_line_saying_the_twitch_moved(tmp_path) -> None:
    from tests.helpers.diaries import migrating

    history = migrating(tmp_path / "tracker.db")
    pdf = write_visit_report(history, tmp_path / "crowded.pdf", today=TODAY)
    page = " ".join(PdfReader(pdf).pages[0].extract_text().split())

    history_part = page[page.index("History, by site and over time") :]
    assert history_part.index("Derived: left eyelid began 25 Nov 2026 as lower lip (center) stopped") < (
        history_part.index("Twitching days by month")
    )


def test_a_ratio_after_a_sharp_rise_says_the_after_window_holds_that_rise(tmp_path) -> None:
    # Quiet for two months, then a sudden new spell three days before magnesium was started
    # because of it: the after window holds the rise, and the ratio must not read as harm.
    first, rose, start = dt.date(2026, 8, 1), dt.date(2026, 9, 30), dt.date(2026, 10, 3)
    twitches = []
    for n in range((TODAY - first).days + 1):
        day = first + dt.timedelta(days=n)
        hours = (9,) if day < rose and n % 4 == 0 else () if day < rose else (8, 10, 12, 14, 16, 18)
        twitches += [_twitch(day, hour, "eyelid") for hour in hours]

    page = _page_one(tmp_path, twitches, magnesium_from=start, quiet_days=True)

    assert (
        "It started 3 days after twitching rose sharply on 30 Sep 2026 (6.0 twitches a day, against 0.3 in the "
        "quiet weeks before): the after window holds that rise; this ratio cannot show an effect." in page
    )


def test_a_spread_logged_that_the_rule_does_not_count_says_both_plainly(tmp_path) -> None:
    from tracker.storage.models import RedFlagCreate

    first, cheek = dt.date(2026, 10, 1), dt.date(2026, 11, 4)
    twitches = [_twitch(first + dt.timedelta(days=n), 9, "eyelid") for n in range(61)]
    twitches += [_twitch(cheek, 12, "cheek"), _twitch(cheek, 16, "cheek")]
    flag = RedFlagCreate(date=cheek, kind="spreading", note="spread from the eye to the cheek")

    page = _page_one(tmp_path, twitches, red_flags=[flag])

    assert (
        "Logged by the patient as spreading on 4 Nov 2026; by the entries, the left cheek twitched on 1 day only "
        "(4 Nov 2026, 2 twitches) while the left eyelid went on, which the rule does not count as spreading "
        "(derived)." in page
    )
    assert "not counted as spreading" not in page  # the derived verdict alone, unexplained


def test_a_medicine_known_to_cause_twitching_is_a_possible_cause_only_before_the_onset_or_a_worsening(
    tmp_path,
) -> None:
    from tracker.storage.models import MedicationCreate

    # Twitching from 28 Aug, a twitch every other day; prednisolone from 3 Sep changed nothing,
    # then Ventolin from 1 Oct, and five twitches a day from then on.
    first, ventolin = dt.date(2026, 8, 28), dt.date(2026, 10, 1)
    twitches = []
    for n in range((TODAY - first).days + 1):
        day = first + dt.timedelta(days=n)
        hours = (8, 10, 12, 14, 16) if day >= ventolin else (9,) if n % 2 == 0 else ()
        twitches += [_twitch(day, hour, "eyelid") for hour in hours]
    medications = [
        MedicationCreate(name="prednisolone", dose="5 mg", started=dt.date(2026, 9, 3)),
        MedicationCreate(name="Ventolin", started=ventolin),
    ]

    page = _page_one(tmp_path, twitches, quiet_days=True, medications=medications)

    assert (
        "prednisolone 5 mg: from 3 Sep 2026, no stop date given; known to cause twitching in some people "
        "(corticosteroid); the twitching began 28 Aug 2026, before it (started 3 Sep 2026), and did not clearly "
        "worsen after it." in page
    )
    assert (
        "Ventolin: from 1 Oct 2026, no stop date given; known to cause twitching in some people (bronchodilator); "
        "the twitching began 28 Aug 2026, before it (started 1 Oct 2026), and clearly worsened after it (5.0 "
        "twitches a day in the 2 weeks from its start, against 0.5 in the 4 weeks before): a possible cause of the "
        "worsening." in page
    )
    assert page.count("possible cause") == 1
