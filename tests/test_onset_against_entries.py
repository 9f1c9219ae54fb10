"""The onset date is the person's memory, the entries are facts: a date after the first twitch
logged (when the twitching had plainly begun) is refused in one line unless insisted on with
--force, and then kept and said; a date still to come is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("frozen")  # 24 Nov 2026


def stored_onset(path: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT value FROM diary_setting WHERE key = 'onset'").fetchall()
    finally:
        conn.close()


def test_an_onset_after_the_first_twitch_is_refused_naming_it(cli, db_path) -> None:
    assert cli("log", "twitch", "--date", "2026-11-10").code == 0
    before = db_path.read_bytes()
    result = cli("onset", "2026-11-15")
    assert (result.code, result.out) == (2, "")
    assert result.err.count("\n") == 1 and "'2026-11-15'" in result.err and "10 Nov 2026" in result.err, result.err
    assert "--force" in result.err
    assert db_path.read_bytes() == before
    for day in ("2026-11-10", "2026-03-01"):  # the day of the first twitch, or any before it
        assert cli("onset", day).code == 0
    assert stored_onset(db_path) == [("2026-03-01",)]


def test_a_later_onset_is_kept_when_insisted_on_and_said(cli, db_path) -> None:
    assert cli("log", "twitch", "--date", "2026-11-10").code == 0
    result = cli("onset", "2026-11-15", "--force")
    assert result.code == 0 and "after the first twitch logged (10 Nov 2026)" in result.out, result.out
    assert stored_onset(db_path) == [("2026-11-15",)]


def test_an_onset_without_twitches_logged_or_still_to_come(cli, db_path) -> None:
    assert cli("log", "caffeine", "95", "--date", "2026-11-10").code == 0  # no twitch: nothing to contradict
    assert cli("onset", "2026-11-20").code == 0
    for argv in (["onset", "2026-11-25"], ["onset", "2026-11-25", "--force"]):
        result = cli(*argv)
        assert result.code == 2 and "today (2026-11-24) or earlier" in result.err, result.err
    assert stored_onset(db_path) == [("2026-11-20",)]
