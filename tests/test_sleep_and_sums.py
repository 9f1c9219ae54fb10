"""A factor whose day adds its entries up (sleep, caffeine, water) says what the day now comes
to when a second entry is logged, and sleep reads in hours and minutes. Real database file,
clock frozen."""

from __future__ import annotations

import pytest

from tracker.core import when
from tracker.core.formatting import hours_words
from tracker.errors import InputError

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


def test_a_second_sleep_entry_says_the_days_total_and_how_many_entries(cli, db_path) -> None:
    cli("log", "sleep", "7.5", "--date", "2026-11-21")

    result = cli("log", "sleep", "7", "--date", "2026-11-21")

    assert result.code == 0
    assert "sleep on Sat 21 Nov is now 14 h 30 min from 2 entries" in result.out
    assert "`tracker list --date 2026-11-21` to edit one" in result.out


def test_a_second_drink_says_the_days_caffeine(cli) -> None:
    cli("log", "caffeine", "95")

    result = cli("log", "drink", "espresso")

    assert "caffeine on Tue 24 Nov is now" in result.out and "from 2 entries" in result.out


def test_a_first_entry_says_no_total(cli) -> None:
    assert "is now" not in cli("log", "sleep", "7.5", "--date", "2026-11-21").out
    assert "is now" not in cli("log", "stress", "4").out


def test_a_second_stress_level_says_what_the_day_reads_and_how_to_correct_it(cli) -> None:
    cli("log", "stress", "4")
    out = cli("log", "stress", "6").out
    assert "stress on Tue 24 Nov is now 5 from 2 entries" in out
    assert "meant as a correction? `tracker undo`, then log it again with --replace" in out


def test_replace_puts_the_value_in_place_of_the_days_and_undo_puts_them_back(cli) -> None:
    cli("log", "sleep", "6", "--date", "2026-11-21")
    cli("log", "sleep", "1", "--date", "2026-11-21")

    result = cli("log", "sleep", "7:30", "--date", "2026-11-21", "--replace")

    assert result.code == 0
    assert "in place of sleep 6 h and 1 h; `tracker undo` puts them back" in result.out
    listed = cli("list", "--date", "2026-11-21").out
    assert "sleep 7 h 30 min" in listed and "sleep 6 h" not in listed
    cli("undo")
    listed = cli("list", "--date", "2026-11-21").out
    assert "sleep 6 h" in listed and "sleep 1 h" in listed and "7 h 30 min" not in listed


def test_caffeine_keeps_adding_and_says_nothing_of_a_correction(cli) -> None:
    cli("log", "caffeine", "95")
    out = cli("log", "caffeine", "95").out
    assert "is now 190 mg from 2 entries" in out and "correction" not in out


@pytest.mark.parametrize(
    ("hours", "words"), [(6 + 25 / 60, "6 h 25 min"), (7, "7 h"), (0.5, "30 min"), (7 + 40 / 60, "7 h 40 min")]
)
def test_sleep_hours_read_as_hours_and_minutes(hours: float, words: str) -> None:
    assert hours_words(hours) == words


def test_a_summed_factor_cannot_pass_what_a_day_holds(cli) -> None:
    # Each entry was checked alone: 6.5 h and then 20 h made a 26 h 30 min night.
    assert cli("log", "sleep", "6.5").code == 0
    refused = cli("log", "sleep", "20")
    assert refused.code == 2 and refused.err.count("\n") == 1
    assert "at most 17 h 30 min more" in refused.err
    fits = cli("log", "sleep", "1")  # what still fits is taken
    assert fits.code == 0 and "is now 7 h 30 min" in fits.out
    water = [cli("log", "water", "9000").code, cli("log", "water", "2000").code]
    assert water == [0, 2]


def test_the_days_summary_reads_sleep_in_hours_and_minutes_as_everywhere_else(cli) -> None:
    cli("log", "sleep", "6.5")
    cli("log", "sleep", "1")
    assert "sleep: 7 h 30 min from 2 entries" in cli().out  # it read "7.5 h"


def test_one_rule_reads_bed_and_wake_times() -> None:
    assert when.sleep_between("23:30", "7:00") == (7.5, "bed 23:30, wake 07:00")
    assert when.sleep_between("19:00", "11:00") == (16.0, "bed 19:00, wake 11:00")  # the longest night read
    for bed, wake in [("7:00", "6:00"), ("19:00", "11:01"), ("8:00", "8:00")]:
        try:
            when.sleep_between(bed, wake)
        except InputError as refused:
            assert refused.field == "wake"
        else:
            raise AssertionError((bed, wake))
