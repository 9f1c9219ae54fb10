"""A write the disk refuses says so in one line, exits 2 and leaves the diary as it was,
however little room is left: the second write on a nearly full disk too."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import fill_disk
from tests.helpers.processes import row_counts, table_rows, tracker_process

# Writes a person types often, each through its own path: the quick standard-library log
# (twitch, factor, note, none), the store (red flag, onset, medication, undo).
WRITES = (
    ["log", "twitch", "--note", "on a full disk"],
    ["log", "caffeine", "1"],
    ["log", "note", "hi"],
    ["log", "none", "--date", "2026-11-20"],
    ["log", "redflag", "drooping"],
    ["onset", "2026-10-01"],
    ["med", "add", "propranolol"],
    ["undo"],
)
TABLES = ("episode", "factor_entry", "day", "red_flag", "medication", "diary_setting", "action")


def _leave_free(folder: Path, kilobytes: int) -> None:
    """Fill the file system of `folder`, then give back `kilobytes`: room for a little, not a write's all."""
    filler = fill_disk(folder)
    os.truncate(filler, max(0, filler.stat().st_size - kilobytes * 1024))


def _everything(db: Path, spare: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row the diary holds, committed: read from a copy of its files on another disk (a
    reader on the full one could not make the shared-memory file it needs)."""
    for name in (db.name, db.name + "-wal"):
        (spare / name).unlink(missing_ok=True)
        if (db.parent / name).exists():
            shutil.copyfile(db.parent / name, spare / name)
    return {table: table_rows(spare / db.name, table) for table in TABLES}


@pytest.mark.parametrize("free_kb", [24, 40, 56])
def test_every_refused_write_says_the_disk_is_full_and_writes_nothing(
    small_disk: Path, tmp_path: Path, free_kb: int
) -> None:
    db = small_disk / "tracker.db"
    for first in (["log", "none", "--date", "2026-11-19"], ["log", "caffeine", "2", "--date", "2026-11-19"]):
        assert tracker_process("--db", str(db), *first).returncode == 0
    _leave_free(small_disk, free_kb)
    refused = 0
    for command in WRITES:
        before = _everything(db, tmp_path)
        done = tracker_process("--db", str(db), *command)
        if done.returncode == 0:
            continue  # there was room for this one
        refused += 1
        said = done.stderr
        assert done.returncode == 2, (command, said)
        assert said.count("\n") == 1 and "Traceback" not in said, (command, said)
        assert "disk" in said and ("nothing was" in said or "left untouched" in said), (command, said)
        assert "rollback" not in said and "transaction" not in said, (command, said)  # SQLite's words, not ours
        assert done.stdout == "", (command, done.stdout)  # no "added ..." for a write that never was
        assert _everything(db, tmp_path) == before, command
    assert refused, "the disk had room for every write: nothing was tried"
    (small_disk / "filler").unlink()
    assert row_counts(db)["factor_entry"] >= 1  # the diary still opens, with what was there
