"""Values read as a person says them: "1 unit" not "1 units", "yes" once, and a day given as
days back (-6) is taken the same by the command line as by the app's "go to a day"."""

from __future__ import annotations

import pytest

from tracker.core.formatting import amount_words

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


@pytest.mark.parametrize(
    ("value", "unit", "words"),
    [
        (1, "units", "1 unit"),
        (2, "units", "2 units"),
        (1.5, "units", "1.5 units"),
        (1, "glasses", "1 glass"),
        (1, "cigarettes", "1 cigarette"),
        (1, "pouches", "1 pouch"),
        (1, "mg", "1 mg"),  # abbreviations stay as they are
        (1, "hrs", "1 hrs"),
        (0, "units", "0 units"),
    ],
)
def test_a_plural_unit_is_singular_after_one(value, unit, words) -> None:
    assert amount_words(value, unit) == words


def test_one_unit_of_a_factor_of_ones_own_reads_as_one_unit(cli) -> None:
    cli("factor", "add", "alcohol", "--kind", "number", "--unit", "units")
    assert "alcohol 1 unit," in cli("log", "alcohol", "1").out
    assert "alcohol 1 unit" in cli("list").out and "1 units" not in cli("list").out


def test_yes_typed_for_a_yes_no_factor_is_said_once(cli) -> None:
    cli("factor", "add", "gym", "--kind", "yes-no")
    logged = cli("log", "gym", "yes").out
    assert "gym yes," in logged and "(yes)" not in logged
    assert "gym y (yes)" in cli("log", "gym", "y").out  # a short answer is still shown as read


def test_days_back_are_a_date_on_the_command_line(cli) -> None:
    logged = cli("log", "caffeine", "95", "--date", "-6")
    assert logged.code == 0 and "2026-11-18" in logged.out
    refused = cli("log", "caffeine", "95", "--date", "six days ago")
    assert refused.code == 2 and "-3 (3 days back)" in refused.err and refused.err.count("\n") == 1
