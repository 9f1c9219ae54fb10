"""A restore checks what it is given before anything is changed: a copy that every command
would then refuse, a folder with something odd in it, a diary that cannot be written."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from contextlib import closing
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import LONDON

MON = dt.date(2026, 11, 23)


def at(day: dt.date, hour: int = 9) -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(LONDON)), tick=False)


@pytest.fixture(autouse=True)
def _copies_taken_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_BACKUPS", "off")


def state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("[!.]*") if p.is_file()}


def test_a_hand_edited_copy_is_refused_naming_the_value(cli, db_path, tmp_path) -> None:
    with at(MON):
        assert cli("log", "twitch", "--location", "eyelid", "--side", "left", "--intensity", "3").code == 0
        assert cli("db", "backup", str(tmp_path / "edited.db")).code == 0
    with sqlite3.connect(tmp_path / "edited.db") as conn:
        conn.execute("UPDATE episode SET intensity = 99")
    conn.close()
    before = state(db_path.parent)
    with at(MON, 10):
        refused = cli("db", "restore", str(tmp_path / "edited.db"))
        assert refused.code == 2 and refused.err.count("\n") == 1, refused.err
        assert "field intensity: 99" in refused.err and "cannot be restored" in refused.err, refused.err
        assert state(db_path.parent) == before
        assert cli("export", "csv", "--episodes").code == 0  # the diary still reads


def test_a_fifo_or_a_dangling_link_among_the_backups_breaks_nothing(cli, db_path) -> None:
    folder = db_path.parent / "backups"
    folder.mkdir(mode=0o700)
    with at(MON):
        assert cli("log", "caffeine", "95").code == 0
        assert cli("db", "backup", str(folder)).code == 0
    os.mkfifo(folder / "tracker.20261123-100000-000000.backup.db")  # would hang whoever opens it
    (folder / "tracker.20261123-110000-000000.backup.db").symlink_to(folder / "gone.db")
    with at(MON, 12):
        listed = cli("db", "backups")
        assert listed.code == 0 and len(listed.out.splitlines()) == 1 and "1 entry" in listed.out, listed.out
        done = cli("db", "restore", "--latest")
    assert done.code == 0, done.err
    assert "restored tracker.20261123-090000-000000Z.backup.db" in done.out, done.out


def test_a_read_only_diary_is_refused_before_anything_is_copied(cli, db_path) -> None:
    with at(MON):
        assert cli("log", "caffeine", "95").code == 0
        assert cli("db", "backup").code == 0
        assert cli("log", "stress", "4").code == 0
    db_path.chmod(0o444)
    before = state(db_path.parent)
    with at(MON, 10):
        refused = cli("db", "restore", "--latest")
    assert refused.code == 2 and refused.err.count("\n") == 1 and "read-only" in refused.err, refused.err
    assert state(db_path.parent) == before and oct(db_path.stat().st_mode & 0o777) == "0o444"


def test_a_diary_that_does_not_check_out_is_kept_owner_only(cli, db_path) -> None:
    with at(MON):
        assert cli("log", "caffeine", "95").code == 0
        assert cli("db", "backup").code == 0
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE made_by_hand (x)")  # no longer the tables tracker makes
    conn.close()
    db_path.chmod(0o640)
    with at(MON, 10):
        done = cli("db", "restore", "--latest")
    assert done.code == 0, done.err
    kept = Path(done.out.splitlines()[0].removeprefix("the diary as it was is kept in "))
    assert kept.exists() and oct(kept.stat().st_mode & 0o777) == "0o600"
    with closing(sqlite3.connect(kept)) as reading:
        assert "made_by_hand" in {row[0] for row in reading.execute("SELECT name FROM sqlite_master")}
