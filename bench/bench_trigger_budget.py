"""Whole-process `tracker analyze --json` (and `tracker report`) on 90-day, 240-day and 10-year
demo diaries, against an earlier checkout of the source for comparison.

    python bench/bench_trigger_budget.py [--runs 5] [--baseline-src DIR] [--changed] [--report]
                                         [--sizes 90 240 3650] [--markdown]

DIR is another checkout of tracker (e.g. `git worktree add DIR REV`); its package is put
first on PYTHONPATH, so both run with this environment's libraries. Runs are interleaved
(new, old, new, old, ...) so a busy machine slows both alike; medians and ratios come from
this one run. Each run's CPU time (user + system, from the kernel's account of the child) is
the figure to read on a shared machine: wall time also counts the time other programs had
the cores. Budgets: `analyze` on 240 days <= 2x the baseline's 240 days; on 10 years <= 4 s
and <= 1.5x the 90-day run; `report` on 10 years <= 1.5x its 90-day run and <= 3 s.
A read of a diary unchanged since it was last found clean skips the scan for hand-edited
values; with --changed each file's time is moved before every run, so every run is the first
read after a write (the scan included).
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
NEW = "this checkout"


def measured(argv: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one whole process, run in `cwd`."""
    started = time.perf_counter()
    # `python -m` puts its working folder first on sys.path: run from a checkout, that checkout's
    # tracker would stand in for the one PYTHONPATH names, so every version runs in a bare folder.
    process = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        err = process.stderr.read().decode() if process.stderr else ""
        raise RuntimeError(f"{' '.join(argv)} failed: {err.strip()[-300:]}")
    return usage.ru_utime + usage.ru_stime, wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline-src", type=Path)
    parser.add_argument("--changed", action="store_true", help="every run the first read after a write")
    parser.add_argument("--report", action="store_true", help="time `tracker report` too")
    parser.add_argument("--sizes", type=int, nargs="+", default=[90, 240, 3650])
    parser.add_argument("--markdown", action="store_true", help="print only the table")
    opts = parser.parse_args()
    versions = {NEW: str(HERE.parent)}
    if opts.baseline_src:
        versions["baseline"] = str(opts.baseline_src.resolve())
    commands = {"analyze": ["analyze", "--json"]}
    loads = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as folder:
        if opts.report:
            commands["report"] = ["report", "-o", str(Path(folder) / "report.pdf")]
        env = dict(os.environ, XDG_DATA_HOME=folder, TRACKER_CACHE=str(Path(folder) / "cache"), MPLBACKEND="Agg")
        databases = {}
        for days in opts.sizes:
            databases[days] = Path(folder) / f"demo{days}.db"
            subprocess.run(
                [*TRACKER, "--db", str(databases[days]), "demo", "--days", str(days), "--seed", "7"],
                env=env | {"PYTHONPATH": versions[NEW]},
                cwd=folder,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        times: dict[tuple[str, str, int], list[tuple[float, float]]] = {}
        for _ in range(opts.runs):
            for command, argv in commands.items():
                for days in opts.sizes:
                    for name, source in versions.items():
                        if opts.changed:
                            os.utime(databases[days])
                        full = [*TRACKER, "--db", str(databases[days]), *argv]
                        sample = measured(full, env | {"PYTHONPATH": source}, folder)
                        times.setdefault((command, name, days), []).append(sample)
            loads.append(os.getloadavg()[0])
    cpu = {key: statistics.median(s[0] for s in samples) for key, samples in times.items()}
    wall = {key: statistics.median(s[1] for s in samples) for key, samples in times.items()}
    longest, shortest = max(opts.sizes), min(opts.sizes)
    if not opts.markdown:
        print(__doc__.split("\n\n")[0])
    print(
        f"Medians of {opts.runs} interleaved runs; load average {min(loads):.1f}–{max(loads):.1f} during the run"
        + ("; every run the first read after a write." if opts.changed else "; the diary unchanged between reads.")
    )
    print()
    sizes = " | ".join(f"{d} days CPU (wall)" for d in opts.sizes)
    print(f"| command | version | {sizes} | {longest} / {shortest} days, CPU (wall) |")
    print("|---|---|" + "---|" * (len(opts.sizes) + 1))
    for command in commands:
        for name in versions:
            figures = [f"{cpu[(command, name, d)]:.2f} s ({wall[(command, name, d)]:.2f} s)" for d in opts.sizes]
            ratio_cpu = cpu[(command, name, longest)] / cpu[(command, name, shortest)]
            ratio_wall = wall[(command, name, longest)] / wall[(command, name, shortest)]
            print(f"| `{command}` | {name} | " + " | ".join(figures) + f" | {ratio_cpu:.2f}× ({ratio_wall:.2f}×) |")
    if opts.baseline_src and 240 in opts.sizes:
        share = cpu[("analyze", NEW, 240)] / cpu[("analyze", "baseline", 240)]
        print(f"\n`analyze`, 240 days, this checkout / baseline (CPU): {share:.2f}×")


if __name__ == "__main__":
    main()
