"""`db encrypt` stopped part-way (killed, or the disk full) leaves either the diary as it was, with
no new plain copy of it, or the diary encrypted; then the next command encrypts the backups left
plain and removes what the conversion half wrote. Its message says which of the two happened."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import fill_disk
from tracker.storage.keys import is_encrypted

SECRET = b"SECRETNOTE zebra"


def _holding_the_note(folder: Path) -> set[str]:
    """The files under `folder` that hold the note in the clear."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and SECRET in p.read_bytes()}


def _half_written(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if ".converting" in p.name)


def _a_diary_with_a_plain_backup(cli, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    monkeypatch.delenv("TRACKER_BACKUPS")  # the daily copies too, as a person's diary has them
    assert cli("log", "note", SECRET.decode(), "--date", "2026-11-23").code == 0
    assert cli("db", "backup").code == 0
    plain = _holding_the_note(db_path.parent)
    assert "tracker.db" in plain and any(".backup" in name for name in plain)
    return plain


def _then_all_encrypted(cli, db_path: Path) -> None:
    """The next command on the encrypted diary finishes: nothing left plain, nothing half written."""
    assert is_encrypted(db_path)
    assert cli("list", db=db_path).code == 0
    assert _holding_the_note(db_path.parent) == set()
    assert _half_written(db_path.parent) == []
    assert cli("db", "check", db=db_path).code == 0


# Each place a disk can fill: writing the encrypted diary, encrypting an old backup, the new backup.
FULL_AT = ["the diary", "an old backup", "the new backup"]


@pytest.mark.parametrize("where", FULL_AT)
def test_a_full_disk_says_what_happened_and_leaves_no_plain_copy(
    cli, db_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    from tracker.storage import cipher, engine

    plain = _a_diary_with_a_plain_backup(cli, db_path, monkeypatch)
    real_export, real_backup = cipher._export, engine.backup_database

    def full_disk() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    def export(source: Path, source_key: bytes | None, target: Path, target_key: bytes | None) -> None:
        real_export(source, source_key, target, target_key)  # written, then the disk fills
        if (where == "the diary") == (source == db_path):
            full_disk()

    def backup(*args: object, **kwargs: object) -> Path:
        full_disk()
        return real_backup(*args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        if where == "the new backup":
            patch.setattr(engine, "backup_database", backup)
        else:
            patch.setattr(cipher, "_export", export)
        done = cli("db", "encrypt")
    assert done.code != 0 and done.err.count("\n") == 1, done.err
    assert "space" in done.err, done.err
    if where == "the diary":
        assert "nothing was" in done.err and not is_encrypted(db_path)
        assert _holding_the_note(db_path.parent) == plain  # no new plain copy
        assert _half_written(db_path.parent) == []
        assert cli("db", "encrypt").code == 0
    else:
        assert "nothing was changed" not in done.err and f"encrypted {db_path}" in done.err, done.err
    _then_all_encrypted(cli, db_path)


_STOP = """
import os, signal, sys
from tracker.storage import cipher, engine
from tracker.cli import main
where = sys.argv[1]
real_export, real_replace, real_backup = cipher._export, os.replace, engine.backup_database
exports = []
def export(source, source_key, target, target_key):
    real_export(source, source_key, target, target_key)
    exports.append(target)
    if where == "an old backup half written" and len(exports) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    if where == "the diary written" and len(exports) == 1:
        os.kill(os.getpid(), signal.SIGKILL)
def replace(src, dst, *args, **kwargs):
    real_replace(src, dst, *args, **kwargs)
    if where == "the diary swapped" and str(src).endswith(".converting"):
        os.kill(os.getpid(), signal.SIGKILL)
def backup(*args, **kwargs):
    if where == "the new backup":
        os.kill(os.getpid(), signal.SIGKILL)
    return real_backup(*args, **kwargs)
cipher._export, cipher.os.replace, engine.backup_database = export, replace, backup
sys.exit(main(["--db", sys.argv[2], "db", "encrypt"]))
"""


@pytest.mark.parametrize(
    "where", ["the diary written", "the diary swapped", "an old backup half written", "the new backup"]
)
def test_a_killed_encrypt_leaves_nothing_plain_once_the_diary_is_encrypted(
    cli, db_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    plain = _a_diary_with_a_plain_backup(cli, db_path, monkeypatch)
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    killed = subprocess.run([sys.executable, "-c", _STOP, where, str(db_path)], env=env, capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    if not is_encrypted(db_path):  # stopped before the rename: as it was, no new plain copy
        assert _holding_the_note(db_path.parent) == plain
        assert cli("db", "encrypt").code == 0
    _then_all_encrypted(cli, db_path)


@pytest.mark.parametrize("room", [0.5, 1.0, 1.5, 2.0, 3.0])
def test_on_a_small_disk_encrypt_is_all_or_says_so(
    cli, small_disk: Path, monkeypatch: pytest.MonkeyPatch, room: float
) -> None:
    monkeypatch.delenv("TRACKER_BACKUPS")
    db = small_disk / "d.db"
    assert cli("log", "note", SECRET.decode(), "--date", "2026-11-23", db=db).code == 0
    assert cli("db", "backup", db=db).code == 0
    plain = _holding_the_note(small_disk)
    filler = fill_disk(small_disk)  # then room for `room` times the diary
    os.truncate(filler, max(0, filler.stat().st_size - int(room * db.stat().st_size)))
    done = cli("db", "encrypt", db=db)
    assert "key does not open" not in done.err, done.err
    if is_encrypted(db):
        assert "nothing was changed" not in done.err, done.err
        filler.unlink()
        _then_all_encrypted(cli, db)
    else:
        assert done.code == 2 and ("disk is full" in done.err or "space" in done.err), done.err
        assert _holding_the_note(small_disk) == plain  # no new plain copy
        assert _half_written(small_disk) == []


@pytest.mark.parametrize("then", [["log", "note", "after"], ["db", "encrypt"]])
def test_the_next_command_removes_a_killed_encrypts_half_made_copy_and_says_so(
    cli, db_path: Path, monkeypatch: pytest.MonkeyPatch, then: list[str]
) -> None:
    _a_diary_with_a_plain_backup(cli, db_path, monkeypatch)
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    killed = subprocess.run(
        [sys.executable, "-c", _STOP, "the diary written", str(db_path)], env=env, capture_output=True
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not is_encrypted(db_path) and _half_written(db_path.parent)  # a whole encrypted diary, hidden beside it
    done = cli(*then)
    assert done.code == 0, done.err
    assert "removed .tracker.db.converting" in done.err and "not changed" in done.err, done.err
    assert _half_written(db_path.parent) == []
    assert not (db_path.parent / ".tracker.db.open").exists()  # nor the lock file, once nobody has it open


def test_encrypt_and_restore_leave_no_lock_file_beside_the_diary(cli, db_path: Path) -> None:
    assert cli("log", "note", "begun", "--date", "2026-11-23").code == 0
    assert cli("db", "backup").code == 0
    assert cli("db", "encrypt").code == 0
    assert not (db_path.parent / ".tracker.db.open").exists()
    copy = next(p for p in db_path.parent.iterdir() if p.name.endswith(".backup.db"))
    restored = cli("db", "restore", str(copy))
    assert restored.code == 0, restored.err
    assert not (db_path.parent / ".tracker.db.open").exists()


def test_encrypt_names_a_plain_copy_put_among_the_backups_by_hand(cli, db_path: Path) -> None:
    assert cli("log", "note", SECRET.decode(), "--date", "2026-11-23").code == 0
    folder = db_path.parent / "backups"
    folder.mkdir()
    hand = folder / "handcopy.db"
    hand.write_bytes(db_path.read_bytes())
    done = cli("db", "encrypt")
    assert done.code == 0, done.err
    [left] = [line for line in done.out.splitlines() if line.startswith("left plain")]
    assert str(hand) in left, done.out
    assert SECRET in hand.read_bytes()  # the person's own file, never rewritten
