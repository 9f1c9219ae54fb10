"""A value edited into the database by hand (another program, sqlite3's shell) is named in one
line, table, row, field and value, exit 2, nothing written; never a traceback, never passed on."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("frozen")

EDITS = [
    ("UPDATE episode SET intensity = 'strong' WHERE id = 1", "episode", "id 1", "intensity", "'strong'"),
    ("UPDATE episode SET location = 'forehead' WHERE id = 1", "episode", "id 1", "location", "'forehead'"),
    ("UPDATE episode SET local_date = '2026-02-30' WHERE id = 1", "episode", "id 1", "local_date", "'2026-02-30'"),
    ("UPDATE episode SET started_at = 'yesterday' WHERE id = 1", "episode", "id 1", "started_at", "'yesterday'"),
    # a real date, but not the date of the twitch's time in its own offset (logged 24 Nov, 09:30 London)
    ("UPDATE episode SET local_date = '2026-11-23' WHERE id = 1", "episode", "id 1", "local_date", "'2026-11-23'"),
    ("UPDATE factor_entry SET local_date = '2026-11-25' WHERE id = 1", "factor_entry", "id 1", "local_date",
     "'2026-11-25'"),
    ("UPDATE factor_entry SET value = -95 WHERE id = 1", "factor_entry", "id 1", "value", "-95"),
    ("UPDATE factor_entry SET value = 'lots' WHERE id = 1", "factor_entry", "id 1", "value", "'lots'"),
    ("UPDATE preset SET amount = -1 WHERE name = 'espresso'", "preset", "id", "amount", "-1"),
    ("UPDATE red_flag SET kind = 'headache' WHERE id = 1", "red_flag", "id 1", "kind", "'headache'"),
    # a further site of a twitch that is no place tracker knows
    ("INSERT INTO episode_site (episode_id, location, side) VALUES (1, 'forehead', 'left')", "episode_site", "id 1",
     "location", "'forehead'"),
    # a further site that repeats the twitch's own (its export could not be imported again)
    ("INSERT INTO episode_site (episode_id, location, side) VALUES (1, 'eyelid', 'left')", "episode_site", "id 1",
     "episode_id", "1"),
    # a further site of a twitch that is not there
    ("INSERT INTO episode_site (episode_id, location, side) VALUES (999, 'eyelid', 'left')", "episode_site", "id 1",
     "episode_id", "999"),
    ("UPDATE day SET date = '2026-13-01' WHERE note = 'long day'", "day", "date", "date", "'2026-13-01'"),
    # an entry of a factor that is not there any more (was an internal error: KeyError: 999)
    ("UPDATE factor_entry SET factor_id = 999 WHERE id = 1", "factor_entry", "id 1", "factor_id", "999"),
    # a NUL no file tracker writes can carry back (the CSV round trip broke on it)
    ("UPDATE day SET note = 'long' || char(0) || 'day' WHERE note = 'long day'", "day", "date", "note",
     "'long\\x00day'"),
]  # fmt: skip

READING = [["list", "--from", "2026-11-01"], ["export", "csv"], ["export", "csv", "--episodes"], ["analyze"]]


def edited_diary(cli, path: Path, sql: str) -> bytes:
    for argv in (["log", "twitch", "--location", "eyelid", "--side", "left", "--intensity", "2"],
                 ["log", "caffeine", "95"], ["log", "redflag", "drooping"], ["log", "note", "long day"]):  # fmt: skip
        assert cli(*argv).code == 0
    conn = sqlite3.connect(path)
    with conn:
        assert conn.execute(sql).rowcount == 1
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize(("sql", "table", "row", "field", "value"), EDITS, ids=[edit[3] + edit[4] for edit in EDITS])
@pytest.mark.parametrize("argv", READING, ids=" ".join)
def test_a_value_edited_by_hand_is_named_not_passed_on(cli, db_path, sql, table, row, field, value, argv) -> None:
    before = edited_diary(cli, db_path, sql)
    result = cli(*argv)
    assert result.code == 2 and result.err.count("\n") == 1 and "Traceback" not in result.err, result.err
    assert f"table {table}, {row}" in result.err and f"field {field}: {value}" in result.err, result.err
    assert result.out == ""
    assert db_path.read_bytes() == before


TRIPPED = [
    (["delete", "e1"], "started_at", "'yesterday'"),  # read back to be deleted
    (["log", "twitch"], "location", "'forehead'"),  # read back as the place to repeat
    (["log", "twitch"], "intensity", "'strong'"),  # read back as the strength to repeat
]


def _case_id(item: object) -> str:
    return " ".join(item) if isinstance(item, list) else str(item)


@pytest.mark.parametrize(("argv", "field", "value"), TRIPPED, ids=_case_id)
def test_a_command_that_writes_and_trips_on_it_names_it_too(cli, db_path, argv, field, value) -> None:
    before = edited_diary(cli, db_path, f"UPDATE episode SET {field} = {value} WHERE id = 1")
    result = cli(*argv)
    assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert f"table episode, id 1, field {field}: {value}" in result.err, result.err
    assert db_path.read_bytes() == before


def _aged(path: Path, hours: int = 1) -> None:
    """Set the file's times an hour before now (the frozen clock's), as a diary last written
    earlier in the day has them."""
    stamp = time.time_ns() - hours * 3_600_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_an_edit_after_a_clean_read_is_still_named(cli, db_path) -> None:
    """A clean diary is scanned once, not at every read; whatever changes it after that is
    scanned again, so a hand edit made between two reads is named by the second."""
    edited_diary(cli, db_path, "UPDATE day SET note = 'long day' WHERE note = 'long day'")
    _aged(db_path)
    assert cli("analyze").code == 0
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE factor_entry SET value = -95 WHERE id = 1")
    conn.close()
    result = cli("analyze")
    assert result.code == 2 and "table factor_entry, id 1, field value: -95" in result.err, result.err


def test_a_diary_found_clean_is_not_scanned_again_while_unchanged(cli, db_path) -> None:
    from tracker.storage.stored_values import StoredValueError, refuse_foreign_values

    edited_diary(cli, db_path, "UPDATE day SET note = 'long day' WHERE note = 'long day'")
    _aged(db_path)
    refuse_foreign_values(db_path)  # clean: remembered by the file's size and times
    unchanged = db_path.stat()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE factor_entry SET value = -95 WHERE id = 1")
    conn.close()
    # An edit that put the file's times back exactly is the one kind the memory cannot see:
    # it proves the second read trusted the first scan instead of scanning again.
    os.utime(db_path, ns=(unchanged.st_atime_ns, unchanged.st_mtime_ns))
    assert db_path.stat().st_size == unchanged.st_size
    refuse_foreign_values(db_path)
    with pytest.raises(StoredValueError, match="field value: -95"):
        refuse_foreign_values(db_path, trust_earlier_check=False)
    os.utime(db_path)  # any write moves the time: scanned again
    with pytest.raises(StoredValueError, match="field value: -95"):
        refuse_foreign_values(db_path)


MEDICATION_EDITS = [
    ("UPDATE medication SET started = 'bogus'", "started", "'bogus'"),
    ("UPDATE medication SET stopped = '2026-02-30'", "stopped", "'2026-02-30'"),
    ("UPDATE medication SET created_at = 'soon'", "created_at", "'soon'"),
    ("UPDATE medication SET stopped = '2026-01-01'", "stopped", "'2026-01-01'"),  # before its start
    ("UPDATE medication SET name = ''", "name", "''"),
]


@pytest.mark.parametrize(("sql", "field", "value"), MEDICATION_EDITS, ids=[edit[1] for edit in MEDICATION_EDITS])
@pytest.mark.parametrize("argv", [["med", "list"], ["analyze"], ["export", "csv"]], ids=" ".join)
def test_a_medication_edited_by_hand_is_named_not_passed_on(cli, db_path, sql, field, value, argv) -> None:
    assert cli("med", "add", "prednisolone", "--dose", "20 mg", "--started", "2026-11-01").code == 0
    assert cli("log", "twitch").code == 0
    conn = sqlite3.connect(db_path)
    with conn:
        assert conn.execute(sql).rowcount == 1
    conn.close()
    result = cli(*argv)
    assert result.code == 2 and result.err.count("\n") == 1 and "Traceback" not in result.err, result.err
    assert "table medication, id 1" in result.err and f"field {field}: {value}" in result.err, result.err
