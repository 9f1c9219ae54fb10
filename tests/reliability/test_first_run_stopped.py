"""A first run stopped before it wrote anything leaves an empty file at the diary's path: every
command treats it as a diary not created yet, and the next write creates the diary in it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.processes import tracker_process

pytestmark = pytest.mark.slow


def _stopped_first_run(diary: Path, env: dict[str, str]) -> bool:
    """Start the very first `tracker log` on `diary` and SIGKILL it the moment its file appears;
    True when what it left is the empty file (the kill may land later on a loaded machine)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(diary), "log", "caffeine", "95"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        while process.poll() is None and not diary.exists():
            time.sleep(0.0005)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    return diary.exists() and diary.stat().st_size == 0


def test_an_empty_file_a_killed_first_run_left_is_a_diary_not_created_yet(tmp_path) -> None:
    env = {**os.environ, "TRACKER_BACKUPS": "off"}
    diary = tmp_path / "my diary #1 ?%.db"
    for _ in range(5):
        for leftover in tmp_path.iterdir():
            leftover.unlink()
        if _stopped_first_run(diary, env):
            break
    else:
        pytest.skip("the kill never landed before the first page was written")
    reminded = tracker_process("--db", str(diary), "remind", env=env)
    assert (reminded.returncode, reminded.stdout.strip()) == (1, "Nothing logged today — t to log a twitch, n for none")
    listed = tracker_process("--db", str(diary), "list", env=env)
    assert listed.returncode == 2 and "corrupt" not in listed.stderr and "no diary in" in listed.stderr, listed.stderr
    assert diary.stat().st_size == 0  # reading changed nothing
    logged = tracker_process("--db", str(diary), "log", "caffeine", "95", env=env)
    assert logged.returncode == 0, logged.stderr
    listed = tracker_process("--db", str(diary), "list", env=env)
    assert listed.returncode == 0 and "caffeine 95 mg" in listed.stdout, listed.stdout + listed.stderr


def test_a_restore_into_an_empty_file_keeps_no_empty_copy_of_it(cli, tmp_path) -> None:
    diary, other = tmp_path / "diary.db", tmp_path / "elsewhere" / "diary.db"
    other.parent.mkdir()
    assert cli("log", "caffeine", "95", db=other).code == 0
    copy = tmp_path / "copy.db"
    assert cli("db", "backup", str(copy), db=other).code == 0
    diary.touch(mode=0o600)
    restored = cli("db", "restore", str(copy), db=diary)
    assert restored.code == 0, restored.err
    assert list((tmp_path / "backups").glob("*damaged*")) == []  # no "damaged diary" that was never one
    assert "caffeine 95 mg" in cli("list", db=diary).out
