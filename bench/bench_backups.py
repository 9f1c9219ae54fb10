"""What the daily backup and `tracker remind` cost, measured side by side in one run.

    python bench/bench_backups.py [--runs 9] [--ten-years DB]

- The day's first `tracker log` on a 10-year diary (it starts the backup's own process) against
  a later one the same day (nothing to start), whole processes, interleaved: the added time.
- The backup itself on that diary (online copy, full integrity check, named once synced), in
  this process, for scale: what the started process spends.
- The backup folder after a simulated year of daily use: a copy a day, thinned as the day's
  backup thins, of a diary holding a year of demo entries.
- `tracker remind` as a whole process against `python -c pass` (the budget: 1.5 x that + 30 ms).

Not a test: nothing here fails on a time. Ratios are what count on a shared machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRACKER = [sys.executable, "-m", "tracker"]


def wall(argv: list[str], env: dict[str, str]) -> float:
    return timed(argv, env)[0]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one whole process. On a shared machine
    the wall time also counts the wait for a core; the CPU time is this process's own work."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def demo(path: Path, days: int) -> None:
    subprocess.run([*TRACKER, "--db", str(path), "demo", "--days", str(days)], check=True, capture_output=True,
                   env={**os.environ, "TRACKER_BACKUPS": "off"})  # fmt: skip


def first_write(db: Path, folder: Path, runs: int) -> tuple[float, float]:
    """Medians (s) of the day's first `log` and of a later one, whole processes, interleaved."""
    from tracker.storage.backup import list_backups

    env = {**os.environ, "TRACKER_BACKUPS": str(folder)}
    firsts, laters = [], []
    for _ in range(runs):
        shutil.rmtree(folder, ignore_errors=True)
        firsts.append(wall([*TRACKER, "--db", str(db), "log", "stress", "3"], env))
        deadline = time.monotonic() + 120
        while not list_backups(db, folder) and time.monotonic() < deadline:  # the copy done: a quiet machine again
            time.sleep(0.05)
        laters.append(wall([*TRACKER, "--db", str(db), "log", "stress", "3"], env))
    return statistics.median(firsts), statistics.median(laters)


def hook_time(db: Path, folder: Path, runs: int) -> float:
    """Median (s) of what the day's first write itself spends on the backup: the engine hook
    finding no copy of today and starting the backup's process (not waiting for it)."""
    from tracker.storage import daily_backup
    from tracker.storage.backup import list_backups

    os.environ["TRACKER_BACKUPS"] = str(folder)
    times = []
    for _ in range(runs):
        shutil.rmtree(folder, ignore_errors=True)
        daily_backup._checked.clear()
        start = time.perf_counter()
        daily_backup.backup_if_first_today(db)
        times.append(time.perf_counter() - start)
        deadline = time.monotonic() + 120
        while not list_backups(db, folder) and time.monotonic() < deadline:
            time.sleep(0.05)
    return statistics.median(times)


def copy_time(db: Path, folder: Path, runs: int) -> float:
    from tracker.storage.backup import backup_database

    times = []
    for _ in range(runs):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        start = time.perf_counter()
        backup_database(db, folder)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def simulated_year(db: Path, folder: Path) -> tuple[int, int]:
    """(copies kept, bytes) after a copy on each of 365 days."""
    import time_machine

    from tracker.storage.daily_backup import take_daily_backup

    os.environ["TRACKER_BACKUPS"] = str(folder)
    day = dt.datetime(2026, 1, 1, 20, 0)
    for _ in range(365):
        with time_machine.travel(day, tick=False):
            take_daily_backup(db, dt.datetime.now())
        day += dt.timedelta(days=1)
    copies = list(folder.iterdir())
    return len(copies), sum(copy.stat().st_size for copy in copies)


# What the installed `tracker` script runs (`python -m` adds runpy's own imports).
SCRIPT = [sys.executable, "-c", "import sys; from tracker.quick import main; sys.exit(main())"]


def remind_time(db: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of `python -c pass` and of `tracker remind`, interleaved."""
    env = dict(os.environ)
    argvs = {"pass": [sys.executable, "-c", "pass"], "remind": [*SCRIPT, "--db", str(db), "remind"]}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in argvs}
    for _ in range(runs):
        for name, argv in argvs.items():
            times[name].append(timed(argv, env))
    return {
        name: (statistics.median(t[0] for t in runs_), statistics.median(t[1] for t in runs_))
        for name, runs_ in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--ten-years", type=Path, help="a `tracker demo --days 3650` database to copy")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        ten = root / "ten.db"
        if args.ten_years:
            shutil.copy(args.ten_years, ten)
        else:
            demo(ten, 3650)
        year = root / "year.db"
        demo(year, 365)
        first, later = first_write(ten, root / "backups-ten", args.runs)
        copy = copy_time(ten, root / "copy", args.runs)
        hook = hook_time(ten, root / "backups-hook", args.runs)
        kept, size = simulated_year(year, root / "backups-year")
        reminder = remind_time(ten, args.runs * 2)
        ten_size, year_size = ten.stat().st_size, year.stat().st_size
    mb = 1024 * 1024
    print(f"10-year diary: {ten_size / mb:.1f} MB; medians of {args.runs} runs, interleaved")
    print(f"  day's first `log` (starts the copy): {first * 1000:.0f} ms; a later `log`: {later * 1000:.0f} ms;"
          f" added {(first - later) * 1000:+.0f} ms ({first / later:.2f}x)")  # fmt: skip
    print(f"  in the write itself, starting the copy: {hook * 1000:.1f} ms ({hook / later:.3f}x a later `log`)")
    print(
        f"  the copy itself (online backup, integrity check, synced): {copy * 1000:.0f} ms"
        f" ({copy / later:.2f}x a `log`)"
    )
    print(f"a year of daily copies of a 1-year diary ({year_size / mb:.2f} MB): {kept} kept,"
          f" {size / mb:.1f} MB ({size / year_size:.1f}x the diary)")  # fmt: skip
    for index, what in ((0, "wall"), (1, "CPU")):
        plain, remind = reminder["pass"][index], reminder["remind"][index]
        budget = 1.5 * plain + 0.030
        print(f"`tracker remind` on the 10-year diary, {what}: {remind * 1000:.0f} ms against `python -c pass`"
              f" {plain * 1000:.0f} ms ({remind / plain:.2f}x; 1.5x + 30 ms = {budget * 1000:.0f} ms:"
              f" {'within' if remind <= budget else 'over'})")  # fmt: skip


if __name__ == "__main__":
    main()
