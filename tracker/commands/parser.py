"""The `tracker` command line's grammar: every command module registers its sub-commands here.

Kept apart from tracker.cli (which runs a command) and from the command context (which every
command module imports), so neither needs the other and no command module needs this one.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import NoReturn, TypeVar, overload

from tracker import __version__
from tracker.errors import UsageError

_N = TypeVar("_N")  # the namespace argparse fills in, as in its own signature


class Parser(argparse.ArgumentParser):
    """argparse that reports a mistake in one line instead of usage plus a message."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("tracker").strip()
        raise UsageError(f"{command}: {message}" if command else message)

    # argparse's own three signatures, so this stays a drop-in for it.
    @overload
    def parse_args(self, args: Iterable[str] | None = None, namespace: None = None) -> argparse.Namespace: ...
    @overload
    def parse_args(self, args: Iterable[str] | None, namespace: _N) -> _N: ...
    @overload
    def parse_args(self, *, namespace: _N) -> _N: ...
    def parse_args(self, args: Iterable[str] | None = None, namespace: object = None) -> object:
        """As argparse's, but `--note -left` gives the note "-left" (tracker.commands.dash_words)."""
        from tracker.commands.dash_words import join_dash_values, text_dashes_back

        parsed = super().parse_args(None if args is None else join_dash_values(self, list(args)), namespace)
        return text_dashes_back(parsed) if isinstance(parsed, argparse.Namespace) else parsed


def build_parser() -> Parser:
    parser = Parser(
        prog="tracker",
        description="Log facial twitching and the daily factors that may go with it. "
        "With no command, opens the tracker.",
        epilog="Data stays on this machine. `tracker COMMAND --help` explains each command.",
    )
    parser.add_argument("--db", metavar="PATH", help="database file (default: $TRACKER_DB, then the user data dir)")
    parser.add_argument("--version", action="version", version=f"tracker {__version__}")
    from tracker.commands import command_modules

    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in command_modules():
        module.register(commands)
    return parser
