"""The day's note from the command line (`tracker log note`), and the daily CSV's duration
rule as the data dictionary states it. Run against a real database file, clock frozen."""

from __future__ import annotations

import csv
import io
import json

import pytest

pytestmark = pytest.mark.usefixtures("frozen")


def test_log_note_sets_replaces_and_clears_the_days_note(cli) -> None:
    first = cli("log", "note", "slept", "badly", "--date", "yesterday")
    again = cli("log", "note", "woke at 4", "--date", "yesterday")

    assert first.code == 0 and "slept badly" in first.out
    assert again.code == 0 and "replaces 'slept badly'" in again.out
    assert _daily(cli, "2026-11-23")["note"] == "woke at 4"
    assert "note: woke at 4" in cli("list", "--date", "yesterday").out

    cleared = cli("log", "note", "", "--date", "yesterday")

    assert cleared.code == 0 and "cleared the note" in cleared.out and "woke at 4" in cleared.out
    # The day held only the note: it is not logged again, not a tracked day with nothing in it.
    assert "nothing logged" in cli("list", "--date", "yesterday").err
    assert len(cli("export", "csv").out.splitlines()) == 1  # the header: no day left


def test_today_summary_shows_the_note(cli) -> None:
    cli("log", "note", "long day")

    assert "note: long day" in cli().out


def test_clearing_the_note_keeps_the_no_twitches_answer(cli) -> None:
    cli("log", "none")
    cli("log", "note", "calm day")

    cli("log", "note", "")

    row = _daily(cli, "2026-11-24")
    assert (row["tracked"], row["episodes"], row["note"]) == ("1", "0", "")


@pytest.mark.parametrize(
    "args,field",
    [
        (["log", "note"], "TEXT"),
        (["log", "note", "x", "--date", "2026-13-01"], "date"),
        (["log", "note", "x", "--date", "2026-12-25"], "date"),
        (["log", "note", "x" * 4001], "note"),
    ],
)
def test_log_note_refuses_bad_input_in_one_line_and_writes_nothing(cli, args, field) -> None:
    result = cli(*args)

    assert result.code == 2
    assert field in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    listed = cli("list", "--from", "2026-01-01", "--json")
    assert "no database" in listed.err or json.loads(listed.out) == []


def test_total_duration_follows_the_dictionary_rule(cli, tmp_path) -> None:
    cli("log", "none", "--date", "2026-11-20")  # no twitches: 0
    cli("log", "twitch", "--at", "2026-11-21T10:00")  # a twitch, not timed: empty
    cli("log", "twitch", "--at", "2026-11-22T10:00", "--duration", "30s")  # timed: the sum
    cli("log", "twitch", "--at", "2026-11-22T11:00", "--duration", "45s")
    cli("log", "caffeine", "95", "--date", "2026-11-24")

    rows = {row["date"]: row for row in csv.DictReader(io.StringIO(cli("export", "csv").out))}

    assert rows["2026-11-20"]["total_duration_s"] == "0"
    assert rows["2026-11-21"]["total_duration_s"] == ""
    assert rows["2026-11-22"]["total_duration_s"] == "75"
    assert rows["2026-11-23"]["total_duration_s"] == ""  # nothing logged
    cli("export", "visit", str(tmp_path / "visit"))
    dictionary = {
        row["column"]: row["meaning"]
        for row in csv.DictReader(io.StringIO((tmp_path / "visit" / "dictionary.csv").read_text()))
        if row["file"] == "daily.csv"
    }
    rule = dictionary["total_duration_s"]
    assert "0 on a day answered 'no twitches'" in rule
    assert "empty when twitches were logged but none was timed" in rule
    assert "not answered" in rule


def _daily(cli, day: str) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO(cli("export", "csv", "--from", day, "--to", day).out))
    return next(rows)
