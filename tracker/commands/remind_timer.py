"""`tracker remind install | uninstall`: an evening reminder that runs even after a missed evening.

On Linux with systemd, a user timer with Persistent=true (a machine off at 21:00 reminds at its
next start); on macOS a LaunchAgent (launchd runs a missed calendar job at wake); elsewhere
the crontab line to add, printed, since editing a person's crontab behind their back is not
ours to do. Every file written carries MARK, and uninstall removes only files that do, so it
removes exactly what install wrote.
"""

from __future__ import annotations

import os
import plistlib
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from tracker.errors import InputError

MARK = "Written by `tracker remind install`"
UNIT = "tracker-remind"
AGENT = "org.tracker.remind"


def install(db: Path, *, at: str, dry_run: bool) -> int:
    """Write the reminder's files (or print them with `dry_run`); returns the exit code."""
    hour, minute = _time_of_day(at)
    command = [sys.executable, "-m", "tracker", "--db", str(db.absolute()), "remind", "--notify"]
    files = planned_files(command, hour, minute)
    if not files:
        print("no systemd or launchd here: add this line to your crontab (`crontab -e`):")
        print(f"{minute} {hour} * * * {shlex.join(command)} >/dev/null 2>&1  # {MARK}")
        return 0
    for path, text in files.items():
        if dry_run:
            print(f"# {path}\n{text}")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        print(f"wrote {path}")
    if not dry_run:
        _run_all(_start_commands(files))
    return 0


def uninstall(*, dry_run: bool) -> int:
    """Stop the reminder and remove the files install wrote; returns the exit code."""
    ours = [path for path in _candidates() if path.is_file() and MARK in path.read_text(errors="replace")]
    others = [path for path in _candidates() if path.exists() and path not in ours]
    for path in others:
        print(f"left {path}: not written by tracker")
    if not ours:
        print("no reminder installed by tracker here; nothing removed (a crontab line you added is yours to remove)")
        return 0
    if dry_run:
        for path in ours:
            print(f"would remove {path}")
        return 0
    _run_all(_stop_commands(ours))
    for path in ours:
        path.unlink()
        print(f"removed {path}")
    if _kind() == "systemd":
        _run_all([["systemctl", "--user", "daemon-reload"]])
    return 0


def planned_files(command: list[str], hour: int, minute: int) -> dict[Path, str]:
    """The files install writes, by path; empty where the crontab line is the way."""
    kind = _kind()
    if kind == "launchd":
        agent = {
            "Label": AGENT,
            "ProgramArguments": command,
            "StartCalendarInterval": {"Hour": hour, "Minute": minute},
            "Comment": MARK,
        }
        return {_agent_path(): plistlib.dumps(agent).decode()}
    if kind != "systemd":
        return {}
    folder = _systemd_folder()
    service = (
        f"# {MARK}\n[Unit]\nDescription=Remind to answer the day's twitches in tracker\n\n"
        f"[Service]\nType=oneshot\nExecStart={shlex.join(command)}\n"
        "# Exit code 1 means there is something to answer, which is the reminder doing its job.\n"
        "SuccessExitStatus=1\n"
    )
    timer = (
        f"# {MARK}\n[Unit]\nDescription=Evening reminder to answer the day's twitches in tracker\n\n"
        f"[Timer]\nOnCalendar=*-*-* {hour:02d}:{minute:02d}:00\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return {folder / f"{UNIT}.service": service, folder / f"{UNIT}.timer": timer}


def _time_of_day(at: str) -> tuple[int, int]:
    found = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", at.strip())
    if not found:
        raise InputError("--at", at, "a time of day as HH:MM, 00:00 to 23:59")
    return int(found[1]), int(found[2])


def _kind() -> str:
    if sys.platform == "darwin":
        return "launchd"
    return "systemd" if shutil.which("systemctl") else "cron"


def _systemd_folder() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def _agent_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{AGENT}.plist"


def _candidates() -> list[Path]:
    folder = _systemd_folder()
    return [folder / f"{UNIT}.service", folder / f"{UNIT}.timer", _agent_path()]


def _start_commands(files: dict[Path, str]) -> list[list[str]]:
    if _kind() == "launchd":
        return [["launchctl", "load", "-w", str(path)] for path in files]
    return [["systemctl", "--user", "daemon-reload"], ["systemctl", "--user", "enable", "--now", f"{UNIT}.timer"]]


def _stop_commands(paths: list[Path]) -> list[list[str]]:
    if any(path.suffix == ".plist" for path in paths):
        return [["launchctl", "unload", "-w", str(path)] for path in paths if path.suffix == ".plist"]
    return [["systemctl", "--user", "disable", "--now", f"{UNIT}.timer"]]


def _run_all(commands: list[list[str]]) -> None:
    """Run each command; one that fails is said in one line with the command to run later."""
    for command in commands:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
            why = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[0] if done.returncode else ""
        except (OSError, subprocess.TimeoutExpired) as exc:
            why = str(exc)
        if why:
            print(f"could not run `{shlex.join(command)}` ({why}); run it once your session allows", file=sys.stderr)
            return
