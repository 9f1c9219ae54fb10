"""A day's own record (its "no twitches" answer, its note) exists only while it says something:
no import, log, delete or undo leaves a day that reads as logged with nothing in it, and a
record that says nothing (left by an earlier version) never makes its day read as logged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tracker.commands.log_quick import main_quick

pytestmark = pytest.mark.usefixtures("frozen")  # 24 Nov 2026, 09:30 London


def empty_records(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT date FROM day WHERE NOT checked_in AND note = ''")]
    finally:
        conn.close()


def daily_line(cli, day: str) -> str:
    result = cli("export", "csv", "--from", day, "--to", day)
    assert result.code == 0, result.err
    return result.out.splitlines()[1]


def test_a_bare_tracked_row_imports_no_day(cli, db_path, tmp_path) -> None:
    assert cli("log", "caffeine", "95", "--date", "2026-11-19").code == 0
    daily = tmp_path / "daily.csv"
    daily.write_text("date,tracked\n2026-11-20,1\n", encoding="utf-8")
    assert cli("import", "csv", str(daily)).code == 0
    assert empty_records(db_path) == []
    assert daily_line(cli, "2026-11-20").startswith("2026-11-20,0,")


@pytest.mark.parametrize("quick", [False, True], ids=["store", "quick"])
def test_a_twitch_withdrawing_the_only_answer_leaves_no_empty_day(cli, db_path, capsys, quick) -> None:
    assert cli("log", "caffeine", "95", "--date", "2026-11-19").code == 0
    assert cli("log", "none").code == 0
    if quick:
        assert main_quick(["--db", str(db_path), "log", "twitch"]) == 0
    else:
        assert cli("log", "twitch", "--at", "09:00").code == 0
    assert cli("delete", "e1").code == 0
    assert empty_records(db_path) == []
    assert daily_line(cli, "2026-11-24").startswith("2026-11-24,0,")  # nothing logged: not tracked
    assert cli("undo").code == 0 and cli("undo").code == 0  # the delete, then the twitch
    assert daily_line(cli, "2026-11-24").startswith("2026-11-24,1,0,")  # "no twitches" again


def test_a_note_keeps_its_day_when_the_answer_is_withdrawn(cli, db_path) -> None:
    for argv in (["log", "none"], ["log", "note", "long day"], ["log", "twitch", "--at", "09:00"], ["delete", "e1"]):
        assert cli(*argv).code == 0
    assert daily_line(cli, "2026-11-24") == "2026-11-24,1,,,,,,,,,,,long day"


def test_a_record_saying_nothing_reads_as_nothing_logged(cli, db_path) -> None:
    """Earlier versions left such records (an imported bare "tracked", a withdrawn answer)."""
    assert cli("log", "caffeine", "95", "--date", "2026-11-19").code == 0
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("INSERT INTO day (date, checked_in, note, created_at) VALUES ('2026-11-20', 0, '', "
                     "'2026-11-24 09:00:00.000000')")  # fmt: skip
    conn.close()
    assert daily_line(cli, "2026-11-20").startswith("2026-11-20,0,")
    assert cli("analyze").code == 0
