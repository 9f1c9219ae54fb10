"""`tracker remind [--factors] [--notify]`, `remind install [--at HH:MM] [--dry-run]`, `remind uninstall`.

The check itself runs on the standard library alone (tracker.storage.reminder), from a shell
prompt or a timer: tracker.quick sends a plain `tracker remind` straight here, without building
the whole command line. Exit code 0: nothing missing; 1: the one line printed says what is.
"""

from __future__ import annotations

import datetime as dt
import sys

from tracker.paths import db_location, server_url_given, split_db_option

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: this module runs at a shell prompt

if TYPE_CHECKING:
    import argparse  # the full command line's: a plain `tracker remind` never builds it

    from tracker.commands.context import Context

EXIT_MISSING = 1
TITLE = "tracker"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    remind = commands.add_parser(
        "remind", help="exit 1 with one line when today's (or yesterday's) twitches are not answered"
    )
    remind.add_argument("--factors", action="store_true", help="also the day's measured factors (sleep, water, ...)")
    remind.add_argument("--notify", action="store_true", help="as a desktop notification")
    remind.set_defaults(handler=lambda context: check(context.args.db, factors=context.args.factors,
                                                      notify=context.args.notify))  # fmt: skip
    actions = remind.add_subparsers(dest="action", metavar="ACTION", parser_class=type(remind))
    install = actions.add_parser("install", help="remind every evening (systemd timer, LaunchAgent or cron)")
    install.add_argument("--at", default="21:00", metavar="HH:MM", help="the time of day (default 21:00)")
    install.add_argument("--dry-run", action="store_true", help="print what would be written, write nothing")
    install.set_defaults(handler=_install)
    uninstall = actions.add_parser("uninstall", help="remove exactly what `remind install` wrote")
    uninstall.add_argument("--dry-run", action="store_true", help="print what would be removed")
    uninstall.set_defaults(handler=_uninstall)


def check(db: str | None, *, factors: bool = False, notify: bool = False) -> int:
    """Print (or show as a notification) what is missing today; returns 0, or 1 when something is."""
    from tracker.storage.reminder import reminder

    if server_url_given(db) is not None:
        line = _server_line(db, factors=factors)
    else:
        try:
            line = reminder(db_location(db), dt.date.today(), factors=factors)
        except Exception as exc:  # tracker.errors is loaded only by whatever raised it
            from tracker.errors import TrackerError

            if not isinstance(exc, TrackerError):
                raise
            from tracker.commands.terminal import say_failure

            return say_failure(str(exc), 2)  # an encrypted diary with no key here: one line, exit 2
    if line is None:
        return 0
    if not notify or not _notified(line):
        print(line)
    return EXIT_MISSING


def _server_line(db: str | None, *, factors: bool) -> str | None:
    """What a server diary lacks today, read through the full command line's context (the
    server's connection, its password and its one-line errors)."""
    import argparse

    from tracker.commands.context import Context
    from tracker.storage.reminder import server_reminder

    context = Context(args=argparse.Namespace(db=db, command="remind"))
    try:
        with context.engine(read_only=True).connect() as conn:
            return server_reminder(conn, dt.date.today(), factors=factors)
    finally:
        context.close()


def _notified(line: str) -> bool:
    """Shown as a desktop notification; else why not, on stderr, and False."""
    import shutil  # deferred, with subprocess: only a notification needs them
    import subprocess

    if sys.platform == "darwin":
        quoted = line.replace("\\", "\\\\").replace('"', '\\"')
        command = ["osascript", "-e", f'display notification "{quoted}" with title "{TITLE}"']
    else:
        command = ["notify-send", "--app-name", TITLE, TITLE, line]
    if shutil.which(command[0]) is None:
        print(f"tracker: no desktop notification ({command[0]} is not installed); said here instead", file=sys.stderr)
        return False
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"tracker: no desktop notification ({command[0]}: {exc}); said here instead", file=sys.stderr)
        return False
    if done.returncode != 0:
        why = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[0]
        print(f"tracker: no desktop notification ({command[0]}: {why}); said here instead", file=sys.stderr)
        return False
    return True


def _install(context: Context) -> int:
    from tracker.commands.remind_timer import install

    if context.server_url is not None:
        from tracker.storage.postgres import without_password

        # The timer's command line is on disk and in the process list: never the password (the
        # reminder finds it in ~/.pgpass or PGPASSWORD, as any command without a terminal does).
        return install(without_password(context.server_url), at=context.args.at, dry_run=context.args.dry_run)
    return install(context.db_path, at=context.args.at, dry_run=context.args.dry_run)


def _uninstall(context: Context) -> int:
    from tracker.commands.remind_timer import uninstall

    return uninstall(dry_run=context.args.dry_run)


def quick_argv(args: list[str]) -> tuple[str | None, bool, bool] | None:
    """(--db, --factors, --notify) when `args` is a plain `[--db PATH] remind [--factors] [--notify]`;
    None for anything else (install, --help, a mistake), which the full command line handles."""
    split = split_db_option(args)
    if split is None:
        return None
    db, args = split
    if not args or args[0] != "remind" or not set(args[1:]) <= {"--factors", "--notify"}:
        return None
    return db, "--factors" in args, "--notify" in args


def main_quick(args: list[str]) -> int | None:
    """Run a plain `tracker remind` on the standard library alone; None: not one, use the full CLI."""
    parsed = quick_argv(args)
    if parsed is None:
        return None
    db, factors, notify = parsed
    if server_url_given(db) is not None:
        return None  # a server diary is read through the full command line (SQLAlchemy, its errors)
    try:
        db_location(db)
    except Exception as exc:  # tracker.errors (~1 ms) is imported only when something is wrong
        from tracker.errors import TrackerError

        if isinstance(exc, TrackerError):
            return None  # the full command line says what is wrong with it, in one line
        raise
    return check(db, factors=factors, notify=notify)
