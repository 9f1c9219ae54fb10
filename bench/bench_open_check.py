"""What the check on every open costs on a 10-year diary, before and after it learnt to compare
each index with its table.

    python bench/bench_open_check.py [DB]     (DB: a `tracker demo --days 3650` database)

Before: `PRAGMA quick_check(1)` through read() calls (what opening did until now). After: the
same quick_check with the file memory-mapped, plus the index counts (tracker.storage.file_checks). For
scale: SQLite's full integrity_check, which also compares every index entry with its row.
Runs are interleaved, so a busy machine slows every variant alike; the ratios are what count.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tracker.storage.file_checks import CHECK_MMAP_BYTES, _index_mismatch, connect_file

RUNS = 11


def before(path: Path) -> None:
    conn = connect_file(path, read_only=True)
    conn.execute("PRAGMA quick_check(1)").fetchone()
    conn.close()


def after(path: Path) -> None:
    conn = connect_file(path, read_only=True)
    conn.execute(f"PRAGMA mmap_size={CHECK_MMAP_BYTES}")
    conn.execute("BEGIN")
    assert conn.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
    assert _index_mismatch(conn) is None
    conn.close()


def full(path: Path) -> None:
    conn = connect_file(path, read_only=True)
    conn.execute("PRAGMA integrity_check(1)").fetchone()
    conn.close()


def main() -> None:
    if len(sys.argv) > 1:
        path = Path(sys.argv[1])
    else:
        path = Path(tempfile.mkdtemp()) / "ten-years.db"
        subprocess.run([sys.executable, "-m", "tracker", "--db", str(path), "demo", "--days", "3650"], check=True)
    times: dict[str, list[float]] = {"before": [], "after": [], "integrity_check": []}
    variants = {"before": before, "after": after, "integrity_check": full}
    for _ in range(RUNS):
        for name, run in variants.items():
            start = time.perf_counter()
            run(path)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["before"])
    print(f"{path.stat().st_size / 1e6:.1f} MB database, medians of {RUNS} interleaved runs")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:16} {median * 1000:7.1f} ms  {median / base:4.2f}x before")


if __name__ == "__main__":
    main()
