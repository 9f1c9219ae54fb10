"""Every command runs with the network blocked, and everything tracker writes is owner-only.

The block is a sitecustomize.py on PYTHONPATH for the child processes: creating a socket,
connecting one or calling socket.create_connection raises RuntimeError("network blocked")
and is also written to a log file, so an attempt that a library swallowed is still seen.
tests/test_files_and_time.py already covers the database, `db backup` and `export csv -o`
through the default data directory; this adds the rest.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.processes import CLI_LOOP, tracker_process

BLOCKER = textwrap.dedent(
    """
    import os, socket

    def _blocked(*args, **kwargs):
        with open(os.environ["NETWORK_ATTEMPTS"], "a") as log:
            log.write(f"network blocked: {args[:2]!r}\\n")
        raise RuntimeError("network blocked")

    class _NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            _blocked(*args)

    socket.socket.connect = _blocked
    socket.socket.connect_ex = _blocked
    socket.socket = _NoSocket
    socket.create_connection = _blocked
    """
)


def private(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


@pytest.fixture
def typical_umask() -> Iterator[None]:
    """A shell's 022, inherited by the children: tracker must not rely on the caller's umask."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def offline_env(tmp_path: Path) -> dict[str, str]:
    blocker = tmp_path / "offline"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(BLOCKER)
    python_path = os.pathsep.join(filter(None, [str(blocker), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": python_path, "NETWORK_ATTEMPTS": str(tmp_path / "attempts.log")}


def test_the_block_itself_works(offline_env, tmp_path) -> None:
    probe = "import socket\nsocket.create_connection(('127.0.0.1', 9))"
    result = subprocess.run([sys.executable, "-c", probe], env=offline_env, capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "network blocked" in result.stderr
    assert "network blocked" in (tmp_path / "attempts.log").read_text()


def _commands_in_help(env: dict[str, str]) -> set[str]:
    listing = tracker_process("--help", env=env).stdout
    return {line.split()[0] for line in listing.splitlines() if line.startswith("    ") and line.split()}


@pytest.mark.slow
def test_every_command_runs_offline_and_writes_only_private_files(offline_env, typical_umask, tmp_path) -> None:
    data_home = tmp_path / "xdg-data"  # the default database, in a data directory tracker creates
    env = {**offline_env, "XDG_DATA_HOME": str(data_home)}
    out = tmp_path / "out"
    out.mkdir()
    (out / "daily.csv").write_text("left by something else\n")
    (out / "daily.csv").chmod(0o644)
    commands = [
        ["--help"], ["demo", "--days", "30"], ["log", "twitch"], ["log", "caffeine", "95"], ["list"],
        ["export", "csv", "-o", str(out / "daily.csv")],
        ["export", "csv", "--episodes", "-o", str(out / "episodes.csv")],
        ["import", "csv", str(out / "daily.csv"), str(out / "episodes.csv")], ["db", "check"], ["db", "backup"],
        ["db", "backup", str(out / "copy.db")], ["db", "backup", str(out)], ["db", "upgrade"], ["db", "path"],
        ["factor", "list"], ["preset", "list"], ["intervention", "list"], ["undo"],
    ]  # fmt: skip
    available = _commands_in_help(env)
    optional = {
        "analyze": [["analyze"], ["analyze", "--json"]],
        "chart": [["chart", "-o", str(out / "chart.png")], ["chart", "-o", str(out / "chart.svg")]],
        "report": [["report", "-o", str(out / "report.pdf")]],
    }
    for name, extra in optional.items():
        if name in available:
            commands += extra
    if "visit" in tracker_process("export", "--help", env=env).stdout:
        commands.append(["export", "visit", str(out / "visit")])
    for argv in commands:
        result = tracker_process(*argv, env=env, timeout=180)
        assert result.returncode == 0, (argv, result.stderr)
        assert "network blocked" not in result.stdout + result.stderr, argv
        assert "Traceback" not in result.stderr, (argv, result.stderr)
    assert not (tmp_path / "attempts.log").exists(), (tmp_path / "attempts.log").read_text()

    data_dir = data_home / "tracker"
    assert private(data_dir) == 0o700
    written = [path for folder in (data_dir, out, out / "visit") if folder.exists() for path in folder.iterdir()]
    assert {path.name for path in written} >= {"tracker.db", "daily.csv", "episodes.csv", "copy.db"}
    for path in written:
        assert private(path) == (0o700 if path.is_dir() else 0o600), path
    print(f"{len(commands)} commands offline; {len(written)} files checked: {sorted(p.name for p in written)}")


def test_upgrade_backup_and_live_wal_are_private(typical_umask, tmp_path) -> None:
    from alembic import command
    from alembic.config import Config

    from tracker.storage import engine as db
    from tracker.storage import file_checks as db_file

    # An old database (the oldest revision), made by something with a loose mode.
    old = tmp_path / "old.db"
    config = Config()
    config.set_main_option("script_location", str(db.migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{old}")
    command.upgrade(config, db_file.KNOWN_REVISIONS[0])
    old.chmod(0o644)
    assert tracker_process("--db", str(old), "log", "twitch").returncode == 0
    backups = db.list_backups(old)
    if db_file.KNOWN_REVISIONS[0] != db.SCHEMA_HEAD:
        assert backups, "an upgrade should have left a backup"
    for path in [old, *backups]:
        assert private(path) == 0o600, path

    # While a writer is working, the write-ahead log and shared memory are owner-only too.
    writer = subprocess.Popen(
        [sys.executable, str(CLI_LOOP), "write", str(old), "live"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "ready\n"
        assert writer.stdout.readline().startswith("ack ")
        side_files = [old.with_name(old.name + suffix) for suffix in ("-wal", "-shm")]
        for path in side_files:
            if path.exists():  # between commands the last connection may have folded them away
                assert private(path) == 0o600, path
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.communicate()
    for path in old.parent.glob("old.db*"):
        assert private(path) == 0o600, path  # what a crash leaves behind is private as well
