"""Amounts on the command line read by the app's rule: a unit, a drink with a count either side."""

from __future__ import annotations

import pytest

from tracker.core.amounts import read_amount

DRINKS = {"espresso": 63.0, "black-tea": 40.0}
LETTERS = {"e": "espresso", "b": "black-tea"}


@pytest.mark.parametrize(
    ("typed", "unit", "value"),
    [
        ("250", "ml", 250),
        ("250ml", "ml", 250),
        ("250 ml", "ml", 250),
        ("1.5l", "ml", 1500),
        ("1.5 l", "ml", 1500),
        ("0.5 L", "ml", 500),
        ("0.3l", "ml", 300),
        ("1,5 l", "ml", 1500),
        ("200mg", "mg", 200),
    ],
)
def test_an_amount_with_its_unit(typed: str, unit: str, value: float) -> None:
    assert read_amount(typed, field="x", unit=unit).value == value


@pytest.mark.parametrize("typed", ["2 espresso", "espresso 2", "2e", "e2", "2 e"])
def test_a_drink_and_a_count_either_side(typed: str) -> None:
    amount = read_amount(typed, field="caffeine", unit="mg", drinks=DRINKS, letters=LETTERS)
    assert amount.words("caffeine", "mg") == "2 × espresso = 126 mg caffeine"


@pytest.mark.parametrize("typed", ["200mg", "1.5x", "", "2 e 3", "1e5", "21 glass", "1.5 glass", "0 glass", "-5"])
def test_what_cannot_be_read_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="not allowed"):
        read_amount(typed, field="water", unit="ml", drinks={"glass": 250.0})


def test_log_a_drink_with_the_count_first_or_last(cli) -> None:
    assert cli("log", "drink", "espresso", "2").code == 0
    assert cli("log", "drink", "2", "espresso").code == 0
    listed = cli("list").out
    assert listed.count("2 × espresso") == 2


def test_log_water_and_caffeine_with_units(cli) -> None:
    assert cli("log", "water", "1.5l").code == 0
    assert cli("log", "caffeine", "200mg").code == 0
    refused = cli("log", "water", "200mg")
    assert refused.code == 2 and refused.err.count("\n") == 1 and "a number in ml" in refused.err
    listed = cli("list").out
    assert "1500 ml" in listed and "200 mg" in listed


@pytest.mark.parametrize(
    "args",
    [
        ("caffeine", "1,000"),
        ("water", "2,000"),
        ("magnesium", "1,200"),
        ("water", "10,000 ml"),
        ("sleep", "7,500"),
    ],
)
def test_a_comma_that_could_separate_thousands_is_refused_not_read_as_a_decimal(cli, args) -> None:
    # "1,000" is a thousand to one reader and one to another: neither is guessed, nothing is written.
    refused = cli("log", *args)
    assert refused.code == 2 and refused.err.count("\n") == 1 and "Traceback" not in refused.err
    assert f"'{args[1]}' is not allowed" in refused.err
    assert cli("list", "--json").out.strip() in ("", "[]")


def test_a_decimal_comma_is_still_read(cli) -> None:
    assert cli("log", "water", "1,5l").code == 0
    assert cli("log", "sleep", "7,5").code == 0
    assert cli("log", "caffeine", "95,5").code == 0
    listed = cli("list").out
    assert "1500 ml" in listed and "7 h 30 min" in listed and "95.5 mg" in listed


def test_a_drink_and_its_count_need_no_quotes(cli) -> None:
    # `log water 2 glass` was refused ("unrecognized arguments: glass"); only "2 glass" quoted worked.
    assert cli("log", "water", "2", "glass").code == 0
    assert cli("log", "water", "glass", "2").code == 0
    assert cli("list").out.count("water 500 ml") == 2


@pytest.mark.parametrize(
    ("at", "shown"), [("9:05", "09:05"), ("09:05", "09:05"), ("8:15am", "08:15"), ("9:40 pm", "21:40")]
)
def test_at_with_date_takes_a_time_as_a_time_alone_does(cli, at: str, shown: str) -> None:
    logged = cli("log", "stress", "3", "--date", "2026-11-20", "--at", at)
    assert logged.code == 0, logged.err
    assert f"2026-11-20 {shown}" in cli("list", "--date", "2026-11-20").out


@pytest.mark.parametrize(
    ("typed", "drink", "count"),
    [
        ("2 glasses", "glass", 2),
        ("2 bottles", "bottle", 2),
        ("coffees 2", "coffee", 2),
        ("3 black teas", "black-tea", 3),
    ],
)
def test_drinks_counted_in_the_plural_are_read_as_the_drink(typed: str, drink: str, count: int) -> None:
    drinks = {"glass": 250.0, "bottle": 500.0, "coffee": 95.0, "black-tea": 40.0}
    amount = read_amount(typed, field="water", unit="ml", drinks=drinks)
    assert (amount.drink, amount.count, amount.value) == (drink, count, drinks[drink] * count)


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("water", "0.25"), "water: 0.25 is not allowed; say 0.25 l or 250 ml"),
        (("water", "0,5"), "water: 0.5 is not allowed; say 0,5 l or 500 ml"),
        (("caffeine", "0.2"), "caffeine: 0.2 is not allowed; say 200 mg (0.2 g) or 0.2 mg"),
        (("magnesium", "0.4"), "magnesium: 0.4 is not allowed; say 400 mg (0.4 g) or 0.4 mg"),
    ],
)
def test_a_bare_amount_too_small_for_its_unit_asks_for_the_unit(cli, db_target, args, line) -> None:
    from tests.conftest import entries_in

    refused = cli("log", *args)
    assert refused.code == 2 and refused.err == f"tracker: error: {line}\n"
    assert entries_in(db_target) == 0


def test_a_small_amount_with_its_unit_or_zero_is_kept(cli) -> None:
    for args in (("water", "0.25 l"), ("water", "0.25ml"), ("water", "5"), ("caffeine", "1"), ("water", "0")):
        assert cli("log", *args).code == 0, args
    listed = cli("list").out
    assert "250 ml" in listed and "0.25 ml" in listed and "1 mg" in listed
