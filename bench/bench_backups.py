"""What the daily backup and `tracker remind` cost, measured side by side in one run.

    python bench/bench_backups.py [--runs 9] [--ten-years DB] [--write]

- The day's first `tracker log` on a 10-year diary, with the daily backup and without it
  (TRACKER_BACKUPS=off): whole processes, each on a fresh copy of the same diary with no copy
  of that day yet, so both are exactly the first write of a day; interleaved, the order
  alternating. The difference and the ratio are the backup's cost to that write. Each copy the
  backup made is opened to see whether it holds the write that started it.
- The backup itself on that diary (online copy, full integrity check, named once synced), in
  this process, for scale: what the started process spends.
- The backup folder after a simulated year of daily use: a copy a day, thinned as the day's
  backup thins, of a diary holding a year of demo entries.
- `tracker remind` as a whole process against `python -c pass` (the budget: 1.5 x that + 30 ms),
  finding the default diary (as at a shell prompt) and one named with --db.

    --write also saves the figures to bench/BACKUP_RESULTS.md.

Not a test: nothing here fails on a time. Ratios are what count on a shared machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRACKER = [sys.executable, "-m", "tracker"]


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one whole process. On a shared machine
    the wall time also counts the wait for a core; the CPU time is this process's own work."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def copies_of(db: Path, folder: Path) -> list[Path]:
    """The copies of `db` under `folder`, which TRACKER_BACKUPS names: each diary's are in a
    folder of its own inside it (tracker.paths.backups_dir)."""
    from tracker.storage.backup import list_backups

    return [copy for sub in (folder, *folder.glob("*")) if sub.is_dir() for copy in list_backups(db, sub)]


def demo(path: Path, days: int) -> None:
    subprocess.run([*TRACKER, "--db", str(path), "demo", "--days", str(days)], check=True, capture_output=True,
                   env={**os.environ, "TRACKER_BACKUPS": "off"})  # fmt: skip


def first_write(ten: Path, root: Path, runs: int) -> dict[str, list[float]]:
    """Wall seconds of the day's first `log` on a fresh copy of `ten`, with the daily backup
    ("with") and without ("without"), interleaved; and, per run with it, 1.0 when the copy it
    made holds the triggering write, else 0.0 ("held")."""

    def entries(path: Path) -> int:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM factor_entry").fetchone()[0])
        finally:
            conn.close()

    before = entries(ten)
    times: dict[str, list[float]] = {"with": [], "without": [], "with cpu": [], "without cpu": [], "held": []}
    for run in range(runs):
        for backup in (True, False) if run % 2 == 0 else (False, True):
            db, folder = root / f"first-{run}-{backup}.db", root / f"backups-first-{run}"
            shutil.copy(ten, db)  # a diary whose last write was yesterday: no copy of today yet
            env = {**os.environ, "TRACKER_BACKUPS": str(folder) if backup else "off"}
            seconds, cpu = timed([*TRACKER, "--db", str(db), "log", "stress", "3"], env)
            times["with" if backup else "without"].append(seconds)
            times["with cpu" if backup else "without cpu"].append(cpu)
            if backup:
                deadline = time.monotonic() + 120
                while not (copies := copies_of(db, folder)):
                    if time.monotonic() > deadline:
                        raise SystemExit("the day's backup never appeared")
                    time.sleep(0.05)
                time.sleep(0.5)  # its process thins and ends: a quiet machine for the next run
                times["held"].append(1.0 if entries(copies[0]) == before + 1 else 0.0)
    return times


def hook_time(db: Path, folder: Path, runs: int) -> float:
    """Median (s) of what the day's first write itself spends on the backup: the engine hook
    finding no copy of today and starting the backup's process (not waiting for it)."""
    from tracker.storage import daily_backup

    os.environ["TRACKER_BACKUPS"] = str(folder)
    times = []
    for _ in range(runs):
        shutil.rmtree(folder, ignore_errors=True)
        daily_backup._checked.clear()
        start = time.perf_counter()
        daily_backup.backup_if_first_today(db)
        times.append(time.perf_counter() - start)
        deadline = time.monotonic() + 120
        while not copies_of(db, folder) and time.monotonic() < deadline:
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
    copies = copies_of(db, folder)
    return len(copies), sum(copy.stat().st_size for copy in copies)


