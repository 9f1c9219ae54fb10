"""What tracker prints to a terminal shows stored text and never acts on it; an error line is
one line even when stderr cannot be written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.core.formatting import terminal_safe

pexpect = pytest.importorskip("pexpect")

HOSTILE = "ok\r\x1b[2K\x1b[1Ano twitches \x1b]0;pwned\x07\u202eevil"


def test_terminal_safe_shows_what_a_terminal_would_act_on() -> None:
    shown = terminal_safe(HOSTILE + "\tand\nmore")
    assert "\x1b" not in shown and "\r" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert shown.startswith("ok\\x0d\\x1b[2K") and "\\u202e" in shown
    assert "\tand\nmore" in shown  # a tab and a line break are text


def _tracker(*args: str, db: Path) -> list[str]:
    return [sys.executable, "-m", "tracker", "--db", str(db), *args]


def test_list_on_a_terminal_escapes_a_hostile_note_and_a_pipe_gets_it_as_stored(tmp_path) -> None:
    db = tmp_path / "diary.db"
    logged = subprocess.run(_tracker("log", "twitch", "--note", HOSTILE, db=db), capture_output=True, text=True)
    assert logged.returncode == 0, logged.stderr
    child = pexpect.spawn(sys.executable, ["-m", "tracker", "--db", str(db), "list"], env=dict(os.environ))
    child.expect(pexpect.EOF, timeout=60)
    on_terminal = child.before.decode()
    assert "no twitches" in on_terminal and "\\x1b[1A" in on_terminal
    assert "\x1b" not in on_terminal and "\x07" not in on_terminal
    piped = subprocess.run(_tracker("list", "--json", db=db), capture_output=True, text=True)
    assert piped.returncode == 0 and '"note": "ok\\r\\u001b[2K' in piped.stdout  # stored as typed


def test_a_pipe_to_a_terminal_gets_notes_escaped_and_the_csv_export_gets_them_as_stored(tmp_path) -> None:
    # `tracker list | less -R` or `| cat` ends on a terminal too: a note imported from a hostile file
    # must not clear the screen there either. The CSV export is data, written exactly as stored.
    db = tmp_path / "diary.db"
    assert subprocess.run(_tracker("log", "twitch", "--note", HOSTILE, db=db), capture_output=True).returncode == 0
    listed = subprocess.run(_tracker("list", db=db), capture_output=True, text=True)
    assert listed.returncode == 0 and "\\x1b[2K" in listed.stdout and "\x1b" not in listed.stdout
    exported = subprocess.run(_tracker("export", "csv", "--episodes", db=db), capture_output=True, text=True)
    assert "\x1b[2K\x1b[1Ano twitches" in exported.stdout


def test_a_refusal_with_stderr_on_a_full_disk_still_exits_2(tmp_path) -> None:
    with open("/dev/full", "w") as full:
        refused = subprocess.run(_tracker("log", "caffeine", "lots", db=tmp_path / "d.db"), stderr=full,
                                 stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert refused.returncode == 2  # an uncaught traceback would have exited 1
