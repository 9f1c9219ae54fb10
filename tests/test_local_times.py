"""Wall-clock times across DST in several zones, offsets the diary can keep, and times yet to come."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import use_timezone
from tracker.errors import InputError


def at(zone: str, moment: str) -> time_machine.travel:
    """The clock stopped at `moment`, wall-clock time in `zone` (which becomes the machine's zone)."""
    return time_machine.travel(dt.datetime.fromisoformat(moment).replace(tzinfo=ZoneInfo(zone)), tick=False)


def stored(db_path: Path) -> list[tuple[str, str, int]]:
    """(UTC start, local date, offset in minutes) of every stored twitch."""
    if not db_path.exists():
        return []
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT started_at, local_date, utc_offset_min FROM episode ORDER BY id").fetchall()


def refused(result, db_path: Path) -> str:  # type: ignore[no-untyped-def]
    """The one line of a refusal, after checking nothing was stored."""
    lines = result.err.strip().splitlines()
    assert result.code == 2 and len(lines) == 1, result.err
    assert stored(db_path) == []
    return lines[0]


# --- clocks going forward: the skipped hour is refused, naming it ------------------------------------


@pytest.mark.parametrize(
    "zone,day,typed,gap",
    [
        # Clocks go forward at midnight: 00:30 never happened that day (not 23:30 the day before).
        ("America/Santiago", "2026-09-06", "00:30", "00:00–01:00 does not exist on 6 Sep 2026 in America/Santiago"),
        ("America/Havana", "2026-03-08", "00:30", "00:00–01:00 does not exist on 8 Mar 2026 in America/Havana"),
        (
            "Europe/London",
            "2026-03-29",
            "2026-03-29T01:30",
            "01:00–02:00 does not exist on 29 Mar 2026 in Europe/London",
        ),
        ("America/New_York", "2026-03-08", "02:15", "02:00–03:00 does not exist on 8 Mar 2026 in America/New_York"),
        # Lord Howe Island moves its clocks by half an hour.
        (
            "Australia/Lord_Howe",
            "2026-10-04",
            "02:10",
            "02:00–02:30 does not exist on 4 Oct 2026 in Australia/Lord_Howe",
        ),
        ("Pacific/Auckland", "2026-09-27", "02:45", "02:00–03:00 does not exist on 27 Sep 2026 in Pacific/Auckland"),
    ],
)
def test_a_time_the_clocks_skipped_is_refused_naming_the_gap(cli, db_path, zone, day, typed, gap) -> None:
    with at(zone, f"{day}T13:00"):
        line = refused(cli("log", "twitch", "--at", typed), db_path)
    assert line.endswith(f"{gap}: clocks went forward"), line


@pytest.mark.parametrize(
    "zone,day,typed,expected",
    [
        ("America/Santiago", "2026-09-06", "01:30", ("2026-09-06", -180)),
        ("America/Santiago", "2026-09-06", "yesterday 23:30", ("2026-09-05", -240)),
        ("America/Havana", "2026-03-08", "01:00", ("2026-03-08", -240)),
        ("Europe/London", "2026-03-29", "00:59", ("2026-03-29", 0)),
        ("Europe/London", "2026-03-29", "02:00", ("2026-03-29", 60)),
    ],
)
def test_times_either_side_of_a_gap_land_on_the_day_typed(cli, db_path, zone, day, typed, expected) -> None:
    with at(zone, f"{day}T13:00"):
        assert cli("log", "twitch", "--at", typed).code == 0
    [(_, local_date, offset)] = stored(db_path)
    assert (local_date, offset) == expected


# --- clocks going back: the first of the repeated times, and the confirmation says so -----------------


@pytest.mark.parametrize(
    "zone,day,typed,first,second",
    [
        ("Europe/London", "2026-10-25", "01:30", 60, "2026-10-25T01:30+00:00"),
        ("America/Santiago", "2026-04-05", "yesterday 23:30", -180, "2026-04-04T23:30-04:00"),
        ("Pacific/Auckland", "2026-04-05", "02:20", 780, "2026-04-05T02:20+12:00"),
    ],
)
def test_a_repeated_time_takes_the_first_and_says_so(cli, db_path, zone, day, typed, first, second) -> None:
    with at(zone, f"{day}T12:00"):
        result = cli("log", "twitch", "--at", typed)
    assert result.code == 0, result.err
    assert "came twice" in result.out and "took the first" in result.out and second in result.out
    [(_, _, offset)] = stored(db_path)
    assert offset == first


def test_the_second_of_a_repeated_time_is_given_with_its_offset(cli, db_path) -> None:
    with at("Europe/London", "2026-10-25T12:00"):
        result = cli("log", "twitch", "--at", "2026-10-25T01:30+00:00")
    assert result.code == 0 and "came twice" not in result.out
    assert stored(db_path) == [("2026-10-25 01:30:00.000000", "2026-10-25", 0)]


def test_the_csv_import_holds_offset_less_times_to_the_same_rules(cli, db_path, tmp_path) -> None:
    skipped, repeated = tmp_path / "skipped.csv", tmp_path / "repeated.csv"
    skipped.write_text("started_at\n2026-03-28T08:00\n2026-03-29T01:30\n", encoding="utf-8")
    repeated.write_text("started_at\n2026-10-25T01:30\n", encoding="utf-8")
    with at("Europe/London", "2026-11-24T09:30"):
        line = refused(cli("import", "csv", str(skipped)), db_path)
        assert "line 3" in line and "01:00–02:00 does not exist on 29 Mar 2026 in Europe/London" in line
        assert cli("import", "csv", str(repeated)).code == 0
    assert stored(db_path) == [("2026-10-25 00:30:00.000000", "2026-10-25", 60)]


def test_local_moment_is_what_the_forms_call(monkeypatch) -> None:
    """The TUI's time field goes through the same function as --at and the import."""
    from tracker.core.when import local_moment

    use_timezone(monkeypatch, "America/Santiago")
    with pytest.raises(InputError, match="00:00–01:00 does not exist on 6 Sep 2026"):
        local_moment(dt.datetime(2026, 9, 6, 0, 30), field="time")
    moment = local_moment(dt.datetime(2026, 4, 4, 23, 30))
    assert moment.at.utcoffset() == dt.timedelta(hours=-3) and "came twice" in moment.assumed
    assert local_moment(dt.datetime(2026, 7, 1, 9, 0)).assumed == ""


def test_a_tz_setting_the_zone_database_does_not_know_is_named(cli, db_path, monkeypatch, frozen) -> None:
    use_timezone(monkeypatch, "CET-1CEST,M3.5.0,M10.5.0/3")
    line = refused(cli("log", "twitch", "--at", "08:00"), db_path)
    assert line.startswith("tracker: error: TZ: 'CET-1CEST") and "Europe/London" in line
    assert cli("log", "twitch").code == 0  # "now" needs no zone rules


# --- offsets the schema can keep exactly ---------------------------------------------------------------


@pytest.mark.parametrize(
    "typed,allowed",
    [
        ("2026-11-23T00:00:10+00:00:30", "whole minutes"),
        ("2026-11-23T23:59:50-00:00:30", "whole minutes"),
        ("2026-11-23T09:30+23:59", "from -12:00 to +14:00"),
        ("2026-11-23T09:30-13:00", "from -12:00 to +14:00"),
    ],
)
def test_an_offset_the_diary_cannot_keep_is_refused(cli, db_path, frozen, typed: str, allowed: str) -> None:
    line = refused(cli("log", "twitch", "--at", typed), db_path)
    assert allowed in line


def test_a_zone_whose_offset_then_had_seconds_is_refused(cli, db_path, monkeypatch, frozen) -> None:
    use_timezone(monkeypatch, "Europe/Amsterdam")  # UTC+00:19:32 (+01:19:32 in summer) until 1937
    line = refused(cli("log", "twitch", "--at", "1930-06-01T00:00:10"), db_path)
    assert "Europe/Amsterdam was UTC+01:19:32 then" in line and "1930-06-01T00:00:10+01:20" in line
    assert cli("log", "twitch", "--at", "1938-06-01T00:00").code == 0  # whole minutes from 1937 on


def test_an_imported_offset_with_seconds_is_refused(cli, db_path, tmp_path, frozen) -> None:
    path = tmp_path / "episodes.csv"
    path.write_text("started_at\n2026-11-23T00:00:10+00:00:30\n", encoding="utf-8")
    assert "whole minutes" in refused(cli("import", "csv", str(path)), db_path)


ZONES = ["Europe/London", "America/Santiago", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham"]


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    zone=st.sampled_from(ZONES),
    naive=st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2026, 11, 23, 23, 59)),
)
@example(zone="Europe/Amsterdam", naive=dt.datetime(1930, 6, 1, 0, 0, 10))  # UTC+01:19:32 then
@example(zone="Europe/London", naive=dt.datetime(2026, 10, 25, 1, 30))  # the first of two 01:30s
def test_export_and_import_never_move_a_date(cli, tmp_path_factory, zone: str, naive: dt.datetime) -> None:
    folder = tmp_path_factory.mktemp("trip")
    first, second = folder / "first.db", folder / "second.db"
    with at(zone, "2026-11-24T09:30"):
        typed = naive.replace(microsecond=0).isoformat()
        if cli("log", "twitch", "--at", typed, db=first).code != 0:
            return  # refused (a skipped time, an offset with seconds): nothing stored, nothing to move
        exported = cli("export", "csv", "--episodes", db=first).out
        (folder / "e.csv").write_text(exported, encoding="utf-8", newline="")
        assert cli("import", "csv", str(folder / "e.csv"), db=second).code == 0
        again = cli("export", "csv", "--episodes", db=second).out
    assert again == exported
    assert stored(second)[0][1] == naive.date().isoformat()