# What the installed `tracker` script runs (`python -m` adds runpy's own imports).
SCRIPT = [sys.executable, "-c", "import sys; from tracker.quick import main; sys.exit(main())"]


def remind_time(db: Path, root: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of `python -c pass` and of `tracker remind`, finding the
    default diary (XDG_DATA_HOME, as at a shell prompt) and one named with --db; interleaved."""
    data = root / "data"
    (data / "tracker").mkdir(parents=True)
    shutil.copy(db, data / "tracker" / "tracker.db")
    plain = {key: value for key, value in os.environ.items() if key != "TRACKER_DB"}
    argvs = {
        "pass": ([sys.executable, "-c", "pass"], plain),
        "remind": ([*SCRIPT, "remind"], {**plain, "XDG_DATA_HOME": str(data)}),
        "remind --db": ([*SCRIPT, "--db", str(db), "remind"], plain),
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in argvs}
    for _ in range(runs):
        for name, (argv, env) in argvs.items():
            times[name].append(timed(argv, env))
    return {
        name: (statistics.median(t[0] for t in runs_), statistics.median(t[1] for t in runs_))
        for name, runs_ in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--ten-years", type=Path, help="a `tracker demo --days 3650` database to copy")
    parser.add_argument("--write", action="store_true", help="save the figures to bench/BACKUP_RESULTS.md")
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
        first = first_write(ten, root, args.runs)
        copy = copy_time(ten, root / "copy", args.runs)
        hook = hook_time(ten, root / "backups-hook", args.runs)
        kept, size = simulated_year(year, root / "backups-year")
        reminder = remind_time(ten, root, args.runs * 2)
        ten_size, year_size = ten.stat().st_size, year.stat().st_size
    mb = 1024 * 1024
    with_, without = statistics.median(first["with"]), statistics.median(first["without"])
    with_cpu, without_cpu = statistics.median(first["with cpu"]), statistics.median(first["without cpu"])
    held = sum(first["held"])
    lines = [
        f"Daily backup and `tracker remind`, {platform.python_implementation()} {platform.python_version()},"
        f" {os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f} at the end: wall times count the wait for"
        f" a core, CPU times do not), one run on {dt.date.today()}; medians of {args.runs} runs, interleaved",
        "",
        f"- 10-year diary: {ten_size / mb:.1f} MB",
        f"- the day's first `tracker log`, whole process: with the daily backup {with_ * 1000:.0f} ms, without it"
        f" {without * 1000:.0f} ms: added {(with_ - without) * 1000:+.0f} ms ({with_ / without:.2f}x); its own CPU"
        f" {with_cpu * 1000:.0f} ms against {without_cpu * 1000:.0f} ms:"
        f" added {(with_cpu - without_cpu) * 1000:+.0f} ms ({with_cpu / without_cpu:.2f}x)",
        f"- the copy that first write started held that write in {held:.0f} of {len(first['held'])} runs",
        f"- in the write itself, starting the copy: {hook * 1000:.1f} ms ({hook / without:.3f}x the write)",
        f"- the copy itself (online backup, integrity check, synced), in its own process: {copy * 1000:.0f} ms",
        f"- a year of daily copies of a 1-year diary ({year_size / mb:.2f} MB): {kept} kept,"
        f" {size / mb:.1f} MB ({size / year_size:.1f}x the diary)",
    ]
    plain = reminder["pass"]
    for name in ("remind", "remind --db"):
        for index, what in ((0, "wall"), (1, "CPU")):
            spent, budget = reminder[name][index], 1.5 * plain[index] + 0.030
            lines.append(
                f"- `tracker {name}` on the 10-year diary, {what}: {spent * 1000:.0f} ms against `python -c pass`"
                f" {plain[index] * 1000:.0f} ms ({spent / plain[index]:.2f}x; budget 1.5x + 30 ms ="
                f" {budget * 1000:.0f} ms: {'within' if spent <= budget else 'over'}, {spent / budget:.2f} of it)"
            )
    print("\n".join(lines))
    if args.write:
        (Path(__file__).resolve().parent / "BACKUP_RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
