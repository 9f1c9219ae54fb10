"""Durations and times as people type them: unit words after a space, am and pm; a twitch
that lasted no time is refused, an untimed one has no duration."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from tracker.core.when import parse_clock, parse_duration, parse_twitch_duration
from tracker.errors import InputError


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [
        ("30 sec", 30), ("30s", 30), ("30 seconds", 30), ("2 min", 120), ("2 minutes", 120), ("2m", 120),
        ("1:30", 90), ("90", 90), ("1m30s", 90), ("1 min 30 sec", 90), ("1 h", 3600), ("1.5 hours", 5400),
    ],
)  # fmt: skip
def test_durations_with_unit_words(typed: str, seconds: int) -> None:
    assert parse_twitch_duration(typed) == seconds


@pytest.mark.parametrize("typed", ["45 4", "2 mi", "sec", "30 sec 2 min", "1:75", "25 h"])
def test_durations_that_name_no_length_are_refused(typed: str) -> None:
    with pytest.raises(InputError, match="duration"):
        parse_duration(typed)


@pytest.mark.parametrize("typed", ["0", "0 s", "0:00", "0.2"])
def test_a_twitch_that_lasted_no_time_is_refused_with_the_reason(typed: str) -> None:
    with pytest.raises(InputError, match="more than 0"):
        parse_twitch_duration(typed)


@pytest.mark.parametrize(
    ("typed", "clock"),
    [
        ("8:15am", dt.time(8, 15)), ("8:15 pm", dt.time(20, 15)), ("8:15 PM", dt.time(20, 15)),
        ("12am", dt.time(0, 0)), ("12:30 pm", dt.time(12, 30)), ("7 a.m.", dt.time(7, 0)),
        ("23:30", dt.time(23, 30)), ("0700", dt.time(7, 0)),
    ],
)  # fmt: skip
def test_times_with_am_and_pm(typed: str, clock: dt.time) -> None:
    assert parse_clock(typed) == clock


@pytest.mark.parametrize("typed", ["13pm", "0am", "8:15 xm", "24:00"])
def test_times_that_are_no_time_are_refused(typed: str) -> None:
    with pytest.raises(InputError, match="time"):
        parse_clock(typed)


def test_the_command_line_refuses_a_twitch_of_no_duration(cli, db_path) -> None:
    assert cli("log", "caffeine", "95").code == 0  # the diary exists: the refusal is what keeps it free of twitches
    result = cli("log", "twitch", "--duration", "0 s")
    assert result.code == 2 and "duration" in result.err and len(result.err.strip().splitlines()) == 1
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM episode").fetchone() == (0,)


def test_the_command_line_reads_a_duration_with_a_unit_word(cli) -> None:
    assert cli("log", "twitch", "--duration", "2 min").code == 0
    assert [item["duration_s"] for item in json.loads(cli("list", "--json").out)] == [120]


@pytest.mark.parametrize(
    ("typed", "day"),
    [("26 nov", dt.date(2026, 11, 26)), ("nov 26", dt.date(2026, 11, 26)), ("1 December", dt.date(2025, 12, 1))],
)
def test_a_day_and_a_month_name_is_the_last_such_day_up_to_today(typed: str, day: dt.date) -> None:
    from tracker.core.when import parse_date

    assert parse_date(typed, today=dt.date(2026, 11, 30)) == day  # never a day still to come


@pytest.mark.parametrize("typed", ["31 apr", "26 ju", "26 smarch"])
def test_a_day_and_month_that_name_no_day_are_refused(typed: str) -> None:
    from tracker.core.when import parse_date

    with pytest.raises(InputError, match="date"):
        parse_date(typed, today=dt.date(2026, 11, 30))