# --- times yet to come ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [["twitch"], ["caffeine", "95"], ["drink", "espresso"], ["stress", "4"], ["sleep", "7"]],
    ids=" ".join,
)
def test_a_bare_time_later_than_now_is_refused_naming_yesterday(cli, db_path, argv: list[str]) -> None:
    """At 19:43, `--at 23:59` is most likely a slip or today meant: never moved to yesterday unasked."""
    with at("Europe/London", "2026-11-24T19:43"):
        assert cli("log", "note", "before").code == 0
        before = db_path.read_bytes()
        result = cli("log", *argv, "--at", "23:59")
        assert (result.code, result.out) == (2, "")
        assert result.err == (
            "tracker: error: --at: '23:59' is not allowed; 23:59 is later than now (19:43); "
            "for yesterday say --at 'yesterday 23:59'\n"
        )
        assert db_path.read_bytes() == before
        said = cli("log", *argv, "--at", "yesterday 23:59")
        items = json.loads(cli("list", "--date", "yesterday", "--json").out)
    assert said.code == 0 and "yesterday 23:59" in said.out
    assert [item["at"] for item in items] == ["2026-11-23T23:59:00+00:00"]


def test_a_bare_time_within_the_leeway_is_today(cli) -> None:
    with at("Europe/London", "2026-11-24T09:30"):
        result = cli("log", "twitch", "--at", "09:34")
    assert result.code == 0 and "today 09:34" in result.out


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "twitch", "--at", "today 23:00"],
        ["log", "twitch", "--at", "2026-11-24T09:36"],
        ["log", "twitch", "--at", "2026-11-24T08:36-01:00"],
        ["log", "caffeine", "95", "--at", "2026-11-24T10:00"],
        ["log", "drink", "coffee", "--at", "today 10:00"],
        ["log", "sleep", "7", "--date", "2026-11-25"],
        ["log", "none", "--date", "2026-11-25"],
        ["log", "redflag", "drooping", "--date", "2026-11-25"],
        ["intervention", "start", "magnesium", "--date", "2026-11-25"],
    ],
    ids=lambda argv: " ".join(argv),
)
def test_an_explicit_time_or_date_yet_to_come_is_refused(cli, db_path, argv: list[str]) -> None:
    with at("Europe/London", "2026-11-24T09:30"):
        result = cli(*argv)
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1, result.err
    assert not db_path.exists()  # refused: nothing written, not even a new diary


