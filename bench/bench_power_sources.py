"""Where the trigger model's power goes: the calibration simulation's diaries, fitted with one
part of the model changed at a time.

    nice -n 10 python bench/bench_power_sources.py [--diaries 100]

Variants (each against the model as it is):
- "one day": only the day the effect was planted on (no same-day/day-before pair, and half
  the estimates in the false-discovery correction);
- "straight trend": a straight line of calendar time instead of the spline;
- "no widening": no autocorrelation widening of the errors;
- "HC2": each day's residual scaled by 1/sqrt(1 - leverage) instead of 1/(1 - leverage).
A variant that raises power only by flagging more no-effect diaries, or by intervals that
miss the truth, is the price of honesty, not a loss to fix. Not part of the test run.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
from bench_calibration import SCENARIOS, primary, score, simulate

from tracker.analysis import model, poisson
from tracker.analysis.frame import daily_frame

COLUMNS = ["caffeine_mg", "sleep_h", "stress", "water_ml"]


def _hc2(design: np.ndarray, weighted: np.ndarray, bread: np.ndarray, y: np.ndarray, mu: np.ndarray) -> np.ndarray:
    leverage = np.einsum("ij,jk,ik->i", weighted, bread, weighted)
    scores = design * ((y - mu) / np.sqrt(np.clip(1.0 - leverage, 0.05, None)))[:, None]
    covariance = bread @ (scores.T @ scores) @ bread
    return np.asarray(np.sqrt(np.clip(np.diag(covariance), 0.0, None)))


def _straight(day: np.ndarray) -> np.ndarray:
    span = float(day.max() - day.min()) if day.size else 0.0
    return ((day - day.mean()) / max(span, 1.0))[:, None]


@contextmanager
def patched(target: object, name: str, value: object) -> Iterator[None]:
    old = getattr(target, name)
    setattr(target, name, value)
    try:
        yield
    finally:
        setattr(target, name, old)


VARIANTS: dict[str, Callable[[tuple[int, ...]], object]] = {
    "model": lambda lags: patched(model, "LAGS", model.LAGS),
    "one day": lambda lags: patched(model, "LAGS", lags),
    "straight trend": lambda lags: patched(model, "time_basis", _straight),
    "no widening": lambda lags: patched(poisson, "_acf", lambda values, k: np.zeros(k)),
    "HC2": lambda lags: patched(poisson, "_hc3_standard_errors", _hc2),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--diaries", type=int, default=100)
    parser.add_argument("--only", help="run scenarios whose name contains this")
    args = parser.parse_args()
    print(f"| scenario (240 days, {args.diaries} diaries each) | measure | " + " | ".join(VARIANTS) + " |")
    print("|---|---|" + "---|" * len(VARIANTS))
    started = time.perf_counter()
    for index, scenario in enumerate(SCENARIOS):
        if args.only and args.only not in scenario.name:
            continue
        planted = sorted({lag for _, (_, lag, truth) in scenario.checks.items() if truth != 1.0}) or [0, 1]
        if any(lag not in planted for _, lag, _ in scenario.checks.values()):
            continue  # it checks a day where nothing was planted: "one day" would have no estimate there
        rng = np.random.default_rng(2026 + index)  # the calibration's seeds: the same diaries
        tallies: dict[str, dict[str, list[float]]] = {name: {} for name in VARIANTS}
        for _ in range(args.diaries):
            frame = daily_frame(simulate(scenario, rng), COLUMNS)
            for name, variant in VARIANTS.items():
                with variant(tuple(planted)):  # type: ignore[attr-defined]  # each a context manager
                    entries = primary(frame)
                score(entries, scenario, tallies[name])
        for measure in tallies["model"]:
            shares = [f"{100 * np.mean(tallies[name][measure]):.1f}%" for name in VARIANTS]
            print(f"| {scenario.name} | {measure} | " + " | ".join(shares) + " |")
        sys.stdout.flush()
    print(f"\n{time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
