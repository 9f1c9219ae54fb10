"""What the Today screen's watch for entries written elsewhere costs on the UI thread.

Every couple of seconds the app asks SQLite's `PRAGMA data_version` (tracker.tui.diary_watch);
only when it moved does the day load again. This compares one question with one load of the
day, on a 10-year demo diary, medians of many runs measured side by side. Not a test.

    python bench/bench_diary_watch.py [--runs 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def median_seconds(job, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.db"
        subprocess.run([sys.executable, "-m", "tracker", "--db", str(path), "demo", "--days", "3650"], check=True)

        from tracker.storage.engine import open_database
        from tracker.tui.diary import Diary
        from tracker.tui.diary_watch import WATCH_SECONDS, DiaryWatch

        engine = open_database(path)
        diary = Diary(db_path=path, engine=engine)
        watch = DiaryWatch(path)
        today = dt.date.today()
        ask = median_seconds(watch.changed, runs)
        load = median_seconds(lambda: diary.load_day(today), max(runs // 10, 5))
        watch.close()
        engine.dispose()
    print(f"one data_version question: {ask * 1e6:.0f} µs; one load of the day: {load * 1e3:.1f} ms")
    print(f"a load costs {load / ask:.0f} questions; the UI thread asks once per {WATCH_SECONDS:g} s")


if __name__ == "__main__":
    main()
