"""The command line: a thin layer over the store. Heavy imports live inside the commands.

Exit codes: 0 done; 2 bad input (one line on stderr, nothing written); 1 any other failure.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from tracker.commands.context import Context
from tracker.commands.terminal import say_failure
from tracker.errors import EXIT_BAD_INPUT, EXIT_FAILURE, InputError, UsageError, failure_line
from tracker.paths import check_folder_settings

if TYPE_CHECKING:
    import argparse

EXIT_OK = 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (the console script exits with it)."""
    os.umask(0o077)  # everything tracker writes (database, backups, exports) is owner-only
    args_list = list(sys.argv[1:] if argv is None else argv)
    context: Context | None = None
    code = EXIT_FAILURE  # until the command says otherwise
    try:
        _check_text(args_list)
        check_folder_settings()
        home_db = _home_only(args_list)
        if home_db is not None:
            # `tracker` alone opens the TUI: nothing of the command line's grammar is imported
            # (argparse and every command's parser, ~35 ms of the first paint). The full parser
            # is still built if the home path needs help.
            from types import SimpleNamespace

            from tracker.commands.home import open_home

            context = Context(args=SimpleNamespace(db=home_db.value, command=None), build_parser=build_parser)
            code = open_home(context)
            return code
        parser = build_parser()
        args = parser.parse_args(args_list)
        context = Context(args=args, build_parser=build_parser, _parser=parser)
        handler = getattr(args, "handler", None)
        if handler is None:
            from tracker.commands.home import open_home  # the TUI, or today's summary

            code = open_home(context)
            return code
        from tracker.commands.terminal import shown_safely

        # Data for another program (CSV, JSON; JSON escapes what a terminal acts on itself) is written as stored.
        raw = getattr(context.args, "raw_output", False) or getattr(context.args, "json", False)
        with shown_safely(raw=raw):
            code = handler(context) or EXIT_OK
        return code
    except UsageError as exc:
        code = EXIT_BAD_INPUT
        return say_failure(str(exc), code)
    except SystemExit as exc:  # -h or --version, of a command or its subcommand: argparse printed them
        code = exc.code if isinstance(exc.code, int) else EXIT_OK
        return code
    except KeyboardInterrupt:
        return say_failure("interrupted; nothing was changed", EXIT_FAILURE)
    except BrokenPipeError:
        code = EXIT_OK
        return code
    except Exception as exc:
        line, code = failure_line(exc)
        if line.startswith("unexpected error") and context is not None and context.opened:
            # Often a value edited into the file by hand: name it rather than the crash it caused.
            line, code = _stored_value_line(context) or (line, code)
        if line.startswith("unexpected error") and os.environ.get("TRACKER_DEBUG"):
            raise
        return say_failure(line, code)
    finally:
        if context is not None:
            context.close(failed=code != EXIT_OK)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line's grammar: argparse and every command's sub-parsers."""
    from tracker.commands.parser import build_parser as build  # deferred: `tracker` alone never needs it

    return build()


def _stored_value_line(context: Context) -> tuple[str, int] | None:
    """The line naming a value tracker never writes in the open database, if there is one."""
    from tracker.storage.first_look import database_errors
    from tracker.storage.stored_values import StoredValueError, refuse_foreign_values

    if context.server_url is not None:
        return None  # the scan reads a SQLite file; a server's columns hold only their own types
    try:
        refuse_foreign_values(context.db_path, trust_earlier_check=False)  # something broke: look again
    except StoredValueError as found:
        return failure_line(found)
    except database_errors(OSError):
        return None  # the file cannot be read now: the first failure is the one to tell
    return None


class _HomeDb(NamedTuple):
    value: str | None  # the --db given (even ""), None without one


def _home_only(args: list[str]) -> _HomeDb | None:
    """The --db value when the command line names no command, else None."""
    if not args:
        return _HomeDb(None)
    if len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"):
        return _HomeDb(args[1])
    if len(args) == 1 and args[0].startswith("--db="):
        return _HomeDb(args[0][5:])
    return None


def _check_text(args: list[str]) -> None:
    """Refuse arguments that are not valid text (bytes the shell could not decode as UTF-8)."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            # Bytes the shell could not decode come as surrogates U+DC80..U+DCFF; any other lone
            # surrogate (from a program, not a terminal) cannot be escaped back and is shown as \ud800.
            try:
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            except UnicodeEncodeError:
                shown = arg.encode("utf-8", "backslashreplace").decode("utf-8")
            raise InputError("argument", shown, "UTF-8 text (it has bytes that are not UTF-8)") from None


if __name__ == "__main__":
    sys.exit(main())
