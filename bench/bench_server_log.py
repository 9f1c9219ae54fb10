"""`tracker log twitch`, the whole process, on a local PostgreSQL server against a SQLite file.

Starts a throwaway cluster the way the tests do (tests/helpers/postgres.py: a Unix socket, no
TCP port), opens both diaries once (the migration is not what is measured), then times each
command side by side in this one run and prints the medians and their ratio. Not a test.

    python bench/bench_server_log.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers import postgres as pg  # the tests' cluster, from a checkout

TRACKER = [sys.executable, "-m", "tracker"]


def once(db: str) -> float:
    start = time.perf_counter()
    subprocess.run([*TRACKER, "--db", db, "log", "twitch"], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    reason = pg.missing()
    if reason:
        print(f"skipped: {reason}")
        return 0
    cluster = pg.start()
    try:
        server = cluster.new_database()
        with tempfile.TemporaryDirectory() as folder:
            sqlite = str(Path(folder) / "tracker.db")
            for db in (sqlite, server):
                once(db)  # creates the diary: the upgrade is not what is measured
            times: dict[str, list[float]] = {sqlite: [], server: []}
            for _ in range(runs):  # alternated, so a busy moment of the machine falls on both
                for db in times:
                    times[db].append(once(db))
        lite, remote = statistics.median(times[sqlite]), statistics.median(times[server])
        print(f"tracker log twitch, whole process, median of {runs} (cpus: {os.cpu_count()}):")
        print(f"  SQLite file:             {lite * 1000:.0f} ms")
        print(f"  local PostgreSQL server: {remote * 1000:.0f} ms")
        print(f"  server / file:           {remote / lite:.2f}×")
    finally:
        pg.stop(cluster)
    return 0


if __name__ == "__main__":
    sys.exit(main())
