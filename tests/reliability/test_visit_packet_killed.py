"""A visit packet killed half-way leaves nothing behind once the next export of it has run.

Killed while writing, an export left a hidden `.NAME.….tmp` folder of health data beside the
packet, and every later export of the same packet left it there for good.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.processes import tracker_process
from tracker.report.visit_packet import PACKET_FILES

pytestmark = pytest.mark.slow


def _kill_while_staging(db: Path, packet: Path) -> list[Path]:
    """Start an export, SIGKILL it once its hidden staging folder exists; the folders left."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(db), "export", "visit", str(packet)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "MPLBACKEND": "Agg"},
    )  # fmt: skip
    try:
        while process.poll() is None and not list(packet.parent.glob(f".{packet.name}.*.tmp")):
            time.sleep(0.005)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    return list(packet.parent.glob(f".{packet.name}.*.tmp"))


def test_the_next_export_removes_what_a_killed_one_left(tmp_path) -> None:
    db = tmp_path / "diary.db"
    assert tracker_process("--db", str(db), "demo", "--days", "30").returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    packet = out / "visit"
    for _ in range(5):  # the export may finish before the kill lands: try again
        if _kill_while_staging(db, packet):
            break
    else:
        pytest.skip("every export finished before it could be killed")
    assert not packet.exists()
    assert tracker_process("--db", str(db), "export", "visit", str(packet)).returncode == 0
    assert sorted(path.name for path in out.iterdir()) == ["visit"]
    assert sorted(path.name for path in packet.iterdir()) == sorted(PACKET_FILES)


def test_a_packet_another_export_is_still_writing_is_left_alone(tmp_path) -> None:
    db = tmp_path / "diary.db"
    assert tracker_process("--db", str(db), "log", "twitch").returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    writer = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        busy = out / f".visit.{writer.pid}.abcd.tmp"  # as a running export names its staging folder
        busy.mkdir()
        assert tracker_process("--db", str(db), "export", "visit", str(out / "visit")).returncode == 0
        assert busy.is_dir()
    finally:
        writer.communicate("")