def test_an_explicit_time_within_the_leeway_is_kept(cli) -> None:
    with at("Europe/London", "2026-11-24T09:30"):
        assert cli("log", "twitch", "--at", "2026-11-24T09:34").code == 0


def test_the_import_refuses_a_time_more_than_five_minutes_ahead(cli, db_path, tmp_path) -> None:
    ahead, close = tmp_path / "ahead.csv", tmp_path / "close.csv"
    ahead.write_text("started_at\n2026-11-24T09:36:00+00:00\n", encoding="utf-8")
    close.write_text("started_at\n2026-11-24T09:34:00+00:00\n", encoding="utf-8")
    with at("Europe/London", "2026-11-24T09:30"):
        assert "a time no later than now" in refused(cli("import", "csv", str(ahead)), db_path)
        assert cli("import", "csv", str(close)).code == 0


def test_an_export_from_a_zone_ahead_imports_back(cli, tmp_path) -> None:
    """01:00 on the 25th in Kiribati (UTC+14) is already past at noon on the 24th in London: its
    day may be after London's today, and the daily file with it imports back."""
    with at("Europe/London", "2026-11-24T12:00"):
        assert cli("log", "twitch", "--at", "2026-11-25T01:00+14:00").code == 0
        exported = tmp_path / "daily.csv"
        assert cli("export", "csv", "-o", str(exported)).code == 0
        assert exported.read_text().splitlines()[-1].startswith("2026-11-25,1,1,")
        twitches = tmp_path / "episodes.csv"
        assert cli("export", "csv", "--episodes", "-o", str(twitches)).code == 0
        # A daily count is checked against the twitches, so the episodes file comes with it.
        result = cli("import", "csv", str(exported), str(twitches), db=tmp_path / "other.db")
    assert result.code == 0, result.err


def test_a_twitch_logged_in_a_zone_a_day_ahead_is_in_the_analysis_at_home(cli, monkeypatch) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 30, 11, 0, tzinfo=dt.UTC), tick=False):
        use_timezone(monkeypatch, "Pacific/Kiritimati")  # UTC+14: already 1 December there
        assert cli("log", "twitch", "--location", "eyelid", "--side", "left", "--intensity", "3").code == 0
        use_timezone(monkeypatch, "UTC")  # home again, where it is still 30 November
        result = cli("analyze", "--json")
    assert result.code == 0, result.err
    assert "2026-12-01" in result.out  # the twitch's own day is part of the analysis, not cut off
