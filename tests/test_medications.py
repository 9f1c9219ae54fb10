"""The medication list from the command line, on a SQLite file and on a PostgreSQL server alike:
added with the date words `log` takes, stopped, edited, removed, every change undone as one
action, and a stop before the start refused in one line with nothing written."""

from __future__ import annotations

import pytest

from tests.conftest import BACKENDS

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_added_with_date_words_listed_with_dose_dates_and_the_culprit_marked(cli) -> None:
    added = cli("med", "add", "Prednisolone", "--dose", "20 mg daily", "--started", "-10", "--stopped", "yesterday")
    assert added.code == 0, added.err
    assert cli("med", "add", "omeprazole", "--started", "2026-09-01", "--note", "for reflux").code == 0
    assert cli("med", "add", "magnesium citrate").code == 0  # no dates known: still recorded

    listed = cli("med", "list").out.splitlines()

    assert len(listed) == 3
    assert listed[0].startswith("m2") and "omeprazole" in listed[0]
    assert "from 2026-09-01, no stop date given" in listed[0]
    assert "for reflux" in listed[0] and "known to cause twitching" not in listed[0]
    assert "Prednisolone 20 mg daily" in listed[1] and "2026-11-14 to 2026-11-23" in listed[1]
    assert "known to cause twitching in some people" in listed[1]
    assert "magnesium citrate" in listed[2] and "no start or stop date given" in listed[2]


def test_stop_edit_and_remove_each_undone_by_one_undo(cli) -> None:
    cli("med", "add", "ventolin", "--dose", "2 puffs as needed", "--started", "2026-10-01")
    first = cli("med", "list").out

    stopped = cli("med", "stop", "m1", "--on", "2026-11-20")
    assert stopped.code == 0, stopped.err
    assert "2026-10-01 to 2026-11-20" in cli("med", "list").out
    assert cli("undo").code == 0
    assert cli("med", "list").out == first

    edited = cli("med", "edit", "1", "--dose", "1 puff", "--started", "unknown")
    assert edited.code == 0, edited.err
    assert "ventolin 1 puff  no start or stop date given" in cli("med", "list").out
    assert cli("undo").code == 0
    assert cli("med", "list").out == first

    removed = cli("med", "remove", "m1")
    assert removed.code == 0 and "tracker undo" in removed.out
    assert "no medications recorded" in cli("med", "list").out
    gone = cli("med", "stop", "m1")
    assert gone.code == 2 and "m1 was removed" in gone.err
    assert cli("undo").code == 0
    assert cli("med", "list").out == first  # back with its id


@pytest.mark.parametrize(
    "args",
    [
        ("add", "prednisone", "--started", "2026-11-10", "--stopped", "2026-11-01"),
        ("edit", "m1", "--stopped", "2026-09-30"),
        ("edit", "m1", "--started", "2026-11-23"),
        ("stop", "m1", "--on", "2026-09-30"),
    ],
)
def test_a_stop_before_the_start_is_refused_in_one_line_and_nothing_written(cli, args) -> None:
    cli("med", "add", "salbutamol", "--started", "2026-10-01", "--stopped", "2026-11-20")
    cli("med", "add", "lisinopril", "--started", "2026-10-01")  # m2, no stop date given: for `stop`
    if args[0] == "stop":
        args = ("stop", "m2", *args[2:])
    before = cli("med", "list").out

    refused = cli("med", *args)

    assert refused.code == 2
    assert len(refused.err.strip().splitlines()) == 1 and "on or after the start" in refused.err
    assert "Traceback" not in refused.err
    assert cli("med", "list").out == before


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("add", "x", "--started", "2026-11-25"), "today (2026-11-24) or earlier"),
        (("add", "", "--dose", "5 mg"), "name"),
        (("add", "x", "--started", "sometime"), "--started"),
        (("stop", "m1"), "a medication id from `tracker med list` (none recorded yet"),
        (("edit", "m1"), "one or more of --name"),
        (("remove", "e12"), "a medication id from `tracker med list`, like m3"),
    ],
)
def test_bad_input_is_one_line_exit_2(cli, args, named) -> None:
    cli("log", "stress", "3")  # a diary to leave unchanged
    refused = cli("med", *args)

    assert refused.code == 2 and named in refused.err
    assert len(refused.err.strip().splitlines()) == 1
    assert "no medications recorded" in cli("med", "list").out


def test_the_same_course_twice_is_refused_and_an_edit_cannot_make_one(cli) -> None:
    assert cli("med", "add", "topiramate", "--dose", "25 mg", "--started", "2026-11-20").code == 0
    assert cli("med", "add", "topiramate", "--dose", "50 mg", "--started", "2026-11-20").code == 0  # another dose
    before = cli("med", "list").out

    again = cli("med", "add", "topiramate", "--dose", "25 mg", "--started", "2026-11-20")
    made_same = cli("med", "edit", "m2", "--dose", "25 mg")

    for refused in (again, made_same):
        assert refused.code == 2 and len(refused.err.strip().splitlines()) == 1, refused.err
        assert "m1 is that medicine, dose and start already" in refused.err
        assert "tracker med edit m1" in refused.err and "Traceback" not in refused.err
    assert cli("med", "list").out == before  # nothing written
    assert cli("med", "edit", "m1", "--note", "with food").code == 0  # an edit of the course itself is no second one
