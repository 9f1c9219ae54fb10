"""A server that asks for a password: it comes from PGPASSWORD, ~/.pgpass or a prompt at the
terminal (never echoed), and is never shown; without a terminal there is no prompt to hang on."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import postgres as pg

SECRET = "c0rrect-h0rse"


@pytest.fixture(scope="module")
def locked() -> Iterator[pg.Cluster]:
    """A cluster of its own that asks everyone for a password."""
    reason = pg.missing()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs the PostgreSQL tests: {reason}")
        pytest.skip(reason)
    cluster = pg.start(password=SECRET)
    try:
        yield cluster
    finally:
        pg.stop(cluster)


@pytest.fixture
def server(locked: pg.Cluster) -> str:
    return locked.new_database()


def run(*args: str, home: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`tracker ARGS...` with no terminal (as from cron), HOME at `home` and no PGPASSWORD unless given."""
    clean = {key: value for key, value in os.environ.items() if key not in ("PGPASSWORD", "PGPASSFILE")}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, "HOME": str(home), **(env or {})},
    )


def test_the_password_comes_from_pgpassword(server: str, tmp_path: Path) -> None:
    logged = run("--db", server, "log", "twitch", home=tmp_path, env={"PGPASSWORD": SECRET})
    assert logged.returncode == 0, logged.stderr
    assert SECRET not in logged.stdout + logged.stderr


def test_the_password_comes_from_pgpass(server: str, tmp_path: Path) -> None:
    pgpass = tmp_path / ".pgpass"
    pgpass.write_text(f"*:*:*:{pg.SERVER_USER}:{SECRET}\n")
    pgpass.chmod(0o600)  # libpq ignores a file others can read
    logged = run("--db", server, "log", "twitch", home=tmp_path)
    assert logged.returncode == 0, logged.stderr
    episodes = run("--db", server, "export", "csv", "--episodes", home=tmp_path)
    assert episodes.returncode == 0 and episodes.stdout.count("\n") == 2  # the header and the twitch


def test_without_a_password_or_a_terminal_it_is_one_line_saying_where_to_put_it(server: str, tmp_path) -> None:
    refused = run("--db", server, "log", "twitch", home=tmp_path)
    assert refused.returncode == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1, refused.stderr
    assert "no password supplied" in lines[0] and "~/.pgpass or PGPASSWORD" in lines[0]
    assert "nothing was changed" in lines[0]


def at_a_terminal(args: list[str], typed: str, home: Path) -> tuple[int, str]:
    """Run tracker on a terminal of its own (a pseudo-terminal, no other controlling terminal),
    type `typed` at its prompt; returns the exit code and everything the terminal showed."""
    main_fd, side_fd = pty.openpty()
    clean = {key: value for key, value in os.environ.items() if key not in ("PGPASSWORD", "PGPASSFILE")}
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", *args],
        stdin=side_fd,
        stdout=side_fd,
        stderr=side_fd,
        env={**clean, "HOME": str(home)},
        start_new_session=True,  # so the prompt is on this terminal, not the one running the tests
    )
    os.close(side_fd)
    shown = b""
    typed_yet = False
    while True:
        ready, _, _ = select.select([main_fd], [], [], 60)
        if not ready:
            process.kill()
            raise AssertionError(f"no prompt within 60 s: {shown!r}")
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # the terminal closed: tracker has ended
            break
        if not chunk:
            break
        shown += chunk
        if not typed_yet and b"password for" in shown:
            os.write(main_fd, typed.encode() + b"\n")
            typed_yet = True
    os.close(main_fd)
    return process.wait(timeout=60), shown.decode(errors="replace")


def test_at_a_terminal_the_password_is_asked_for_once_and_not_echoed(server: str, tmp_path: Path) -> None:
    code, shown = at_a_terminal(["--db", server, "db", "upgrade"], SECRET, tmp_path)

    assert code == 0, shown
    assert shown.count("password for postgresql+psycopg://postgres@/") == 1  # asked once for the command
    assert SECRET not in shown  # not echoed, nor in any line after
    assert "is already at schema" in shown or "schema new" in shown


def test_a_wrong_password_typed_is_one_line_without_it(server: str, tmp_path: Path) -> None:
    code, shown = at_a_terminal(["--db", server, "log", "twitch"], "wrong-guess", tmp_path)

    assert code == 1
    assert "password authentication failed" in shown and "nothing was changed" in shown
    assert "wrong-guess" not in shown
