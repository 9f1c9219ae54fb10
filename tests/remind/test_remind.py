"""`tracker remind` exits 1 with one line while today's or yesterday's twitches are unanswered,
costs no more than the standard library, and falls back to the line without a notifier."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import LONDON
from tracker.quick import main as tracker

MON = dt.date(2026, 11, 23)


def remind(capsys, monkeypatch, db: Path, *flags: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    monkeypatch.setattr(sys, "argv", ["tracker", "--db", str(db), "remind", *flags])
    code = tracker()
    out, err = capsys.readouterr()
    return code, out, err


def on(day: dt.date) -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(day, dt.time(20), tzinfo=ZoneInfo(LONDON)), tick=False)


def test_remind_says_in_one_line_which_day_is_unanswered(cli, db_path, capsys, monkeypatch) -> None:
    with on(MON):
        assert remind(capsys, monkeypatch, db_path) == (1, "Nothing logged today — t to log a twitch, n for none\n", "")
        assert not db_path.exists()  # a reminder never creates a diary
        assert cli("log", "caffeine", "95").code == 0
        code, out, _ = remind(capsys, monkeypatch, db_path)
        assert (code, out) == (1, "Twitches not answered today — t to log a twitch, n for none\n")
        code, out, _ = remind(capsys, monkeypatch, db_path, "--factors")
        assert code == 1 and out.endswith("n for none; no sleep, water or stress logged today\n")
    with on(MON + dt.timedelta(days=1)):
        code, out, _ = remind(capsys, monkeypatch, db_path)
        assert code == 1 and out.startswith("Twitches not answered today or yesterday —") and out.count("\n") == 1
        assert cli("log", "none", "--date", "yesterday").code == 0
        code, out, _ = remind(capsys, monkeypatch, db_path)
        assert (code, out) == (1, "Nothing logged today — t to log a twitch, n for none\n")
        assert cli("log", "twitch").code == 0
        assert remind(capsys, monkeypatch, db_path) == (0, "", "")
        code, out, _ = remind(capsys, monkeypatch, db_path, "--factors")
        assert (code, out) == (1, "No sleep, water or stress logged today\n")
    with on(MON + dt.timedelta(days=3)):
        assert cli("log", "none").code == 0
        code, out, _ = remind(capsys, monkeypatch, db_path)
        assert (code, out) == (1, "Yesterday's twitches not answered — y, then t to log a twitch, n for none\n")


def test_remind_imports_neither_the_database_stack_nor_pandas_nor_textual(cli, db_path) -> None:
    assert cli("log", "none").code == 0
    probe = (
        "import sys, json\nsys.argv = ['tracker', '--db', sys.argv[1], 'remind', '--factors']\n"
        "from tracker.quick import main\ncode = main()\n"
        "print(json.dumps([code, sorted(sys.modules)]), file=sys.__stderr__)"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(db_path)], capture_output=True, text=True, check=False)
    code, loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert code == 1 and done.stdout.startswith("No sleep")  # it did read the diary
    roots = {name.split(".")[0] for name in loaded}
    assert not roots & {"sqlalchemy", "sqlmodel", "pydantic", "alembic", "pandas", "numpy", "textual", "rich"}
    assert "argparse" not in roots  # not even the full command line


def fake_tool(folder: Path, name: str, exit_code: int = 0, say: str = "") -> Path:
    """A stand-in for a system tool that records its arguments, one call a line."""
    folder.mkdir(exist_ok=True)
    log = folder / f"{name}.calls"
    script = folder / name
    script.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\necho "{say}" >&2\nexit {exit_code}\n')
    script.chmod(0o755)
    return log


def test_notify_uses_the_desktop_and_falls_back_to_the_line(cli, db_path, capsys, monkeypatch, tmp_path) -> None:
    tools = tmp_path / "bin"
    calls = fake_tool(tools, "notify-send")
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}/usr/bin:/bin")
    code, out, err = remind(capsys, monkeypatch, db_path, "--notify")
    assert (code, out, err) == (1, "", "")
    assert "Nothing logged today" in calls.read_text()
    fake_tool(tools, "notify-send", exit_code=1, say="Cannot autolaunch D-Bus without X11 $DISPLAY")
    code, out, err = remind(capsys, monkeypatch, db_path, "--notify")
    assert code == 1 and out.startswith("Nothing logged today") and "D-Bus" in err and err.count("\n") == 1
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    code, out, err = remind(capsys, monkeypatch, db_path, "--notify")
    assert code == 1 and out.startswith("Nothing logged today") and "notify-send is not installed" in err


@pytest.mark.parametrize("at", ["25:00", "9", "21:60", "nine"])
def test_a_time_of_day_that_is_none_is_refused_with_nothing_written(cli, tmp_path, monkeypatch, at: str) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    result = cli("remind", "install", "--at", at)
    assert result.code == 2 and result.err.count("\n") == 1 and "--at" in result.err
    assert not (tmp_path / "config").exists()
