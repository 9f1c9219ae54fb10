"""What encryption at rest costs: `tracker log twitch`, `tracker remind` and the TUI's first screen,
on the same diary plain and encrypted, measured in this one run (ratios, not seconds, compare
across machines). `tracker remind` is measured as a whole process against `python -c pass`, as
its budget is set (1.5x that + 30 ms), run the way the installed script runs it.

    python bench/bench_encryption.py [--runs 7] [--days 365]

Encrypted is measured twice for `tracker log`: with the key in a keyring (the usual case; a file
keyring stands in for the system's, bench/file_keyring.py) and with no keyring at all, where every
command opens the key file with TRACKER_PASSPHRASE (argon2id, paid on each run).
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

HERE = Path(__file__).resolve().parent
PASSPHRASE = "bench passphrase"


def log_seconds(cases: dict[str, tuple[Path, dict[str, str]]], runs: int) -> dict[str, tuple[float, float]]:
    """Per case, the median wall-clock and CPU seconds of `tracker log twitch`. The cases take
    turns run by run, so a machine busy with other work slows each of them alike; CPU time
    (user + system, of the child) is the steadier figure on a loaded machine."""
    import resource

    walls: dict[str, list[float]] = {name: [] for name in cases}
    cpus: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (db, env) in cases.items():
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), "log", "twitch"], env=env, check=True,
                           capture_output=True)  # fmt: skip
            walls[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[name].append(after.ru_utime - used.ru_utime + after.ru_stime - used.ru_stime)
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in cases}


# What the installed `tracker` script runs (`python -m` adds runpy's own imports).
SCRIPT = [sys.executable, "-c", "import sys; from tracker.quick import main; sys.exit(main())"]


def remind_seconds(cases: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, tuple[float, float]]:
    """Per case (an argv and its environment), the median wall-clock and CPU seconds of the
    whole process; the cases take turns run by run, as in log_seconds."""
    import resource

    walls: dict[str, list[float]] = {name: [] for name in cases}
    cpus: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (argv, env) in cases.items():
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(argv, env=env, check=False, capture_output=True)
            assert done.returncode in (0, 1), done.stderr  # 1: something unanswered, said in a line
            walls[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[name].append(after.ru_utime - used.ru_utime + after.ru_stime - used.ru_stime)
    return {name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in cases}


def first_screen_seconds(db: Path, env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median seconds to the first screen and to today's twitch on it."""
    import bench_tui  # beside this script

    firsts, loaded = [], []
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        for _ in range(runs):
            result = bench_tui.tracker_run(db, switching=False)
            firsts.append(result["first"])
            loaded.append(result["episodes"])
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return statistics.median(firsts), statistics.median(loaded)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import bench_tui

    with tempfile.TemporaryDirectory() as folder:
        plain, encrypted = Path(folder) / "plain.db", Path(folder) / "encrypted" / "diary.db"
        encrypted.parent.mkdir()
        bench_tui.make_database(plain, args.days)
        shutil.copy(plain, encrypted)
        base = dict(os.environ, TRACKER_BACKUPS="off", PYTHONPATH=os.pathsep.join([str(HERE), str(HERE.parent)]))
        with_keyring = dict(base, PYTHON_KEYRING_BACKEND="file_keyring.FileKeyring",
                            TRACKER_BENCH_KEYRING=str(Path(folder) / "keyring.json"))  # fmt: skip
        no_keyring = dict(base, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", TRACKER_PASSPHRASE=PASSPHRASE)
        setup = dict(with_keyring, TRACKER_PASSPHRASE=PASSPHRASE)
        subprocess.run([sys.executable, "-m", "tracker", "--db", str(encrypted), "db", "encrypt"], env=setup,
                       check=True, capture_output=True)  # fmt: skip
        logs = log_seconds(
            {"plain": (plain, base), "keyring": (encrypted, with_keyring), "passphrase": (encrypted, no_keyring)},
            args.runs,
        )
        reminds = remind_seconds(
            {
                "pass": ([sys.executable, "-c", "pass"], base),
                "plain": ([*SCRIPT, "--db", str(plain), "remind"], base),
                "keyring": ([*SCRIPT, "--db", str(encrypted), "remind"], with_keyring),
                "passphrase": ([*SCRIPT, "--db", str(encrypted), "remind"], no_keyring),
            },
            args.runs * 2,
        )
        first_plain, loaded_plain = first_screen_seconds(plain, base, args.runs)
        first_enc, loaded_enc = first_screen_seconds(encrypted, with_keyring, args.runs)
    print(f"{args.days} days of demo data, median of {args.runs} runs each")
    (wall, cpu) = logs["plain"]
    print(f"tracker log twitch, plain: {wall:.3f} s wall, {cpu:.3f} s CPU")
    for name, words in (("keyring", "encrypted, key in keyring"), ("passphrase", "encrypted, no keyring")):
        print(f"tracker log twitch, {words}: {logs[name][0]:.3f} s wall (x{logs[name][0] / wall:.2f}), "
              f"{logs[name][1]:.3f} s CPU (x{logs[name][1] / cpu:.2f})")  # fmt: skip
    (bare, bare_cpu) = reminds["pass"]
    for name, words in (("plain", "plain"), ("keyring", "encrypted, key in keyring"),
                        ("passphrase", "encrypted, no keyring")):  # fmt: skip
        spent, cpu_spent = reminds[name]
        budget = 1.5 * bare + 0.030
        print(f"tracker remind, {words}: {spent:.3f} s wall (x{spent / bare:.2f} `python -c pass`; "
              f"{spent / budget:.2f} of the budget, 1.5x + 30 ms), "
              f"{cpu_spent:.3f} s CPU (x{cpu_spent / bare_cpu:.2f})")  # fmt: skip
    print(f"TUI first screen: plain {first_plain:.3f} s, encrypted {first_enc:.3f} s (x{first_enc / first_plain:.2f}); "
          f"today's twitch shown: plain {loaded_plain:.3f} s, encrypted {loaded_enc:.3f} s "
          f"(x{loaded_enc / loaded_plain:.2f})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
