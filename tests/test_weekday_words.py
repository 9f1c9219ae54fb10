"""Weekday words are dates: "monday" is the last Monday up to today, "last monday" the last one
before today, in the CLI's --date and the app's date boxes alike."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tracker.core.when import parse_date
from tracker.errors import InputError

TUESDAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("monday", dt.date(2026, 11, 30)),
        ("Mon", dt.date(2026, 11, 30)),
        ("sunday", dt.date(2026, 11, 29)),
        ("wed", dt.date(2026, 11, 25)),
        ("tuesday", TUESDAY),  # today is a Tuesday
        ("last tuesday", dt.date(2026, 11, 24)),  # the one before today
        ("last  monday", dt.date(2026, 11, 30)),
    ],
)
def test_a_weekday_is_the_last_such_day(typed: str, day: dt.date) -> None:
    assert parse_date(typed, today=TUESDAY) == day


@pytest.mark.parametrize("typed", ["last", "last xyz", "t", "funday"])
def test_a_word_that_names_no_weekday_is_refused(typed: str) -> None:
    with pytest.raises(InputError, match="monday"):
        parse_date(typed, today=TUESDAY)


def test_the_command_line_logs_to_a_weekday(cli, frozen) -> None:
    assert cli("log", "twitch", "--date", "last tuesday").code == 0  # the clock stopped on Tue 24 Nov
    assert cli("log", "twitch", "--date", "friday").code == 0
    days = sorted(item["date"] for item in json.loads(cli("list", "--from", "-14", "--json").out))
    assert days == ["2026-11-17", "2026-11-20"]
