"""Whole-process `tracker analyze --json` on 90-day, 240-day and 10-year demo diaries, against
an earlier checkout of the source for comparison.

    python bench/bench_trigger_budget.py [--runs 5] [--baseline-src DIR] [--changed]

DIR is another checkout of tracker (e.g. `git worktree add DIR REV`); its package is put
first on PYTHONPATH, so both run with this environment's libraries. Runs are interleaved
(new, old, new, old, ...) so a busy machine slows both alike; medians and ratios come from
this one run. Budgets: 240 days <= 2x the baseline's 240 days; 10 years <= 4 s and <= 1.5x
the 90-day run. A read of a diary unchanged since it was last found clean skips the scan for
hand-edited values; with --changed each file's time is moved before every run, so every run
is the first read after a write (the scan included).
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

HERE = Path(__file__).resolve().parent
TRACKER = [sys.executable, "-m", "tracker"]
SIZES = (90, 240, 3650)


def seconds(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline-src", type=Path)
    parser.add_argument("--changed", action="store_true", help="every run the first read after a write")
    opts = parser.parse_args()
    versions = {"this checkout": str(HERE.parent)}
    if opts.baseline_src:
        versions["baseline"] = str(opts.baseline_src.resolve())
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, XDG_DATA_HOME=folder, TRACKER_CACHE=str(Path(folder) / "cache"))
        databases = {}
        for days in SIZES:
            databases[days] = Path(folder) / f"demo{days}.db"
            subprocess.run(
                [*TRACKER, "--db", str(databases[days]), "demo", "--days", str(days), "--seed", "7"],
                env=env | {"PYTHONPATH": versions["this checkout"]},
                check=True,
                stdout=subprocess.DEVNULL,
            )
        times: dict[tuple[str, int], list[float]] = {}
        for _ in range(opts.runs):
            for days in SIZES:
                for name, source in versions.items():
                    if opts.changed:
                        os.utime(databases[days])
                    argv = [*TRACKER, "--db", str(databases[days]), "analyze", "--json"]
                    times.setdefault((name, days), []).append(seconds(argv, env | {"PYTHONPATH": source}))
    median = {key: statistics.median(values) for key, values in times.items()}
    print(f"| diary | {' | '.join(versions)} |")
    print("|---|" + "---|" * len(versions))
    for days in SIZES:
        print(f"| {days} days | " + " | ".join(f"{median[(name, days)]:.2f} s" for name in versions) + " |")
    new = "this checkout"
    print(f"\n10 years / 90 days (this checkout): {median[(new, 3650)] / median[(new, 90)]:.2f}x")
    if opts.baseline_src:
        print(f"240 days, this checkout / baseline: {median[(new, 240)] / median[('baseline', 240)]:.2f}x")


if __name__ == "__main__":
    main()
