"""A file row says one thing, the same on every import: a time without an offset is the wall
clock on its date whatever zone the machine is in now; dates are written YYYY-MM-DD (never
today or yesterday); a row whose date and time disagree, or that says "not tracked" beside a
value, is refused; numbers are compared at the file's precision."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import use_timezone
from tests.helpers.processes import DATA_TABLES, select_rows, table_rows

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London

EPISODES_HEADER = "started_at,date,location,side,intensity,duration_s,context,relief,note\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def diary_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    return {table: table_rows(path, table) for table in DATA_TABLES}


def refused(result, *parts: str) -> None:  # type: ignore[no-untyped-def]
    assert result.code == 2, (result.out, result.err)
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    missing = [part for part in parts if part not in result.err]
    assert not missing, (missing, result.err)


# --- a time without an offset, imported under three zones ---------------------------------------------


@pytest.mark.parametrize("with_date", [False, True])
def test_a_wall_clock_time_reimported_after_a_zone_change_adds_nothing(
    cli, tmp_path, db_path, monkeypatch, with_date: bool
) -> None:
    date = "2026-11-20" if with_date else ""
    episodes = write(tmp_path / "episodes.csv", f"{EPISODES_HEADER}2026-11-20T08:00,{date},eyelid,left,,,,,\n")
    for zone in ("UTC", "Europe/Berlin", "America/New_York"):
        use_timezone(monkeypatch, zone)
        result = cli("import", "csv", str(episodes))
        assert result.code == 0, result.err

    # One twitch, at 08:00 on the 20th as the file says, in the zone of the first import.
    assert select_rows(db_path, "SELECT local_date, utc_offset_min, substr(started_at, 1, 19) FROM episode") == [
        ("2026-11-20", 0, "2026-11-20 08:00:00")
    ]


def test_a_wall_clock_time_still_matches_one_for_one(cli, tmp_path, db_path, monkeypatch) -> None:
    row = "2026-11-20T08:00,,eyelid,left,,,,,\n"
    once = write(tmp_path / "once.csv", EPISODES_HEADER + row)
    twice = write(tmp_path / "twice.csv", EPISODES_HEADER + row + row)
    use_timezone(monkeypatch, "UTC")
    assert cli("import", "csv", str(once)).code == 0
    use_timezone(monkeypatch, "Asia/Tokyo")
    assert cli("import", "csv", str(twice)).code == 0  # the second copy is a second twitch
    assert select_rows(db_path, "SELECT count(*), min(utc_offset_min), max(utc_offset_min) FROM episode") == [
        (2, 0, 540)
    ]


def test_a_time_with_an_offset_is_an_instant_and_a_different_wall_clock_is_another_twitch(
    cli, tmp_path, db_path, monkeypatch
) -> None:
    use_timezone(monkeypatch, "UTC")
    naive = write(tmp_path / "naive.csv", EPISODES_HEADER + "2026-11-20T08:00,,eyelid,left,,,,,\n")
    assert cli("import", "csv", str(naive)).code == 0
    # 08:00 in Berlin is 07:00 UTC: a different moment from the stored 08:00 UTC.
    berlin = write(tmp_path / "berlin.csv", EPISODES_HEADER + "2026-11-20T08:00+01:00,,eyelid,left,,,,,\n")
    assert cli("import", "csv", str(berlin)).code == 0
    assert select_rows(db_path, "SELECT count(*) FROM episode") == [(2,)]
    assert cli("import", "csv", str(berlin)).code == 0  # and that one, again, adds nothing
    assert select_rows(db_path, "SELECT count(*) FROM episode") == [(2,)]


# --- dates are ISO dates -----------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["today", "yesterday", "Today", "20261120", "2026-W47-5"])
def test_a_daily_file_date_is_an_iso_date_only(cli, tmp_path, db_path, word: str) -> None:
    cli("log", "note", "kept")
    before = diary_rows(db_path)
    daily = write(tmp_path / "daily.csv", f"date,tracked,stress\n{word},1,4\n")
    refused(cli("import", "csv", str(daily)), "daily.csv line 2", "date", repr(word), "YYYY-MM-DD")
    assert diary_rows(db_path) == before


def test_an_episodes_file_date_is_an_iso_date_only(cli, tmp_path, db_path) -> None:
    episodes = write(tmp_path / "episodes.csv", EPISODES_HEADER + "2026-11-23T08:00+00:00,yesterday,eyelid,left,,,,,\n")
    cli("log", "note", "kept")
    refused(cli("import", "csv", str(episodes)), "episodes.csv line 2", "date", "'yesterday'", "YYYY-MM-DD")
    assert not select_rows(db_path, "SELECT * FROM episode")


# --- a row that contradicts itself -----------------------------------------------------------------------


def test_an_episode_whose_date_is_not_the_date_of_its_time_is_refused(cli, tmp_path, db_path) -> None:
    episodes = write(
        tmp_path / "episodes.csv", EPISODES_HEADER + "2026-11-20T09:00+00:00,2026-11-19,eyelid,left,,,,,\n"
    )
    cli("log", "note", "kept")
    refused(
        cli("import", "csv", str(episodes)),
        "episodes.csv line 2",
        "date",
        "'2026-11-19'",
        "2026-11-20T09:00+00:00",
        "(2026-11-20)",
    )
    assert not select_rows(db_path, "SELECT * FROM episode")


def test_an_episode_date_in_its_own_offset_is_accepted(cli, tmp_path, db_path) -> None:
    # 23:30 on the 20th in New York is the 21st in UTC: the row's date is the one it lived.
    episodes = write(
        tmp_path / "episodes.csv", EPISODES_HEADER + "2026-11-20T23:30-05:00,2026-11-20,eyelid,left,,,,,\n"
    )
    assert cli("import", "csv", str(episodes)).code == 0
    assert select_rows(db_path, "SELECT local_date FROM episode") == [("2026-11-20",)]


@pytest.mark.parametrize(("cells", "column"), [("0,,4,,", "stress"), ("0,2,,,", "episodes"), ("0,,,,a note", "note")])
def test_a_day_not_tracked_beside_a_value_is_refused(cli, tmp_path, db_path, cells: str, column: str) -> None:
    cli("log", "note", "kept", "--date", "2026-11-19")
    daily = write(tmp_path / "daily.csv", f"date,tracked,episodes,stress,red_flags,note\n2026-11-20,{cells}\n")
    refused(cli("import", "csv", str(daily)), "daily.csv line 2", column, "tracked 0")
    assert select_rows(db_path, "SELECT count(*) FROM factor_entry") == [(0,)]
    assert select_rows(db_path, "SELECT date FROM day") == [("2026-11-19",)]


def test_a_number_is_compared_at_the_files_precision(cli, tmp_path, db_path) -> None:
    cli("log", "stress", "4", "--date", "2026-11-20")
    before = diary_rows(db_path)
    close = write(tmp_path / "close.csv", "date,tracked,stress\n2026-11-20,1,4.0000001\n")
    refused(cli("import", "csv", str(close)), "close.csv line 2", "stress", "2026-11-20", "4.0000001")
    assert diary_rows(db_path) == before
    same = write(tmp_path / "same.csv", "date,tracked,stress\n2026-11-20,1,4.000\n")
    assert cli("import", "csv", str(same)).code == 0
    assert diary_rows(db_path) == before


def test_two_files_that_differ_below_the_export_precision_disagree(cli, tmp_path, db_path) -> None:
    one = write(tmp_path / "one.csv", "date,tracked,stress\n2026-11-20,1,4\n")
    two = write(tmp_path / "two.csv", "date,tracked,stress\n2026-11-20,1,4.0000001\n")
    cli("log", "note", "kept")
    refused(cli("import", "csv", str(one), str(two)), "two.csv line 2", "stress", "one.csv line 2")
    assert select_rows(db_path, "SELECT count(*) FROM factor_entry") == [(0,)]


@pytest.mark.parametrize("text", ["20261120T0800", "2026-W47-5T08:00", "2026-11-20"])
def test_an_episodes_file_time_is_written_in_full(cli, tmp_path, db_path, text: str) -> None:
    cli("log", "note", "kept")
    episodes = write(tmp_path / "episodes.csv", f"{EPISODES_HEADER}{text},,eyelid,left,,,,,\n")
    refused(cli("import", "csv", str(episodes)), "episodes.csv line 2", "started_at", repr(text))
    assert not select_rows(db_path, "SELECT * FROM episode")
