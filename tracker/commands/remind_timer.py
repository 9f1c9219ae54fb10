"""`tracker remind install | uninstall`: an evening reminder that runs even after a missed evening.

On Linux with systemd, a user timer with Persistent=true (a machine off at 21:00 reminds at its
next start); on macOS a LaunchAgent (launchd runs a missed calendar job at wake); elsewhere
the crontab line to add, printed, since editing a person's crontab behind their back is not
ours to do. Every file written carries MARK and the SHA-256 of its own text: install replaces,
and uninstall removes, only a file whose text still matches, so a unit someone wrote or edited
under the same name is never lost.
"""

from __future__ import annotations

import hashlib
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
# The stamp in each file: MARK and the SHA-256 of the file's text with the digest written as zeros.
_UNSTAMPED = f"{MARK} (sha256 {'0' * 64})"
_STAMP = re.compile(re.escape(MARK) + r" \(sha256 ([0-9a-f]{64})\)")


def install(db: Path | str, *, at: str, dry_run: bool) -> int:
    """Write the reminder's files (or print them with `dry_run`) for the diary `db` (a file, or
    a server's URL, which must hold no password); returns the exit code."""
    hour, minute = _time_of_day(at)
    where = str(db.absolute()) if isinstance(db, Path) else db
    command = [sys.executable, "-m", "tracker", "--db", where, "remind", "--notify"]
    files = planned_files(command, hour, minute)
    if not files:
        print("no systemd or launchd here: add this line to your crontab (`crontab -e`):")
        print(cron_line(command, hour, minute))
        return 0
    theirs = [path for path in files if path.exists() and not _as_written(path)]
    if theirs:
        # A unit of the same name that someone wrote or edited is theirs: replacing it loses their work.
        names = ", ".join(str(path) for path in theirs)
        print(
            f"tracker: not replacing {names}: not written by tracker, or edited since; nothing written", file=sys.stderr
        )
        return 1
    if dry_run:
        for path, text in files.items():
            print(f"# {path}\n{text}")
        return 0
    written: list[str] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(str(path))
            print(f"wrote {path}")
    except OSError as exc:
        failed = f"could not write {path} ({exc.strerror or exc})"
    else:
        failed = _run_all(_start_commands(files))
    if failed:
        print(f"tracker: the reminder is not on: {failed}; written: {', '.join(written) or 'nothing'}", file=sys.stderr)
        return 1
    return 0


def uninstall(*, dry_run: bool) -> int:
    """Stop the reminder and remove the files install wrote, as it wrote them; returns the exit code."""
    present = [path for path in _candidates() if path.exists()]
    ours = [path for path in present if _as_written(path)]
    for path in present:
        if path not in ours:
            print(f"left {path}: not written by tracker, or edited since")
    if not ours:
        print("no reminder installed by tracker here; nothing removed (a crontab line you added is yours to remove)")
        return 0
    if dry_run:
        for path in ours:
            print(f"would remove {path}")
        return 0
    failed = _run_all(_stop_commands(ours))
    for path in ours:
        try:
            path.unlink()
        except OSError as exc:
            failed = failed or f"could not remove {path} ({exc.strerror or exc})"
            continue
        print(f"removed {path}")
    if _kind() == "systemd":
        failed = failed or _run_all([["systemctl", "--user", "daemon-reload"]])
    if failed:
        print(f"tracker: the reminder may still be on: {failed}", file=sys.stderr)
        return 1
    return 0


def planned_files(command: list[str], hour: int, minute: int) -> dict[Path, str]:
    """The files install writes, by path; empty where the crontab line is the way."""
    kind = _kind()
    if kind == "launchd":
        agent = {
            "Label": AGENT,
            "ProgramArguments": command,
            "StartCalendarInterval": {"Hour": hour, "Minute": minute},
            "Comment": _UNSTAMPED,
        }
        return {_agent_path(): _stamped(plistlib.dumps(agent).decode())}
    if kind != "systemd":
        return {}
    folder = _systemd_folder()
    service = (
        f"# {_UNSTAMPED}\n[Unit]\nDescription=Remind to answer the day's twitches in tracker\n\n"
        f"[Service]\nType=oneshot\nExecStart={exec_line(command)}\n"
        "# Exit code 1 means there is something to answer, which is the reminder doing its job.\n"
        "SuccessExitStatus=1\n"
    )
    timer = (
        f"# {_UNSTAMPED}\n[Unit]\nDescription=Evening reminder to answer the day's twitches in tracker\n\n"
        f"[Timer]\nOnCalendar=*-*-* {hour:02d}:{minute:02d}:00\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return {folder / f"{UNIT}.service": _stamped(service), folder / f"{UNIT}.timer": _stamped(timer)}


def _stamped(text: str) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return text.replace(_UNSTAMPED, f"{MARK} (sha256 {digest})")


def _as_written(path: Path) -> bool:
    """Whether the file at `path` is exactly as install wrote it (stamped and not edited since)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    found = _STAMP.search(text)
    if found is None:
        return False
    return hashlib.sha256(text.replace(found[0], _UNSTAMPED).encode()).hexdigest() == found[1]


def cron_line(command: list[str], hour: int, minute: int) -> str:
    """The crontab line that runs `command` every day at hour:minute.

    Quoted for the shell cron hands it to, then every `%` escaped: crontab(5) turns a bare `%`
    into a newline, which would cut a diary path holding one in half and the reminder never runs.
    """
    if any("\n" in part for part in command):
        raise InputError("--db", command[3], "a path without a line break (a crontab line cannot hold one)")
    return f"{minute} {hour} * * * {shlex.join(command)} >/dev/null 2>&1  # {MARK}".replace("%", "\\%")


def exec_line(command: list[str]) -> str:
    """`command` as a systemd ExecStart= value that systemd splits back into exactly these words.

    Every word double-quoted with C-style escapes (systemd.syntax(7), "Quoting"), `%` doubled so
    systemd reads no specifier (`%h` is the home folder), `$` doubled so it expands no variable
    (systemd.service(5), "Command lines"); a `;` or `#` inside quotes is then plain text.
    """
    return " ".join(_exec_word(part) for part in command)


def _exec_word(word: str) -> str:
    escaped = "".join(_C_ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 32 else char) for char in word)
    return '"' + escaped.replace("%", "%%").replace("$", "$$") + '"'


_C_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\x7f": "\\x7f"}


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
    # A timer left in place because someone edited it is theirs to keep running.
    return (
        [["systemctl", "--user", "disable", "--now", f"{UNIT}.timer"]]
        if any(p.suffix == ".timer" for p in paths)
        else []
    )


def _run_all(commands: list[list[str]]) -> str:
    """Run each command until one fails; returns what failed and why, "" when all ran."""
    for command in commands:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
            why = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[0] if done.returncode else ""
        except (OSError, subprocess.TimeoutExpired) as exc:
            why = str(exc)
        if why:
            return f"`{shlex.join(command)}` failed ({why}); run it once your session allows"
    return ""
