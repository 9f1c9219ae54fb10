"""Journeys in a real terminal (a pty), typed as people type: a key at a time at human speed,
and in bursts the way a terminal delivers fast typing (one read). What counts is what was
stored: each journey reads the database file afterwards.

Pilot posts key events into the app; only a real terminal goes through the driver's parser,
the focus reports and the timing of reads, which is where the picker crash lived.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.slow

HUMAN = 0.15  # seconds between keys typed one at a time
PATIENCE = 60.0  # how long a journey may wait for the app on a loaded machine


class Tracker:
    """`tracker --db PATH` in a pty of the given size; its output is read continuously, as a
    terminal would, so the app never blocks on a full pty."""

    def __init__(self, db: Path, cols: int, rows: int, home: Path) -> None:
        # COLUMNS and LINES, when set (as some CI runners do), would override the pty's size.
        inherited = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
        env = {**inherited, "TERM": "xterm-256color", "XDG_DATA_HOME": str(home), "TRACKER_DB": ""}
        self.db = db
        self.child = pexpect.spawn(
            sys.executable, ["-m", "tracker", "--db", str(db)], dimensions=(rows, cols), env=env, timeout=5
        )
        self.output = b""
        self.drain_until(lambda: b"Twitch" in self.output)  # the footer is drawn: the screen is up

    def drain_until(self, done, what: str = "the app") -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + PATIENCE
        while not done():
            assert time.monotonic() < deadline, f"waited for {what}; output ends {self.output[-400:]!r}"
            try:
                self.output += self.child.read_nonblocking(65536, timeout=0.1)
            except pexpect.TIMEOUT:
                pass
            except (pexpect.EOF, OSError):  # the app ended (a crash, unless we asked it to quit)
                assert done(), f"the app ended; output ends {self.output[-2000:]!r}"
                return

    def burst(self, keys: str) -> None:
        self.child.send(keys)

    def human(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)
            self.drain_until(lambda: True)
            with contextlib.suppress(pexpect.TIMEOUT):
                self.output += self.child.read_nonblocking(65536, timeout=HUMAN)

    def pause(self, seconds: float) -> None:
        """Read for `seconds`: after Esc, which a terminal tells from a key code only by a pause."""
        deadline = time.monotonic() + seconds
        self.drain_until(lambda: time.monotonic() >= deadline)

    def rows(self, sql: str) -> list[tuple]:
        if not self.db.exists():
            return []
        with contextlib.closing(sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)) as db:
            try:
                return db.execute(sql).fetchall()
            except sqlite3.OperationalError:  # not created yet
                return []

    def wait_for(self, sql: str, count: int) -> list[tuple]:
        self.drain_until(lambda: len(self.rows(sql)) >= count, f"{count} rows of {sql}")
        return self.rows(sql)

    def quit(self) -> int:
        self.child.send("\x11")  # ctrl+q
        self.drain_until(lambda: not self.child.isalive() or b"\x1b[?1049l" in self.output, "the app to quit")
        self.child.expect(pexpect.EOF, timeout=PATIENCE)
        self.child.close()
        assert b"Traceback" not in self.output and b"Error" not in self.output
        return self.child.exitstatus


FACTORS = "SELECT f.name, e.value FROM factor_entry e JOIN factor f ON f.id = e.factor_id ORDER BY e.id"
TWITCHES = "SELECT location, intensity, duration_s, note FROM episode ORDER BY id"


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator:  # type: ignore[type-arg]
    started: list[Tracker] = []

    def start(cols: int, rows: int) -> Tracker:
        app = Tracker(tmp_path / "tracker.db", cols, rows, tmp_path / "home")
        started.append(app)
        return app

    yield start
    for app in started:
        if app.child.isalive():
            app.child.terminate(force=True)


def test_amounts_in_the_pickers_at_80x24_fast_and_slow(tracker) -> None:
    app = tracker(80, 24)
    app.burst("c150\r")  # typed fast: one read
    app.wait_for(FACTORS, 1)
    app.human("c", "8", "0", "\r")  # typed slowly
    app.wait_for(FACTORS, 2)
    app.burst("w250\r")
    app.wait_for(FACTORS, 3)
    app.human("s", "6", ":", "1", "0", "\r")
    assert app.wait_for(FACTORS, 4) == [("caffeine", 150.0), ("caffeine", 80.0), ("water", 250.0), ("sleep", 6.17)]
    app.burst("t\r")
    app.wait_for(TWITCHES, 1)
    assert app.quit() == 0
    assert app.rows(FACTORS)[-1] == ("sleep", 6.17) and len(app.rows(TWITCHES)) == 1


def test_the_twitch_form_and_one_key_factors_at_120x40(tracker) -> None:
    app = tracker(120, 40)
    app.burst("te4d45\tafter coffee\r")  # eyelid, intensity 4, 45 s, Tab to the note: all in one read
    assert app.wait_for(TWITCHES, 1) == [("eyelid", 4, 45, "after coffee")]
    app.human("x", "1", "0")  # stress 10, slowly
    app.wait_for(FACTORS, 1)
    app.burst("g200\r")  # the first magnesium dose is typed
    app.wait_for(FACTORS, 2)
    app.human("g")  # pressed to look: nothing written
    app.human("\x1b")
    app.pause(0.6)  # longer than ESCDELAY, so Esc is not read as alt+g
    assert app.rows(FACTORS)[-1] == ("magnesium", 200.0) and len(app.rows(FACTORS)) == 2
    app.burst("gg")  # shown, and confirmed by g again
    assert app.wait_for(FACTORS, 3) == [("stress", 10.0), ("magnesium", 200.0), ("magnesium", 200.0)]
    assert app.quit() == 0


def test_durations_with_unit_words_fast_and_slow_at_80x24(tracker) -> None:
    # In the duration box every letter is text: "sec" picks no eyelid, "min" no mouth corner
    # and jumps to no note, and the space before the unit does not end the box.
    app = tracker(80, 24)
    app.burst("tc3d30 sec\tafter coffee\r")
    app.wait_for(TWITCHES, 1)
    app.human("t", "h", "2", "d", "2", " ", "m", "i", "n", "\t", "\r")
    assert app.wait_for(TWITCHES, 2) == [("cheek", 3, 30, "after coffee"), ("chin", 2, 120, "")]
    assert app.quit() == 0


def test_a_correction_typed_in_a_burst_is_the_amount_saved(tracker) -> None:
    # Backspace and the keys after it arrive in one read, as from a fast typist or key-repeat:
    # Textual ran the Backspace after the digit typed behind it, and "85⌫0" saved 85, not 80.
    app = tracker(100, 30)
    app.human("c")
    app.burst("85\x7f0\r")
    app.wait_for(FACTORS, 1)
    app.human("w")
    app.burst("\x7f3\x7f\x7f250\r")  # Backspace on an empty box first, then a slip corrected
    app.wait_for(FACTORS, 2)
    app.human("t", "n")  # the twitch form's note: an ordinary text box
    app.burst("lipp\x7f twitch\r")
    app.wait_for(TWITCHES, 1)
    assert app.quit() == 0
    assert app.rows(FACTORS) == [("caffeine", 80.0), ("water", 250.0)]
    assert app.rows(TWITCHES)[0][3] == "lip twitch"


def test_enter_typed_while_the_app_starts_still_saves(tracker) -> None:
    # Typed before the app takes the terminal out of line mode, Enter arrives as a newline.
    app = tracker(100, 30)
    app.burst("t\n")
    assert app.wait_for(TWITCHES, 1) == [("unspecified", None, None, "")]
    assert app.quit() == 0


def test_a_twitch_logged_from_another_terminal_appears_without_a_key(tracker, tmp_path) -> None:
    app = tracker(80, 24)
    app.burst("t\r")
    app.wait_for(TWITCHES, 1)
    app.drain_until(lambda: b"1 twitch" in app.output, "the first twitch on screen")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "home"), "TRACKER_DB": ""}
    logged = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(app.db), "log", "twitch", "--location", "chin"],
        env=env, capture_output=True, text=True, timeout=PATIENCE,
    )  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    app.drain_until(lambda: b"2 twitches" in app.output and b"chin" in app.output, "the other terminal's twitch")
    assert app.quit() == 0


def test_entries_typed_after_a_day_key_go_to_the_day_it_shows(tracker) -> None:
    # In one read: the second glass and the second twitch go to the day `[` and `y` moved to.
    import datetime as dt

    app = tracker(120, 40)
    app.burst("wg\r[wg\r")
    days = app.wait_for("SELECT local_date FROM factor_entry ORDER BY id", 2)
    app.burst(".t\ryt\r")
    twitch_days = app.wait_for("SELECT local_date FROM episode ORDER BY id", 2)
    assert app.quit() == 0
    # The app runs in its own process, on the real clock: the day before its first entry's day.
    today = dt.date.fromisoformat(days[0][0])
    yesterday = str(today - dt.timedelta(days=1))
    assert days == [(str(today),), (yesterday,)]
    assert twitch_days == [(str(today),), (yesterday,)]


def test_units_and_counts_typed_in_a_burst_are_what_is_saved(tracker) -> None:
    # Every key of an amount counts: the `l` of 1.5l, the `2` of 2e. Nothing is written before
    # Enter, so the line under the box can show what will be.
    app = tracker(100, 30)
    app.burst("w1.5l\rc2e\r")  # two dialogs in one read: the keys behind Enter are the next one's
    app.wait_for(FACTORS, 2)
    app.burst("ce 2\r")
    app.wait_for(FACTORS, 3)
    app.burst("w200mg\r")  # not a unit of water: refused in the dialog, nothing written
    app.drain_until(lambda: b"allowed" in app.output, "the refusal under the box")
    app.burst("\x1b")  # Esc with text typed asks first; y discards it
    app.drain_until(lambda: b"Discard what you typed?" in app.output, "the question before discarding")
    app.burst("y")
    app.pause(0.6)
    assert app.quit() == 0
    notes = app.rows("SELECT e.value, e.note FROM factor_entry e ORDER BY e.id")
    assert notes == [(1500.0, ""), (126.0, "2 × espresso"), (126.0, "2 × espresso")]


def test_the_readme_example_of_the_twitch_form_typed_in_a_burst(tracker) -> None:
    # The README's example, typed as one read: nothing in it may follow Esc at once.
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"`([^`]+)` is 45 s at intensity 4", readme)
    named = {"Enter": "\r", "Tab": "\t", "Esc": "\x1b"}
    app = tracker(100, 30)
    app.burst("t" + "".join(named.get(key, key) for key in example.split()))
    assert app.wait_for(TWITCHES, 1) == [("unspecified", 4, 45, "")]
    assert app.quit() == 0


def test_a_key_typed_right_after_esc_is_not_lost(tracker) -> None:
    # Esc and the key behind it arrive in one read, which Textual reads as Alt and that key.
    app = tracker(80, 24)
    app.burst("tnafter coffee\x1b4\r")  # Esc leaves the note; 4 is the intensity
    assert app.wait_for(TWITCHES, 1) == [("unspecified", 4, None, "after coffee")]
    app.burst("c\x1bx")  # Esc closes the caffeine picker; x opens stress under it
    app.drain_until(lambda: b"Stress today" in app.output, "the stress picker")
    app.burst("3")
    assert app.wait_for(FACTORS, 1) == [("stress", 3.0)]
    assert app.quit() == 0


def test_keys_typed_while_history_loads_a_long_diary_act_on_today(tracker, tmp_path) -> None:
    # A long diary keeps History busy as it fills its table: the Esc typed there and the keys
    # typed behind it, however slowly, act on Today (they went to History and were lost).
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "home"), "TRACKER_DB": ""}
    demo = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(tmp_path / "tracker.db"), "demo", "--days", "2500"],
        env=env, capture_output=True, text=True, timeout=PATIENCE * 3,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stderr
    app = tracker(80, 24)
    before = len(app.rows(TWITCHES))
    app.burst("h")
    app.burst("\x1b")
    app.pause(0.6)  # longer than ESCDELAY: the Esc on its own, as a person types it
    app.burst("c150\r")
    app.burst("t\r")
    app.drain_until(lambda: len(app.rows(TWITCHES)) > before, "the twitch typed after leaving History")
    assert app.rows(FACTORS)[-1] == ("caffeine", 150.0)
    assert app.quit() == 0
