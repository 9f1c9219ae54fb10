"""Time analyze() on a 90-day and a 10-year synthetic diary with eight factors.

    python bench/bench_analysis.py

Prints the median of 5 runs for each and their ratio. One warm-up call first, so the
one-off imports of pandas, statsmodels and scipy (about 1 s) are not counted.
Targets: 10 years <= 3 s, and <= 1.5x the 90-day time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
import time
from types import SimpleNamespace

import numpy as np

from tracker.analysis.results import analyze
from tracker.core.daily import DailyRow
from tracker.demo.synthetic import SYNTHETIC_FACTORS, generate_diary

END = dt.date(2026, 11, 24)
USER_FACTORS = [
    SimpleNamespace(name="alcohol", column="alcohol", kind="yes-no", unit=""),
    SimpleNamespace(name="exercise", column="exercise_min", kind="number", unit="min"),
    SimpleNamespace(name="screen time", column="screen_h", kind="number", unit="h"),
]
FACTORS = [
    SimpleNamespace(name=name, column=column, kind=kind, unit=unit) for name, column, kind, unit, _ in SYNTHETIC_FACTORS
] + USER_FACTORS


def with_user_factors(rows: list[DailyRow], seed: int) -> list[DailyRow]:
    """The rows with three user factors logged on tracked days."""
    rng = np.random.default_rng(seed)
    n = len(rows)
    alcohol = (rng.random(n) < 0.3).astype(float)
    exercise = np.round(rng.gamma(2.0, 15.0, n))
    screen = np.clip(np.round(rng.normal(4.0, 1.5, n) * 2) / 2, 0, 14)
    return [
        dataclasses.replace(
            row,
            factors={
                **row.factors,
                "alcohol": float(alcohol[i]),
                "exercise_min": float(exercise[i]),
                "screen_h": float(screen[i]),
            },
        )
        if row.tracked
        else row
        for i, row in enumerate(rows)
    ]


def inputs(days: int) -> dict[str, object]:
    diary = generate_diary(days=days, seed=7, end=END, with_red_flag=True, with_intervention=True)
    return {
        "rows": with_user_factors(diary.daily_rows(), seed=7),
        "episodes": diary.episodes,
        "red_flags": [SimpleNamespace(date=d, kind=k, note=n) for d, k, n in diary.red_flags],
        "interventions": [
            SimpleNamespace(name=name, start_date=start, end_date=end, note=note)
            for name, start, end, note in diary.interventions
        ],
        "factors": FACTORS,
        "as_of": END,
    }


def median_seconds(kwargs: dict[str, object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        analyze(**kwargs)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    short, long = inputs(90), inputs(3650)
    started = time.perf_counter()
    analyze(**short)  # warm-up: imports and first-call caches
    print(f"first call (imports included): {time.perf_counter() - started:.2f} s")
    t_short, t_long = median_seconds(short), median_seconds(long)
    episodes = len(long["episodes"])  # type: ignore[arg-type]
    print(f"90 days:            {t_short * 1000:7.1f} ms (median of 5)")
    print(f"3650 days:          {t_long * 1000:7.1f} ms (median of 5, {episodes} episodes)")
    print(f"ratio 3650 / 90:    {t_long / t_short:7.2f}x")


if __name__ == "__main__":
    main()
