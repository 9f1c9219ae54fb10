"""Where a 10-year `tracker analyze` spends its extra time over a 90-day one, phase by phase,
against an earlier checkout of the source.

    python bench/bench_analysis_phases.py [--runs 7] [--baseline-src DIR]

Each run is a fresh process on a demo diary (made here, `tracker demo --seed 7`) that times,
in CPU time, reading the diary (`load_history`), the first analysis (`analysis_of`, the
imports it defers included: pandas, scipy.special, and before they went, patsy and
scipy.linalg), and the same analysis again (warm). Whole-process timings on a shared
two-core machine move by more than the differences these show; a phase measured inside its
own process does not carry the others' noise. Runs are interleaved (sizes, then versions).
DIR is another checkout of tracker, run with this environment's libraries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (90, 3650)
PROBE = """
import datetime as dt, sys, time
from pathlib import Path
from tracker.storage.engine import open_read_only, session_scope
from tracker.storage.history import load_history
from tracker.report.outputs import analysis_of
engine = open_read_only(Path(sys.argv[1]))
started = time.process_time()
with session_scope(engine, write=False) as session:
    history = load_history(session=session)
load = time.process_time() - started
started = time.process_time(); analysis_of(history, history.as_of); first = time.process_time() - started
started = time.process_time(); analysis_of(history, history.as_of); again = time.process_time() - started
print(load, first, again)
"""


def interleaved(
    probe: str, versions: dict[str, str], runs: int, env_extra: dict[str, str] | None = None
) -> tuple[dict[tuple[str, int], list[list[float]]], list[float]]:
    """Run `probe` (its figures printed on one line) on a demo diary of each of SIZES, `runs`
    times, each version in turn (interleaved, so a change in load falls on all alike); returns
    the figures by (version, days) and the load averages seen between rounds."""
    loads = [os.getloadavg()[0]]
    samples: dict[tuple[str, int], list[list[float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, XDG_DATA_HOME=folder, TRACKER_CACHE=str(Path(folder) / "cache"), **(env_extra or {}))
        for days in SIZES:
            demo = ["demo", "--days", str(days), "--seed", "7"]
            subprocess.run(
                [sys.executable, "-m", "tracker", "--db", f"{folder}/{days}.db", *demo],
                env=env | {"PYTHONPATH": versions["this checkout"]}, cwd=folder, check=True,
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
        for _ in range(runs):
            for days in SIZES:
                for name, source in versions.items():
                    # In a bare folder: `python -c` puts its working folder first on sys.path, so
                    # run from a checkout, that checkout's tracker would stand in for `source`.
                    done = subprocess.run(
                        [sys.executable, "-c", probe, f"{folder}/{days}.db"],
                        env=env | {"PYTHONPATH": source}, cwd=folder, capture_output=True, text=True, check=True,
                    )  # fmt: skip
                    samples.setdefault((name, days), []).append([float(x) for x in done.stdout.split()])
            loads.append(os.getloadavg()[0])
    return samples, loads


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline-src", type=Path)
    opts = parser.parse_args()
    versions = {"this checkout": str(HERE.parent)}
    if opts.baseline_src:
        versions["baseline"] = str(opts.baseline_src.resolve())
    samples, loads = interleaved(PROBE, versions, opts.runs)
    print(f"CPU time, medians of {opts.runs} interleaved runs; load average {min(loads):.1f}–{max(loads):.1f}.\n")
    print("| version | diary | reading the diary | analysis, first call | analysis, again |")
    print("|---|---|---|---|---|")
    median = {key: [statistics.median(run[i] for run in runs) for i in range(3)] for key, runs in samples.items()}
    for name in versions:
        for days in SIZES:
            load, first, again = median[(name, days)]
            print(f"| {name} | {days} days | {load * 1000:.0f} ms | {first * 1000:.0f} ms | {again * 1000:.0f} ms |")
    for name in versions:
        extra = [1000 * (median[(name, SIZES[1])][i] - median[(name, SIZES[0])][i]) for i in range(3)]
        print(
            f"\n{name}, ten years over 90 days: reading +{extra[0]:.0f} ms, first analysis +{extra[1]:.0f} ms, "
            f"warm analysis +{extra[2]:.0f} ms",
            end="",
        )
    print()


if __name__ == "__main__":
    main()
