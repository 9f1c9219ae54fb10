"""The check that refuses a write-ahead log which does not belong to its diary covers an encrypted
diary too: a log from the diary's later life beside an older copy of the file, or the log of
another encrypted diary, is refused in one line, both files untouched, before SQLCipher replays it;
the encrypted diary's own log is still replayed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlmodel import Session

from tracker.storage import store
from tracker.storage.engine import open_database
from tracker.storage.keys import is_encrypted
from tracker.storage.models import EpisodeCreate

pytestmark = pytest.mark.usefixtures("frozen")


def encrypted_diary(cli, path: Path) -> None:  # type: ignore[no-untyped-def]
    for minute in range(3):
        assert cli("log", "twitch", "--at", f"07:0{minute}", "--note", "early", db=path).code == 0
    assert cli("db", "encrypt", db=path).code == 0
    assert is_encrypted(path)


def live_log(path: Path, minute: int) -> bytes:
    """A twitch written by a tracker still running, and its log as a backup tool copies it then."""
    engine = open_database(path)
    try:
        with Session(engine) as session:
            at = dt.datetime(2026, 11, 23, 9, minute, tzinfo=dt.UTC)
            store.add_episode(session=session, episode_in=EpisodeCreate(started_at=at, location="eyelid", side="left"))
            session.commit()
            return path.with_name(path.name + "-wal").read_bytes()
    finally:
        engine.dispose()


def refused_untouched(cli, path: Path) -> None:  # type: ignore[no-untyped-def]
    wal = path.with_name(path.name + "-wal")
    before = (path.read_bytes(), wal.read_bytes())
    for argv in (["list"], ["log", "twitch"], ["export", "csv"]):
        done = cli(*argv, db=path)
        assert done.code == 2 and done.err.count("\n") == 1 and "Traceback" not in done.err, done.err
        assert "write-ahead log" in done.err, done.err
        assert (path.read_bytes(), wal.read_bytes()) == before


def test_a_later_log_beside_an_older_encrypted_copy_is_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "diary.db"
    encrypted_diary(cli, path)
    old = tmp_path / "old.db"
    shutil.copy(path, old)  # the diary as it was (no log beside it: the last run folded it in)
    assert cli("log", "twitch", "--at", "08:00", "--note", "later", db=path).code == 0
    assert cli("log", "stress", "4", db=path).code == 0
    later = live_log(path, 0)
    shutil.copy(old, path)  # the old copy goes back beside the current log
    path.with_name("diary.db-wal").write_bytes(later)

    refused_untouched(cli, path)


def test_the_log_of_another_encrypted_diary_is_refused(cli, tmp_path: Path) -> None:
    path, other = tmp_path / "diary.db", tmp_path / "other" / "diary.db"
    other.parent.mkdir()
    encrypted_diary(cli, path)
    encrypted_diary(cli, other)  # the same passphrase, another key
    stray = live_log(other, 1)
    path.with_name("diary.db-wal").write_bytes(stray)

    refused_untouched(cli, path)


def test_the_encrypted_diarys_own_log_is_still_replayed(cli, tmp_path: Path) -> None:
    path = tmp_path / "diary.db"
    encrypted_diary(cli, path)
    own = live_log(path, 2)  # as a crash would leave it: the log not folded into the file
    path.with_name("diary.db-wal").write_bytes(own)

    listed = cli("export", "csv", "--episodes", db=path)

    assert listed.code == 0, listed.err
    assert listed.out.count("\n") == 5  # the header, three early twitches and the one only in the log
