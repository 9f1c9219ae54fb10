"""Every command, as a person types it, against a real database file."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.conftest import BACKENDS, entries_in
from tracker.storage.file_checks import SCHEMA_HEAD

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Every test here runs on a SQLite file and on a PostgreSQL server."""
    return str(request.param)


def test_log_twitch_with_every_option(cli) -> None:
    result = cli(
        "log",
        "twitch",
        "--at",
        "08:15",
        "--location",
        "eyelid",
        "--side",
        "right",
        "--intensity",
        "4",
        "--duration",
        "2m",
        "--context",
        "screen",
        "--context",
        "after-caffeine",
        "--relief",
        "pressed",
        "--note",
        "long one",
    )
    assert result.code == 0, result.err
    assert "e1" in result.out and "right eyelid" in result.out
    [item] = json.loads(cli("list", "--json").out)
    assert item["at"] == "2026-11-24T08:15:00+00:00"
    assert (item["duration_s"], item["context"], item["relief"], item["note"]) == (
        120,
        ["screen", "after-caffeine"],
        ["pressed"],
        "long one",
    )


def test_twitch_defaults_repeat_the_last_one(cli) -> None:
    cli("log", "twitch", "--location", "cheek", "--side", "both", "--intensity", "5")
    cli("log", "twitch")
    items = json.loads(cli("list", "--json").out)
    assert [(i["location"], i["side"], i["intensity"]) for i in items] == [("cheek", "both", 5)] * 2


def test_twitch_defaults_repeat_the_latest_in_time_not_the_last_typed(cli) -> None:
    cli("log", "twitch", "--at", "08:00", "--location", "cheek", "--side", "both", "--intensity", "5")
    cli("log", "twitch", "--at", "2026-11-17T08:00", "--location", "chin", "--side", "left", "--intensity", "1")
    out = cli("log", "twitch").out  # now: repeats this morning's, not last Tuesday's typed just before
    assert "(location, side and intensity as last time)" in out
    cli("log", "twitch", "--at", "2026-11-18T08:00")  # the day after the backfill: repeats that one
    items = json.loads(cli("list", "--from", "2026-11-01", "--json").out)
    by_time = {i["at"][:16]: (i["location"], i["side"], i["intensity"]) for i in items}
    assert by_time["2026-11-24T09:30"] == ("cheek", "both", 5)
    assert by_time["2026-11-18T08:00"] == ("chin", "left", 1)


def test_drink_takes_the_same_date_and_note_options_as_a_factor_value(cli) -> None:
    result = cli("log", "drink", "espresso", "2", "--date", "yesterday", "--note", "at the station")
    assert result.code == 0, result.err
    assert "on 2026-11-23" in result.out
    [item] = json.loads(cli("list", "--date", "yesterday", "--json").out)
    assert item["value"] == 126 and item["at"] is None and "at the station" in item["note"]
    refused = cli("log", "drink", "coffee", "--date", "yesterday", "--at", "2026-11-23T08:00")
    assert refused.code == 2 and "--at HH:MM with --date YYYY-MM-DD" in refused.err
    assert cli("log", "drink", "coffee", "--date", "2026-11-25").code == 2  # a date after today
    assert len(json.loads(cli("list", "--from", "2026-11-01", "--json").out)) == 1
    assert cli("log", "drink", "coffee", "--date", "yesterday", "--at", "08:00").code == 0  # 08:00 that day


def test_twitch_takes_a_date_like_the_other_log_commands(cli) -> None:
    result = cli("log", "twitch", "--date", "yesterday", "--location", "cheek")
    assert result.code == 0, result.err
    assert "yesterday 09:30" in result.out and "no time given" in result.out
    [item] = json.loads(cli("list", "--date", "yesterday", "--json").out)
    assert (item["at"], item["location"]) == ("2026-11-23T09:30:00+00:00", "cheek")
    refused = cli("log", "twitch", "--date", "2026-11-25")
    assert refused.code == 2 and refused.err.startswith("tracker: error: date: '2026-11-25'")
    assert cli("log", "twitch", "--date", "yesterday", "--at", "yesterday 08:00").code == 2
    assert len(json.loads(cli("list", "--from", "2026-11-01", "--json").out)) == 1


