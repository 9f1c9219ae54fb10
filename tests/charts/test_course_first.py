"""Page 1 tells the whole course before the current spell: a short spell late in months of
twitching reads as the latest spell of that course, never as a new complaint, and the derived
lines say the rates and rules they are judged on."""

from __future__ import annotations

import datetime as dt

from tests.helpers.diaries import report_page_one as _page_one
from tests.helpers.diaries import twitch_at as _twitch


def test_a_short_spell_late_in_a_long_course_is_not_read_as_a_new_complaint(tmp_path) -> None:
    # Every other day from 1 Jun to 20 Nov, then one twitch on 27 Nov; the report is for 30 Nov.
    first = dt.date(2026, 6, 1)
    twitches = [_twitch(first + dt.timedelta(days=n), 10, "lower-lip", "center") for n in range(0, 174, 2)]
    twitches.append(_twitch(dt.date(2026, 11, 27), 10, "eyelid"))

    page = _page_one(tmp_path, twitches, onset=dt.date(2026, 5, 20))

    course = (
        "Course to 30 Nov 2026: twitches logged on 88 days since 1 Jun 2026; the last on 27 Nov 2026 (3 days before)."
    )
    spell = (
        "Current spell (a spell ends after more than 3 days without a twitch): 27 Nov 2026, 1 day, "
        "1 with twitching; the spell before ended 20 Nov 2026: a new spell of the same course."
    )
    assert course in page and spell in page, page
    assert page.index(course) < page.index("Last 28 days") < page.index(spell)  # the course leads
    assert "day 1 of twitching" not in page and "less than 14 days" not in page
    assert (
        "Current spell: two-week notice (14 days in one spell) on "
        "10 Dec; four-week warning (28 days in one spell) on 24 Dec" in page
    )


def test_a_long_spell_says_its_warning_as_a_whole_sentence(tmp_path) -> None:
    first = dt.date(2026, 9, 30)
    page = _page_one(tmp_path, [_twitch(first + dt.timedelta(days=n), 9, "eyelid") for n in range(62)])

    assert "Current spell (a spell ends after more than 3 days without a twitch): " in page
    assert "30 Sep 2026 to 30 Nov 2026, 62 days, 62 with twitching." in page
    warning = (
        "Current spell: two-week notice (14 days in one spell) reached 13 Oct; "
        "four-week warning (28 days in one spell) reached 27 Oct: see a doctor."
    )
    assert warning in page
    assert "4 weeks: see a doctor" not in page


def test_the_words_page_one_uses_are_defined_at_its_foot(tmp_path) -> None:
    first = dt.date(2026, 9, 30)
    page = _page_one(tmp_path, [_twitch(first + dt.timedelta(days=n), 9, "eyelid") for n in range(62)])
    foot = page[page.index("Scales: twitch intensity 1") :]

    assert "spell: twitching that ends after more than 3 days without a twitch;" in foot
    assert "two-week notice, four-week warning: 14, 28 days in one spell;" in foot
    assert "derived: worked out from the entries;" in foot
    assert (
        "q: the p-value adjusted for testing several factors at once (false-discovery rate, Benjamini\u2013Hochberg)"
        in foot
    )
    ratio = "N× per 100 mg (or per 30 days): N times the twitches a day for each 100 mg more (or 30 days later)."
    assert ratio in foot


def test_no_interventions_take_one_line_of_page_one(tmp_path) -> None:
    # Nothing tried: said in one line, as an empty medication list is, not a heading and a bullet.
    first = dt.date(2026, 11, 2)
    page = _page_one(tmp_path, [_twitch(first + dt.timedelta(days=n), 10, "eyelid") for n in range(20)])
    assert "Interventions and supplements: none." in page, page
    assert "Interventions and supplements • None." not in page
