"""The `tracker` command's entry: a plain `tracker remind` runs on the standard library alone.

`tracker remind` is meant for a shell prompt or a timer, so it must cost little more than
starting Python: the full command line (argparse and every command's grammar, ~0.1 s) is
built only for everything else, by tracker.cli.
"""

from __future__ import annotations

import sys


def main() -> int:
    """Run the command line; returns the exit code."""
    args = sys.argv[1:]
    if "remind" in args[:3]:
        import os

        os.umask(0o077)  # as tracker.cli: nothing is written here, but nothing ever loosens it
        from tracker.commands.remind import main_quick

        code = main_quick(args)
        if code is not None:
            return code
    from tracker.cli import main as full

    return full()
