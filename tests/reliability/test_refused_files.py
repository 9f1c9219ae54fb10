"""A corrupt file, a file that is not a database and a read-only database at --db: every command
refuses with one line and exit 2, and leaves the file byte-for-byte as it was, with no backup
or other file of tracker's created beside it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tracker.cli import main

pytestmark = pytest.mark.usefixtures("frozen")

COMMANDS = [
    ["log", "twitch"], ["log", "caffeine", "95"], ["list"], ["export", "csv"], ["import", "csv", "GOOD_CSV"],
    ["db", "check"], ["db", "backup"], ["db", "upgrade"], ["demo", "--days", "7"], ["factor", "list"], ["undo"],
    ["delete", "e1"], ["intervention", "start", "magnesium"], ["analyze"],
]  # fmt: skip


def _make(kind: str, folder: Path) -> Path:
    path = folder / "tracker.db"
    if kind == "text file":
        path.write_text("my shopping list\nmilk\n")
        return path
    if kind == "foreign sqlite":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO photos (name) VALUES ('holiday.jpg')")
        conn.commit()
        conn.close()
        return path
    assert main(["--db", str(path), "log", "twitch", "--note", "x" * 3000]) == 0
    for minute in range(60):
        assert main(["--db", str(path), "log", "twitch", "--at", f"07:{minute:02d}", "--note", "y" * 2000]) == 0
    if kind == "corrupt":
        data = bytearray(path.read_bytes())
        data[4096 * 5 : 4096 * 5 + 1500] = b"\xa5" * 1500  # scribble over a b-tree page
        path.write_bytes(bytes(data))
    elif kind == "read-only":
        path.chmod(0o400)
    return path


@pytest.mark.parametrize("kind", ["corrupt", "text file", "foreign sqlite", "read-only"])
def test_every_command_refuses_the_file_and_leaves_it_untouched(capsys, tmp_path, kind: str) -> None:
    path = _make(kind, tmp_path)
    good_csv = tmp_path / "good.csv"
    good_csv.write_text("date,caffeine_mg\n2026-11-01,95\n")
    before = path.read_bytes()
    neighbours = os.listdir(tmp_path)
    for argv in COMMANDS:
        argv = [str(good_csv) if arg == "GOOD_CSV" else arg for arg in argv]
        capsys.readouterr()
        code = main(["--db", str(path), *argv])
        err = capsys.readouterr().err
        assert code == 2, (argv, code, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("tracker: error: ") and "Traceback" not in err, (argv, err)
        assert str(path) in lines[0] or path.name in lines[0], (argv, err)  # it says which file
        assert path.read_bytes() == before, argv
        # SQLite itself adds an empty -wal and a -shm when it reads a WAL-mode file, even read-only;
        # nothing else may appear (no backup of a file we refused, no half-made database).
        created = set(os.listdir(tmp_path)) - set(neighbours)
        assert created <= {"tracker.db-wal", "tracker.db-shm"}, (argv, created)
        assert not (tmp_path / "tracker.db-wal").exists() or (tmp_path / "tracker.db-wal").stat().st_size == 0
