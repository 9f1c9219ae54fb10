"""A factor of your own has the range it was given: none invented, and min below max."""

from __future__ import annotations

import pytest


def test_a_new_number_factor_shows_no_invented_ceiling(cli) -> None:
    added = cli("factor", "add", "steps", "--kind", "number")
    assert added.code == 0, added.err
    assert "0 or more" in added.out and "1000000" not in added.out
    listed = cli("factor", "list").out
    steps = next(line for line in listed.splitlines() if line.startswith("steps"))
    assert "0 or more" in steps and "1000000" not in steps
    assert cli("log", "steps", "2500000").code == 0  # a long walk, not a typo


def test_a_range_whose_min_is_not_below_its_max_is_refused(cli) -> None:
    refused = cli("factor", "add", "glasses", "--kind", "number", "--min", "5", "--max", "5")
    assert refused.code == 2 and refused.err.count("\n") == 1 and "min < max" in refused.err
    assert "glasses" not in cli("factor", "list").out


@pytest.mark.parametrize("unit", ["a\nb", "mg\x1b[31m", "x" * 41])
def test_a_unit_is_one_short_printable_line(cli, unit: str) -> None:
    # Printed beside every value and in the factor table: a line break or a control code in it
    # would break every line it is in.
    refused = cli("factor", "add", "wine", "--kind", "number", "--unit", unit)
    assert refused.code == 2 and refused.err.count("\n") == 1 and "unit:" in refused.err
    assert "wine" not in cli("factor", "list").out
