"""What a server diary's daily backup costs, against a file's, measured side by side in one run.

    python bench/bench_server_backup.py [--runs 5] [--days 3650]

Starts a throwaway cluster the way the tests do (tests/helpers/postgres.py), copies a demo diary
of `--days` days into it, then times, interleaved:
- the server diary's snapshot into a SQLite backup (what the day's backup process spends), and
  the file's online backup of the same diary (tracker.storage.backup);
- the day's first `tracker log` on the server diary (it starts the backup's process) against a
  later one the same day (nothing to start), whole processes.
Not a test: nothing here fails on a time. Ratios are what count on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers import postgres as pg  # the tests' cluster, from a checkout

TRACKER = [sys.executable, "-m", "tracker"]


def wall(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--days", type=int, default=3650)
    options = parser.parse_args()
    reason = pg.missing()
    if reason:
        print(f"skipped: {reason}")
        return 0
    from tracker.storage.backup import backup_database
    from tracker.storage.postgres import open_server, server_url
    from tracker.storage.server_backups import backup_server, backup_stand_in

    cluster = pg.start()
    work = Path(tempfile.mkdtemp(prefix="bench-server-backup-"))
    quiet = {**os.environ, "TRACKER_BACKUPS": "off"}
    try:
        diary = work / "diary.db"
        subprocess.run([*TRACKER, "--db", str(diary), "demo", "--days", str(options.days)], env=quiet, check=True,
                       capture_output=True)  # fmt: skip
        server = cluster.new_database()
        subprocess.run([*TRACKER, "db", "copy", str(diary), server], env=quiet, check=True, capture_output=True)
        os.environ["TRACKER_BACKUPS"] = str(work / "backups")
        url = server_url(server)
        engine = open_server(server, read_only=True)
        snapshots, file_copies = [], []
        for _ in range(options.runs):
            (work / "file-copies").mkdir()
            start = time.perf_counter()
            backup_server(url, engine)
            snapshots.append(time.perf_counter() - start)
            start = time.perf_counter()
            backup_database(diary, work / "file-copies")
            file_copies.append(time.perf_counter() - start)
            shutil.rmtree(work / "backups", ignore_errors=True)
            shutil.rmtree(work / "file-copies", ignore_errors=True)
        engine.dispose()
        firsts, laters = [], []
        env = {**os.environ}
        folder = backup_stand_in(url).parent
        for _ in range(options.runs):
            shutil.rmtree(folder, ignore_errors=True)
            firsts.append(wall([*TRACKER, "--db", server, "log", "stress", "3"], env))
            deadline = time.monotonic() + 300
            while not any(folder.glob("*.backup.db")) and time.monotonic() < deadline:
                time.sleep(0.05)  # the copy done: a quiet machine again
            laters.append(wall([*TRACKER, "--db", server, "log", "stress", "3"], env))
        snap, copy = statistics.median(snapshots), statistics.median(file_copies)
        first, later = statistics.median(firsts), statistics.median(laters)
        print(f"{options.days} days; medians of {options.runs} runs")
        print(f"server snapshot to SQLite: {snap * 1000:.0f} ms; file online backup: {copy * 1000:.0f} ms "
              f"(ratio {snap / copy:.1f}x)")  # fmt: skip
        print(f"day's first `log` on the server: {first * 1000:.0f} ms; a later one: {later * 1000:.0f} ms "
              f"(ratio {first / later:.2f}x, +{(first - later) * 1000:.0f} ms)")  # fmt: skip
    finally:
        pg.stop(cluster)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
