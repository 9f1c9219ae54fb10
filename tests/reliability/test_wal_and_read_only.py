"""A write-ahead log that does not belong to the file is refused before anything reads it, and
both files stay byte for byte as they were; a command that only reads never changes the file;
the open check finds an index that no longer matches its table.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from tracker.cli import main

pytestmark = pytest.mark.usefixtures("frozen")

READ_ONLY = [
    ["list", "--from", "2026-01-01"], ["analyze"], ["chart", "-o", "OUT/c.png"], ["report", "-o", "OUT/r.pdf"],
    ["export", "csv"], ["export", "csv", "--episodes", "-o", "OUT/e.csv"], ["export", "visit", "OUT/visit"],
    ["db", "check"], ["factor", "list"], ["preset", "list"], ["intervention", "list"],
]  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    return code, capsys.readouterr().err


def snapshot(*paths: Path) -> list[tuple[bytes, int]]:
    return [(path.read_bytes(), path.stat().st_mode) for path in paths]


def log_many(capsys, path: Path, tag: str, count: int, *, note_size: int = 0) -> None:
    for number in range(count):
        note = f"{tag}{number}".ljust(note_size, ".")
        code, err = run(capsys, "--db", str(path), "log", "twitch", "--at", f"07:{number:02d}", "--note", note)
        assert code == 0, err


def stale_wal_beside_restored_copy(capsys, tmp_path: Path, *, restore_from: str) -> Path:
    """The recipe: copy the diary, keep logging, copy the log a running tracker holds, restore."""
    path = tmp_path / "tracker.db"
    log_many(capsys, path, "early", 60, note_size=1500)  # about two entries a page
    copy = tmp_path / "copy.db"
    if restore_from == "db backup":
        assert run(capsys, "--db", str(path), "db", "backup", str(copy))[0] == 0
    else:
        shutil.copy(path, copy)
    log_many(capsys, path, "middle", 30)  # the diary goes on (and grows) after the copy
    assert run(capsys, "--db", str(path), "delete", *(f"e{n}" for n in range(1, 41)))[0] == 0
    # A tracker still running (the TUI, say) holds its log open: copy it as a person's backup tool would.
    from sqlmodel import Session

    from tracker.storage import store
    from tracker.storage.engine import open_database
    from tracker.storage.models import EpisodeCreate

    engine = open_database(path)
    with Session(engine) as session:
        for minute in range(40):
            at = dt.datetime(2026, 11, 23, 12, minute, tzinfo=dt.UTC)
            episode = EpisodeCreate(started_at=at, location="eyelid", side="left", intensity=2, note="later" * 40)
            store.add_episode(session=session, episode_in=episode)
            session.commit()
        stale = tmp_path / "stale-wal"
        shutil.copy(path.with_name("tracker.db-wal"), stale)
    engine.dispose()
    shutil.copy(copy, path)
    shutil.copy(stale, path.with_name("tracker.db-wal"))
    return path


@pytest.mark.parametrize("restore_from", ["db backup", "cp"])
@pytest.mark.parametrize("argv", [["list"], ["log", "twitch"], ["export", "csv"], ["db", "check"], ["db", "backup"]])
def test_a_stale_wal_beside_a_restored_file_is_refused_and_both_stay_untouched(
    capsys, tmp_path, restore_from: str, argv: list[str]
) -> None:
    path = stale_wal_beside_restored_copy(capsys, tmp_path, restore_from=restore_from)
    wal = path.with_name("tracker.db-wal")
    before = snapshot(path, wal)
    mtimes = (path.stat().st_mtime_ns, wal.stat().st_mtime_ns)
    code, err = run(capsys, "--db", str(path), *argv)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert "write-ahead log" in err or "index" in err, err
    assert snapshot(path, wal) == before
    assert (path.stat().st_mtime_ns, wal.stat().st_mtime_ns) == mtimes
    assert not list(tmp_path.glob("tracker.*.backup.db"))


def test_a_wal_left_by_a_crash_is_still_replayed(capsys, tmp_path) -> None:
    """The same checks never refuse the log of the file's own last session."""
    path = tmp_path / "tracker.db"
    log_many(capsys, path, "before", 5)
    from sqlmodel import Session

    from tracker.storage import store
    from tracker.storage.engine import open_database
    from tracker.storage.models import EpisodeCreate

    engine = open_database(path)
    with Session(engine) as session:
        for minute in range(60):
            at = dt.datetime(2026, 11, 23, 13, minute, tzinfo=dt.UTC)
            episode = EpisodeCreate(started_at=at, location="cheek", side="right", intensity=3, note="x" * 300)
            store.add_episode(session=session, episode_in=episode)
            session.commit()
        # A crash: the file and its log as they are at this moment, the process gone.
        crashed = tmp_path / "crashed"
        crashed.mkdir()
        shutil.copy(path, crashed / "tracker.db")
        shutil.copy(path.with_name("tracker.db-wal"), crashed / "tracker.db-wal")
    engine.dispose()
    code, err = run(capsys, "--db", str(crashed / "tracker.db"), "log", "twitch", "--note", "after the crash")
    assert code == 0, err
    conn = sqlite3.connect(crashed / "tracker.db")
    assert conn.execute("SELECT count(*) FROM episode").fetchone()[0] == 5 + 60 + 1
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("source", ["diary", "backup copy"])
@pytest.mark.parametrize("argv", READ_ONLY, ids=" ".join)
def test_a_command_that_only_reads_never_changes_the_file(capsys, tmp_path, source: str, argv: list[str]) -> None:
    path = tmp_path / "tracker.db"
    log_many(capsys, path, "n", 3)
    assert run(capsys, "--db", str(path), "log", "caffeine", "95")[0] == 0
    if source == "backup copy":  # a rollback-journal file: opening it for writing would switch it to WAL
        copy = tmp_path / "copy.db"
        assert run(capsys, "--db", str(path), "db", "backup", str(copy))[0] == 0
        path = copy
    (tmp_path / "OUT").mkdir()
    before = snapshot(path)
    mtime = path.stat().st_mtime_ns
    os.utime(path, ns=(mtime, mtime))
    code, err = run(capsys, "--db", str(path), *[arg.replace("OUT", str(tmp_path / "OUT")) for arg in argv])
    assert code == 0, err
    assert snapshot(path) == before and path.stat().st_mtime_ns == mtime


def test_an_index_that_no_longer_matches_its_table_is_found_on_open(capsys, tmp_path) -> None:
    """What a log replayed onto the wrong copy leaves once another program has checkpointed it:
    a page of one version of the file inside another (here the index's only page)."""
    path = tmp_path / "tracker.db"
    log_many(capsys, path, "n", 30)
    other = tmp_path / "other.db"
    shutil.copy(path, other)
    with sqlite3.connect(other) as conn:
        conn.execute("DELETE FROM episode WHERE id <= 10")
    conn.close()
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'ix_episode_local_date'").fetchone()[0]
    conn.close()
    offset = (root - 1) * page_size
    data = bytearray(path.read_bytes())
    data[offset : offset + page_size] = other.read_bytes()[offset : offset + page_size]
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"  # all the open checked until now
    assert "missing from index" in conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    before = path.read_bytes()
    for argv in (["log", "twitch"], ["list"], ["export", "csv"]):
        code, err = run(capsys, "--db", str(path), *argv)
        assert code == 2 and err.count("\n") == 1 and "index ix_episode_local_date" in err, err
        assert path.read_bytes() == before
