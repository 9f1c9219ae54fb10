"""Time the synthetic diary (generate_diary plus its daily rows) for 90 days and 10 years.

    python bench/bench_synthetic.py

Prints the median of 5 runs for each and their ratio. Target: 10 years within 2 s on an idle
machine. The work is per day, so the ratio stays at or below 3650 / 90 (about 40x).
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from tracker.demo.synthetic import generate_diary

END = dt.date(2026, 11, 24)


def median_seconds(days: int, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        generate_diary(days=days, seed=0, end=END).daily_rows()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    generate_diary(days=30, seed=0, end=END)  # warm-up: numpy's first calls
    short, long = median_seconds(90), median_seconds(3650)
    print(f"90 days:         {short * 1000:7.1f} ms (median of 5)")
    print(f"3650 days:       {long * 1000:7.1f} ms (median of 5; target within 2 s)")
    print(f"ratio 3650 / 90: {long / short:7.2f}x")


if __name__ == "__main__":
    main()
