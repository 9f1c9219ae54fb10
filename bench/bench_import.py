"""Import a large episodes CSV while other processes log: time, peak memory, and whether they waited.

    python bench/bench_import.py [--rows 1000000] [--again] [--before SRC] [--write]

Writes an episodes CSV of ROWS twitches (ten years of them, a few identical twitches in the
same second among them), imports it into a fresh database with `tracker import csv` as a
child process, and meanwhile runs `tracker log twitch` in another process again and again.
Reports the import's wall time and peak resident memory, the longest time it held the write
lock (a probe tries to take it every 20 ms), and how many of the concurrent logs succeeded, how
many said on stderr that they were waiting, and how long the slowest waited.

--again imports the same file a second time into the same database (every row already there,
so nothing is added) and reports that time against the first import's.

--before SRC also runs the same import with the tracker package found in the source tree SRC
(for example an unpacked older commit), so both sets of figures come from one run on one
machine. --write saves the table to bench/IMPORT_RESULTS.md. Not a test: nothing here fails
on a time.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tracker.core.columns import EPISODE_COLUMNS

HERE = Path(__file__).resolve().parent
LOCATIONS = ["eyelid", "lower-lip", "upper-lip", "cheek", "mouth-corner"]
SIDES = ["left", "right", "both"]
CONTEXTS = ["", "", "", "screen", "resting", "screen;tired"]


def write_episodes(path: Path, rows: int, *, seed: int = 7) -> None:
    """ROWS twitches over the ten years before yesterday; every 1000th repeats the one before."""
    rng = random.Random(seed)
    utc = dt.timezone(dt.timedelta(hours=0))
    end = dt.datetime.combine(dt.date.today() - dt.timedelta(days=1), dt.time(22, 0), utc)
    span_s = 3650 * 86400
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EPISODE_COLUMNS)
        previous: list[str] | None = None
        for n in range(rows):
            if previous is not None and n % 1000 == 999:
                writer.writerow(previous)  # an identical twitch in the same second
                continue
            started = end - dt.timedelta(seconds=rng.randrange(span_s))
            record = [
                started.isoformat(timespec="seconds"),
                started.date().isoformat(),
                rng.choice(LOCATIONS),
                rng.choice(SIDES),
                str(rng.randint(1, 5)),
                str(rng.randint(1, 120)) if rng.random() < 0.6 else "",
                rng.choice(CONTEXTS),
                "pressed" if rng.random() < 0.1 else "",
                f"bench {n}" if rng.random() < 0.05 else "",
            ]
            writer.writerow(record)
            previous = record


@dataclass
class Run:
    label: str
    seconds: float = 0.0
    peak_mb: float = 0.0
    code: int = 0
    message: str = ""
    logs: list[tuple[int, float, str]] = field(default_factory=list)  # exit code, seconds, last stderr line
    lock_s: float = 0.0  # the longest time the write lock was held, as another writer saw it
    told: int = 0  # concurrent logs that said on stderr what they were waiting for


def longest_lock(db: Path, stop: threading.Event, run: Run) -> None:
    """Try to take the write lock every 20 ms without waiting; the longest refused stretch is
    how long the import kept every other writer out."""
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    refused_since: float | None = None
    while not stop.is_set():
        now = time.perf_counter()
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            if refused_since is not None:
                run.lock_s = max(run.lock_s, now - refused_since)
            refused_since = None
        except sqlite3.OperationalError:
            refused_since = now if refused_since is None else refused_since
        stop.wait(0.02)
    conn.close()


def run_import(label: str, csv_path: Path, db: Path, env: dict[str, str], *, log_every_s: float) -> Run:
    result = Run(label)
    stop = threading.Event()

    def keep_logging() -> None:
        count = 0
        time.sleep(log_every_s)
        while not stop.is_set():
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "tracker", "--db", str(db), "log", "twitch", "--note", f"during import {count}"],
                env=env, cwd=db.parent, capture_output=True, text=True, check=False,
            )  # fmt: skip
            err = done.stderr.strip().splitlines()
            result.told += any(line.startswith("waiting for") for line in err)
            result.logs.append((done.returncode, time.perf_counter() - start, err[-1] if err else ""))
            count += 1
            stop.wait(log_every_s)

    # Run from the work folder, so `-m tracker` finds the package PYTHONPATH names rather than one
    # in the current directory. The database exists (and is migrated) before the import starts, so the concurrent logs
    # never race to create it.
    subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), "db", "upgrade"], env=env, cwd=db.parent,
                   check=True, capture_output=True)  # fmt: skip
    logger = threading.Thread(target=keep_logging, daemon=True)
    prober = threading.Thread(target=longest_lock, args=(db, stop, result), daemon=True)
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(db), "import", "csv", str(csv_path)],
        env=env, cwd=db.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    logger.start()
    prober.start()
    _, status, usage = os.wait4(process.pid, 0)
    result.seconds = time.perf_counter() - start
    stop.set()
    logger.join()
    prober.join()
    result.code = os.waitstatus_to_exitcode(status)
    out = (process.stdout.read() if process.stdout else b"").decode().strip()
    err = (process.stderr.read() if process.stderr else b"").decode().strip()
    result.message = (out or err).splitlines()[-1] if (out or err) else ""
    result.peak_mb = usage.ru_maxrss / 1024
    return result


def table(runs: list[Run], rows: int, size_mb: float, again: Run | None = None) -> str:
    lines = [
        "# Importing a large episodes CSV",
        "",
        f"Run on {dt.date.today().isoformat()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}: `tracker import csv` of {rows:,} twitches ({size_mb:.0f} MB) "
        "into a fresh database, while another process runs `tracker log twitch` every few seconds. One run each; "
        "ratios are from this one run.",
        "",
        "| code | import time | peak memory | write lock held | concurrent `log` ok / tried | told it waited "
        "| slowest `log` | import said |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for run in runs:
        ok = sum(code == 0 for code, _, _ in run.logs)
        slowest = max((seconds for _, seconds, _ in run.logs), default=0.0)
        lines.append(
            f"| {run.label} | {run.seconds:.0f} s | {run.peak_mb:.0f} MB | {run.lock_s:.1f} s | {ok} / {len(run.logs)} "
            f"| {run.told} | {slowest:.1f} s | {run.message[:90]} |"
        )
    if len(runs) == 2 and runs[1].seconds:
        before, after = runs[1], runs[0]
        lines += [
            "",
            f"After / before: time {after.seconds / before.seconds:.2f}×, "
            f"peak memory {after.peak_mb / before.peak_mb:.2f}×.",
        ]
    if again is not None:
        lines += [
            "",
            f"The same file imported again (nothing new): {again.seconds:.0f} s, "
            f"{again.seconds / runs[0].seconds:.2f}× the first import; said: {again.message[:90]}",
        ]
    failures = {err for run in runs for code, _, err in run.logs if code != 0}
    if failures:
        lines += ["", "Concurrent `log` failures said: " + "; ".join(sorted(failures))[:300]]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--again", action="store_true", help="also import the same file a second time")
    parser.add_argument("--before", type=Path, help="a source tree holding an older tracker package to compare")
    parser.add_argument("--log-every", type=float, default=3.0, metavar="SECONDS")
    parser.add_argument("--write", action="store_true", help="save the table to bench/IMPORT_RESULTS.md")
    opts = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tracker-import-bench-"))
    csv_path = work / "episodes.csv"
    write_episodes(csv_path, opts.rows)
    size_mb = csv_path.stat().st_size / 2**20
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    runs = [run_import("this checkout", csv_path, work / "after.db", env, log_every_s=opts.log_every)]
    again = None
    if opts.again:
        again = run_import("again", csv_path, work / "after.db", env, log_every_s=opts.log_every)
    if opts.before:
        before_env = {**env, "PYTHONPATH": str(opts.before.resolve())}
        runs.append(run_import("before", csv_path, work / "before.db", before_env, log_every_s=opts.log_every))
    text = table(runs, opts.rows, size_mb, again)
    print(text)
    if opts.write:
        (HERE / "IMPORT_RESULTS.md").write_text(text)
    for path in work.iterdir():
        path.unlink()
    work.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
