"""A driver for the crash and concurrency tests: the real `tracker.cli.main`, called in a loop.

Running the CLI in one long-lived process makes each entry cost milliseconds instead of a
Python start-up, so a test can log hundreds of entries and kill the writer mid-flight.

    python cli_loop.py write|twitches DB TAG [COUNT] [--wait]
        logs entries noted TAG-0, TAG-1, ... (`write`: every fourth one caffeine, the rest
        twitches; `twitches`: only twitches); prints "ack TAG-i" only after `main` returned 0
        for it. COUNT omitted: forever.
    python cli_loop.py read DB [--wait]
        runs `list --json` and `export csv` until stdin closes; prints "read N" per pass.

Both print "ready" once imported; with --wait they then wait for a line on stdin, so several
drivers can start their work at the same moment.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import select
import sys

# Imported up front so that "ready" means the loop is about to write, not to import for a second.
import tracker.commands.log
import tracker.io.export
import tracker.storage.engine
import tracker.storage.queries
import tracker.storage.store  # noqa: F401
from tracker.cli import main


def write(db: str, tag: str, count: int | None, *, mixed: bool = True) -> int:
    for i in itertools.count() if count is None else range(count):
        note = f"{tag}-{i}"
        if mixed and i % 4 == 3:
            argv = ["--db", db, "log", "caffeine", "50", "--note", note]
        else:
            argv = ["--db", db, "log", "twitch", "--intensity", str(1 + i % 5), "--note", note]
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(argv)
        if code != 0:
            print(f"failed {note} exit {code}", flush=True)
            return code
        print(f"ack {note}", flush=True)
    return 0


def read(db: str) -> int:
    passes = 0
    while not _stdin_closed():
        listing = io.StringIO()
        with contextlib.redirect_stdout(listing):
            listed = main(["--db", db, "list", "--from", "2000-01-01", "--json"])
        exported = io.StringIO()
        with contextlib.redirect_stdout(exported):
            code = main(["--db", db, "export", "csv", "--episodes"])
        if listed != 0 or code != 0:
            print(f"failed read exit {listed}/{code}", flush=True)
            return 1
        twitches = sum(item["type"] == "twitch" for item in json.loads(listing.getvalue()))
        rows = exported.getvalue().count("\r\n") - 1
        passes += 1
        print(f"read {passes} listed {twitches} exported {rows}", flush=True)
    return 0


def _stdin_closed() -> bool:
    ready, _, _ = select.select([sys.stdin], [], [], 0)
    return bool(ready) and sys.stdin.readline() == ""


if __name__ == "__main__":
    args = [arg for arg in sys.argv[1:] if arg != "--wait"]
    print("ready", flush=True)
    if "--wait" in sys.argv:
        sys.stdin.readline()
    if args[0] in ("write", "twitches"):
        sys.exit(write(args[1], args[2], int(args[3]) if len(args) > 3 else None, mixed=args[0] == "write"))
    sys.exit(read(args[1]))