def test_first_twitch_with_nothing_to_repeat_invents_nothing(cli) -> None:
    out = cli("log", "twitch").out
    [item] = json.loads(cli("list", "--json").out)
    # Not lower-lip, left, 2: stored as not given, and said so.
    assert (item["location"], item["side"], item["intensity"]) == ("unspecified", "unspecified", None)
    assert "twitch, place and side unspecified, intensity not given" in out
    assert "twitch, place and side unspecified, intensity not given" in cli("list").out


@pytest.mark.parametrize(
    "when,expected",
    [
        ("yesterday 23:10", "2026-11-23T23:10:00+00:00"),
        ("2026-11-20T08:15", "2026-11-20T08:15:00+00:00"),
        ("2026-11-20T08:15+05:30", "2026-11-20T08:15:00+05:30"),
        ("now", "2026-11-24T09:30:00+00:00"),
    ],
)
def test_when_formats(cli, when: str, expected: str) -> None:
    assert cli("log", "twitch", "--at", when).code == 0
    assert json.loads(cli("list", "--from", "2026-11-01", "--json").out)[0]["at"] == expected


@pytest.mark.parametrize(
    "args,field",
    [
        (["log", "twitch", "--intensity", "7"], "intensity"),
        (["log", "twitch", "--location", "nose"], "--location"),
        (["log", "twitch", "--at", "2026-11-26T10:00"], "at"),
        (["log", "twitch", "--duration", "-5"], "duration"),
        (["log", "twitch", "--duration", "25h"], "duration"),
        (["log", "caffeine", "abc"], "caffeine"),
        (["log", "stress", "11"], "stress"),
        (["log", "sleep", "1e308"], "sleep"),
        (["log", "water", "NaN"], "water"),
        (["log", "mystery", "3"], "factor"),
        (["log", "drink", "whisky"], "preset"),
        (["log", "redflag", "itchy"], "KIND"),
        (["list", "--date", "2026-13-01"], "date"),
        (["delete", "x1"], "id"),
        (["log", "twitch", "--at", "9999-12-31T23:59"], "at"),
        (["log", "twitch", "--at", "0001-01-01T00:00"], "at"),
        (["nonsense"], "COMMAND"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(cli, db_target, args: list[str], field: str) -> None:
    result = cli(*args)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tracker: error:"), result.err
    assert field.lower() in lines[0].lower()
    assert "Traceback" not in result.err
    assert entries_in(db_target) == 0


def test_factor_short_and_column_names_and_presets(cli) -> None:
    assert cli("log", "caffeine", "95").code == 0
    assert cli("log", "caffeine_mg", "63", "--at", "07:00").code == 0
    assert cli("log", "drink", "espresso", "2").code == 0
    assert cli("log", "water", "glass").code == 0
    assert cli("log", "drink", "bottle").code == 0
    assert cli("log", "sleep", "6.5", "--date", "2026-11-24").code == 0
    daily = cli("export", "csv").out.splitlines()
    assert daily[1].startswith("2026-11-24,1,,,,,284,6.5,750,,")  # twitches not answered: empty, not 0


def test_user_factor_add_list_and_log(cli) -> None:
    assert cli("factor", "add", "alcohol", "--kind", "number", "--unit", "units").code == 0
    assert cli("factor", "add", "jaw", "--kind", "scale", "--min", "0", "--max", "5", "--daily", "max").code == 0
    assert cli("factor", "add", "screen_late", "--kind", "yes-no").code == 0
    listing = cli("factor", "list").out
    assert "alcohol_units" in listing and "jaw" in listing and "yes-no" in listing
    assert cli("log", "alcohol", "2").code == 0
    assert cli("log", "screen_late", "yes").code == 0
    assert cli("log", "jaw", "7").code == 2
    header = cli("export", "csv").out.splitlines()[0]
    assert header.endswith("magnesium_mg,alcohol_units,jaw,screen_late,red_flags,note")


def test_log_none_marks_a_tracked_day_with_zero_episodes(cli) -> None:
    assert cli("log", "none", "--date", "yesterday").code == 0
    assert cli("log", "twitch").code == 0
    assert cli("log", "none").code == 2  # today already has a twitch
    rows = cli("export", "csv").out.splitlines()
    assert rows[1].startswith("2026-11-23,1,0,0,")


def test_redflag_is_recorded_with_advice(cli) -> None:
    result = cli("log", "redflag", "drooping", "--note", "left eyelid")
    assert result.code == 0 and "call emergency services today" in result.out
    assert cli("export", "csv").out.splitlines()[1].endswith(",drooping,")


def test_delete_and_undo(cli) -> None:
    cli("log", "twitch")
    cli("log", "caffeine", "95")
    assert cli("delete", "e1").out.strip().startswith("deleted e1 (twitch at")
    assert cli("delete", "e1").code == 2
    assert cli("undo").out.strip() == "restored twitch at 09:30 on Tue 24 Nov"
    assert cli("undo").out.strip() == "removed caffeine 95 mg on Tue 24 Nov"
    assert cli("undo").out.strip() == "removed twitch at 09:30 on Tue 24 Nov"
    assert "nothing to undo" in cli("undo").err
    assert json.loads(cli("list", "--json").out) == []


def test_list_range_and_text(cli) -> None:
    cli("log", "twitch", "--at", "yesterday 10:00", "--note", "after lunch")
    cli("log", "redflag", "spreading")
    text = cli("list", "--from", "2026-11-23", "--to", "2026-11-24").out
    assert "twitch, place and side unspecified" in text and "after lunch" in text and "RED FLAG spreading" in text
    assert "nothing logged" in cli("list", "--date", "2026-11-01").err


def test_interventions(cli) -> None:
    assert cli("intervention", "start", "magnesium", "--date", "2026-11-01", "--note", "300 mg").code == 0
    assert "running" in cli("intervention", "list").out
    assert cli("intervention", "stop", "magnesium", "--date", "2026-11-20").code == 0
    assert "2026-11-20" in cli("intervention", "list").out
    assert cli("intervention", "stop", "magnesium").code == 2


@pytest.mark.parametrize("backend", ["sqlite"])  # a server's: tests/test_server_diary.py
def test_db_path_check_backup(cli, db_path, tmp_path, monkeypatch) -> None:
    assert cli("db", "path").out.strip() == str(db_path)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "env.db"))
    assert cli("db", "path", db=None).out.strip() == str(tmp_path / "env.db")
    cli("log", "twitch")
    check = cli("db", "check").out
    assert "integrity: ok" in check and f"schema revision: {SCHEMA_HEAD}" in check
    dest = tmp_path / "copy.db"
    assert cli("db", "backup", str(dest)).code == 0
    assert sqlite3.connect(dest).execute("SELECT count(*) FROM episode").fetchone()[0] == 1
    assert f"already at schema {SCHEMA_HEAD}" in cli("db", "upgrade").out


def test_default_database_lives_in_the_user_data_dir(cli, tmp_path) -> None:
    path = cli("db", "path", db=None).out.strip()
    assert path == str(tmp_path / "xdg-data" / "tracker" / "tracker.db")


def test_no_command_prints_today_and_help(cli) -> None:
    cli("log", "twitch", "--location", "eyelid")
    cli("log", "drink", "coffee")
    result = cli()
    assert "Today" in result.out and "eyelid" in result.out and "caffeine: 95 mg from 1 entry" in result.out
    assert "usage: tracker" in result.out


def test_factor_edit(cli) -> None:
    cli("factor", "add", "jaw", "--kind", "scale", "--min", "0", "--max", "5")
    assert cli("factor", "edit", "jaw", "--max", "10", "--daily", "max").code == 0
    assert cli("log", "jaw", "8").code == 0
    assert cli("factor", "edit", "jaw", "--max", "6").code == 2  # 8 is already logged
    assert cli("factor", "edit", "caffeine", "--max", "9000").code == 2


def test_an_argument_with_a_lone_surrogate_is_refused_in_one_line(cli) -> None:
    """Text no shell sends (a lone U+D800, from a program) is refused like undecodable bytes: exit 2."""
    result = cli("log", "none", "--date=\ud800")
    assert result.code == 2
    assert result.err.startswith("tracker: error: argument: ") and "UTF-8 text" in result.err
