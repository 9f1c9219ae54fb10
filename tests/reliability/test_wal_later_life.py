"""A write-ahead log from the same diary's later life (written after a checkpoint, by writes
that did not grow the file) beside an older copy of the file is refused, both files untouched;
the log a crashed writer leaves is still replayed with every committed entry.
"""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli import main

pytestmark = pytest.mark.usefixtures("frozen")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    return code, capsys.readouterr().err


def log(capsys, path: Path, *argv: str) -> None:
    code, err = run(capsys, "--db", str(path), "log", *argv)
    assert code == 0, err


def episode_count(path: Path) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM episode").fetchone()[0]
    finally:
        conn.close()


def test_a_later_log_beside_an_older_copy_is_refused(capsys, tmp_path) -> None:
    path = tmp_path / "diary.db"
    for minute in range(3):
        log(capsys, path, "twitch", "--at", f"07:0{minute}", "--note", "early")
    old = tmp_path / "old.db"
    shutil.copy(path, old)  # the diary as it was (no log beside it: the last run folded it in)
    # The diary goes on: small entries that fit the pages it has, each run checkpointed on exit.
    log(capsys, path, "twitch", "--at", "08:00", "--note", "later")
    log(capsys, path, "stress", "4")
    # A tracker still running holds its log open; a backup tool copies the log as it is then.
    from sqlmodel import Session

    from tracker.storage import store
    from tracker.storage.engine import open_database
    from tracker.storage.models import EpisodeCreate

    engine = open_database(path)
    with Session(engine) as session:
        at = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
        store.add_episode(session=session, episode_in=EpisodeCreate(started_at=at, location="eyelid", side="left"))
        session.commit()
        later_wal = (tmp_path / "diary.db-wal").read_bytes()
    engine.dispose()
    # The old copy goes back beside the current log.
    shutil.copy(old, path)
    wal = tmp_path / "diary.db-wal"
    wal.write_bytes(later_wal)
    before = (path.read_bytes(), wal.read_bytes())
    for argv in (["list"], ["log", "twitch"], ["export", "csv"]):
        code, err = run(capsys, "--db", str(path), *argv)
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
        assert "write-ahead log" in err, err
        assert (path.read_bytes(), wal.read_bytes()) == before


WRITER = """
import sys
from sqlmodel import Session
from tracker.storage import store
from tracker.storage.engine import open_database
from tracker.storage.models import EpisodeCreate
import datetime as dt

engine = open_database(sys.argv[1])
for number in range(10_000):
    with Session(engine) as session:
        at = dt.datetime(2026, 11, 20, tzinfo=dt.UTC) + dt.timedelta(minutes=number)
        store.add_episode(session=session, episode_in=EpisodeCreate(started_at=at, location="cheek", side="right"))
        session.commit()
    print(number + 1, flush=True)
"""


def test_a_writer_killed_mid_use_leaves_a_log_that_is_replayed(capsys, tmp_path) -> None:
    path = tmp_path / "diary.db"
    log(capsys, path, "twitch", "--at", "07:00")
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    acknowledged = 0
    for line in writer.stdout:  # kill once enough commits are acknowledged to span a checkpoint
        acknowledged = int(line)
        if acknowledged >= 1200:
            break
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert (tmp_path / "diary.db-wal").stat().st_size > 0  # the killed writer left its log
    log(capsys, path, "twitch", "--note", "after the crash")
    assert episode_count(path) >= 1 + acknowledged + 1
