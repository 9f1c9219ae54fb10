"""`tracker` on an encrypted diary whose key this machine does not hold: in a terminal it asks for
the passphrase before the app starts (the terminal's own prompt, not echoed), says a wrong one in a
line and asks again, three times at most, and keeps the key in the keyring as `db unlock` does.
Run as a person runs it: tracker itself, in a real pty."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.encryption.conftest import PASSPHRASE
from tests.tui.test_encrypted_diary import encrypted_diary

pexpect = pytest.importorskip("pexpect")
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PROMPT = "is encrypted; its passphrase: "
PATIENCE = 60  # seconds: tracker's start and a key derivation on a loaded machine


def another_machine_env(tmp_path: Path) -> dict[str, str]:
    """A machine whose keyring (the benchmarks' file keyring, so that it outlives one process)
    holds no key of the diary."""
    env = {**os.environ, "TERM": "xterm-256color", "XDG_DATA_HOME": str(tmp_path / "home"), "TRACKER_DB": ""}
    env.pop("TRACKER_PASSPHRASE", None)
    env["PYTHON_KEYRING_BACKEND"] = "file_keyring.FileKeyring"
    env["TRACKER_BENCH_KEYRING"] = str(tmp_path / "keyring.json")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), str(ROOT / "bench"), env.get("PYTHONPATH")]))
    return env


def spawn(path: Path, env: dict[str, str]):  # type: ignore[no-untyped-def]
    return pexpect.spawn(
        sys.executable, ["-m", "tracker", "--db", str(path)], env=env, timeout=PATIENCE, dimensions=(30, 100)
    )


def test_the_app_asks_again_after_a_wrong_passphrase_then_opens_and_keeps_the_key(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    encrypted_diary(path)
    env = another_machine_env(tmp_path)
    child = spawn(path, env)

    child.expect(PROMPT)
    child.sendline("not the passphrase")
    child.expect("wrong passphrase: it does not open this diary's key; nothing was written \\(2 more tries\\)")
    child.expect(PROMPT)
    child.sendline(PASSPHRASE)
    child.expect("Twitch")  # the footer: the app is up on the diary, not on a notice that it is locked
    child.send("t\r")  # a twitch logged in the app
    assert twitches(path, env) == 2  # the one before, and the app's; read with the key this machine now keeps
    child.send("\x11")  # ctrl+q
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 0
    assert b"not the passphrase" not in child.before and PASSPHRASE.encode() not in child.before  # never echoed


def twitches(path: Path, env: dict[str, str]) -> int:
    """The diary's twitches as `tracker export csv --episodes` counts them, once the app's write lands."""
    deadline = time.monotonic() + PATIENCE
    while True:
        done = subprocess.run(
            [sys.executable, "-m", "tracker", "--db", str(path), "export", "csv", "--episodes"],
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr  # no passphrase given: the keyring's key opens it
        count = len(done.stdout.splitlines()) - 1
        if count >= 2 or time.monotonic() > deadline:
            return count
        time.sleep(0.5)


def test_three_wrong_passphrases_end_with_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    encrypted_diary(path)
    before = path.read_bytes()
    child = spawn(path, another_machine_env(tmp_path))

    for _ in range(3):
        child.expect(PROMPT)
        child.sendline("not the passphrase")
    child.expect(pexpect.EOF)
    child.close()

    last = child.before.decode().strip().splitlines()
    assert child.exitstatus == 2
    assert last == ["tracker: error: wrong passphrase: it does not open this diary's key; nothing was written"]
    assert path.read_bytes() == before


def test_without_a_terminal_it_says_how_to_unlock_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    encrypted_diary(path)

    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(path)],
        env=another_machine_env(tmp_path),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )

    assert done.returncode == 2
    locked = "this diary is encrypted: set TRACKER_PASSPHRASE or unlock it with `tracker db unlock`"
    assert done.stderr.strip().splitlines() == [f"tracker: error: {locked} ({path})"]
