"""The `tracker` command's entry: a plain `tracker remind`, and the commonest `tracker log`s
(a twitch, a factor's value, a no-twitch day, the day's note), run on the standard library alone.

`tracker remind` is meant for a shell prompt or a timer and `tracker log` for a shell alias,
many times a day, so they must cost little more than starting Python: the full command line
(argparse and every command's grammar, ~0.1 s) and the database stack (~0.3 s) are loaded
only for everything else, by tracker.cli.
"""

from __future__ import annotations

import sys


def main() -> int:
    """Run the command line; returns the exit code."""
    args = sys.argv[1:]
    if "remind" in args[:3] or "log" in args[:3]:
        import os

        os.umask(0o077)  # as tracker.cli: everything tracker writes is owner-only
        if "log" in args[:3]:
            from tracker.commands.log_quick import main_quick
        else:
            from tracker.commands.remind import main_quick

        code = main_quick(args)
        if code is not None:
            return code
    from tracker.cli import main as full

    return full()
