"""A refused value is named as it was typed, in the standard one line with exit 2: a time by
`--at` on every path (the quick log, the full one), and `remind` on a file that is no diary."""

from __future__ import annotations

import sqlite3

import pytest

from tests.helpers.processes import tracker_process


@pytest.mark.parametrize(
    "argv",
    [
        ["twitch", "--at", "25:00"],
        ["drink", "espresso", "--at", "25:00"],
        ["caffeine", "95", "--at", "99"],
        ["stress", "4", "--at", "half past"],
    ],
    ids=" ".join,
)
def test_a_refused_time_is_named_by_its_option(cli, db_path, argv: list[str]) -> None:
    assert cli("log", "note", "begun").code == 0
    before = db_path.read_bytes()
    refused = cli("log", *argv)
    assert refused.code == 2 and refused.err.startswith("tracker: error: --at: "), refused.err
    assert db_path.read_bytes() == before


def test_the_quick_log_names_it_the_same_way(db_path) -> None:
    assert tracker_process("--db", str(db_path), "log", "note", "begun").returncode == 0
    refused = tracker_process("--db", str(db_path), "log", "twitch", "--at", "25:00")
    assert refused.returncode == 2 and refused.stderr.startswith("tracker: error: --at: "), refused.stderr


@pytest.mark.parametrize("kind", ["junk", "another program's database"])
def test_remind_on_a_file_that_is_no_diary_gives_the_one_line_and_exit_2(tmp_path, kind: str) -> None:
    path = tmp_path / "diary.db"
    if kind == "junk":
        path.write_bytes(b"this is not a database at all\n" * 200)
    else:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.commit()
        conn.close()
    before = path.read_bytes()
    done = tracker_process("--db", str(path), "remind")
    assert done.returncode == 2 and done.stdout == "", done
    assert done.stderr.startswith("tracker: error: ") and done.stderr.count("\n") == 1, done.stderr
    assert "not a tracker database" in done.stderr and "left untouched" in done.stderr
    assert path.read_bytes() == before
