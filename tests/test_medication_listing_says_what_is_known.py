"""A medication with no stop date reads "no stop date given" (nobody said it is still taken), the
file keeps the stop date empty; and a note written over several lines is one line in each
listing that gives an entry a line, while the file keeps its lines."""

from __future__ import annotations

import csv

import pytest

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


def test_no_stop_date_is_said_as_not_given_and_left_empty_in_the_file(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("med", "add", "omeprazole", "--dose", "20 mg", "--started", "2026-09-01").code == 0
    assert cli("med", "add", "magnesium citrate").code == 0

    listed = cli("med", "list").out

    assert "still taken" not in listed
    assert "omeprazole 20 mg  from 2026-09-01, no stop date given" in listed
    assert "magnesium citrate  no start or stop date given" in listed
    daily = tmp_path / "out.csv"
    assert cli("export", "csv", "-o", str(daily)).code == 0
    with (tmp_path / "out.medications.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["stopped"] for row in rows] == ["", ""]


def test_a_note_over_several_lines_is_one_line_in_med_list(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("med", "add", "omeprazole", "--note", "for reflux\ntaken at night").code == 0
    assert cli("med", "add", "sertraline").code == 0

    listed = cli("med", "list").out.splitlines()

    assert len(listed) == 2
    assert listed[0].endswith("— for reflux taken at night")


def test_a_note_over_several_lines_is_one_line_in_list_and_intervention_list(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "caffeine", "95", "--note", "two cups\nboth before noon").code == 0
    assert cli("log", "note", "slept badly\nlong call").code == 0
    assert cli("intervention", "start", "magnesium", "--note", "300 mg\nglycinate").code == 0

    entries = cli("list").out
    interventions = cli("intervention", "list").out.splitlines()

    assert "two cups both before noon" in entries and "slept badly long call" in entries
    assert not any(line.strip() in {"both before noon", "long call"} for line in entries.splitlines())
    assert len(interventions) == 1 and interventions[0].endswith("— 300 mg glycinate")
