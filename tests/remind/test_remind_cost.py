"""`tracker remind` at a shell prompt finds the default diary and reads it on the few standard
modules starting Python needs anyway: not pathlib, re or platformdirs, which cost more than the
rest of it. What it does without them is what they would have done."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from tests.helpers.processes import tracker_process
from tracker.paths import APP_NAME, data_location, db_location
from tracker.storage.first_look import sqlite_uri

# Says what was loaded with nothing of its own (json would load re).
PROBE = (
    "import sys\nsys.argv = ['tracker', *sys.argv[1:]]\n"
    "from tracker.quick import main\ncode = main()\n"
    "print(code, *sorted(sys.modules), file=sys.__stderr__)"
)
COSTLY = {"pathlib", "re", "platformdirs", "urllib", "typing", "argparse", "tracker.errors"}


@pytest.mark.parametrize("how", ["default diary", "--db", "TRACKER_DB"])
def test_remind_loads_none_of_the_costly_modules(tmp_path, how) -> None:
    data = tmp_path / "data"
    diary = data / APP_NAME / "tracker.db"
    diary.parent.mkdir(parents=True)
    # Logged by a command that has ended, as at a shell prompt: its write-ahead log folded in.
    assert tracker_process("--db", str(diary), "log", "none").returncode == 0
    env = {**os.environ, "XDG_DATA_HOME": str(data), "HOME": str(tmp_path)}
    env.pop("TRACKER_DB", None)
    args = {"default diary": [], "--db": ["--db", str(diary)], "TRACKER_DB": []}[how]
    if how == "TRACKER_DB":
        env["TRACKER_DB"] = str(diary)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args, "remind"], capture_output=True, text=True, env=env, check=False
    )
    code, *loaded = done.stderr.strip().splitlines()[-1].split()
    assert (code, done.stdout) == ("0", "")  # today answered: it read this very diary
    assert sorted(COSTLY & set(loaded)) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="worked out by tracker on Linux only")
@pytest.mark.parametrize(
    ("xdg", "home"),
    [(None, "/home/ann"), ("", "/home/ann"), ("/data/ann", "/home/ann"), ("relative/data", "/home/ann"),
     (None, "relative-home"), (None, None)],
)  # fmt: skip
def test_the_default_diary_is_where_platformdirs_puts_it(monkeypatch, xdg, home) -> None:
    for name, value in (("XDG_DATA_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    monkeypatch.delenv("TRACKER_DB", raising=False)
    expected = platformdirs.user_data_dir(APP_NAME, appauthor=False)
    assert data_location() == expected
    assert db_location() == os.path.join(expected, "tracker.db")


@pytest.mark.parametrize(
    "name", ["plain.db", "track#1.db", "what?.db", "100%.db", "sp ace.db", "ünï.db", "a;b&c=d+e.db", "~x.db"]
)
def test_a_diary_name_is_written_into_its_uri_as_pathlib_writes_it(tmp_path, name) -> None:
    path = tmp_path / name
    for read_only in (True, False):
        mode = "ro" if read_only else "rw"
        assert sqlite_uri(path, read_only=read_only) == f"{Path(os.path.abspath(path)).as_uri()}?mode={mode}"
    assert sqlite_uri(Path("relative") / name) == f"{Path(os.path.abspath(Path('relative') / name)).as_uri()}?mode=rw"
