"""The TUI's start-up on a diary kept on a local PostgreSQL server, beside a SQLite file and the
minimal Textual app, in a real pseudo-terminal. Not a test.

Budget (a server diary has no file to glance at, so the first screen waits for the real read):
first screen <= 1.3x the minimal app's, and today's rows on screen <= 1 s after the first screen.
Every figure is the median of several launches in this one run, interleaved so that a busy
moment of the machine falls on all three alike; the ratios are what compares across machines.

    python bench/bench_server_tui.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_tui import MARKER, make_database, medians, minimal_run, quit_app, spawn, wait_for
from tests.helpers import postgres as pg  # the tests' cluster, from a checkout


def tracker_start(db: str) -> dict[str, float]:
    """Seconds from launch to the first screen, and from the first screen to today's rows."""
    child, start = spawn([sys.executable, "-m", "tracker", "--db", db])
    first = wait_for(child, "Today")
    loaded = wait_for(child, MARKER)
    quit_app(child)
    return {"first": first - start, "rows_after": loaded - first}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = max(parser.parse_args().runs, 1)
    reason = pg.missing()
    if reason:
        print(f"skipped: {reason}")
        return 0
    cluster = pg.start()
    try:
        server = cluster.new_database()
        with tempfile.TemporaryDirectory() as folder:
            sqlite = Path(folder) / "tracker.db"
            make_database(sqlite, 30)  # 30 demo days and a twitch now, whose note is waited for
            subprocess.run([sys.executable, "-m", "tracker", "db", "copy", str(sqlite), server], check=True,
                           capture_output=True)  # fmt: skip
            minimal, on_file, on_server = [], [], []
            for _ in range(runs):
                minimal.append(minimal_run())
                on_file.append(tracker_start(str(sqlite)))
                on_server.append(tracker_start(server))
    finally:
        pg.stop(cluster)
    base, lite, remote = medians(minimal), medians(on_file), medians(on_server)
    print(f"TUI start-up, 30 days, medians of {runs} launches (cpus: {os.cpu_count()}); ratios to the minimal app")
    print(f"  minimal app, first screen: {base['first'] * 1000:.0f} ms")
    for name, result in (("SQLite file", lite), ("local PostgreSQL", remote)):
        first, after = result["first"], result["rows_after"]
        print(f"  {name}: first screen {first * 1000:.0f} ms = {first / base['first']:.2f}x (budget <= 1.3x); "
              f"today's rows {after * 1000:.0f} ms after it (budget on a server: <= 1 s)")  # fmt: skip
    whole = (remote["first"] + remote["rows_after"]) / (lite["first"] + lite["rows_after"])
    print(f"  server / file: first screen {remote['first'] / lite['first']:.2f}x, to today's rows {whole:.2f}x")
    spread = statistics.pstdev(run["first"] for run in on_server)
    print(f"  spread of the server's first screen: {spread * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
