"""Calibration of the trigger model on simulated 240-day diaries.

    nice -n 10 python bench/bench_calibration.py [--diaries 300] [--baseline REV]

Each scenario simulates diaries with four factors (caffeine, sleep, stress, water) and a
latent day-to-day twitchiness that runs in streaks, then fits the primary model
(tracker.analysis.model) to each. No-effect scenarios report the share of diaries with any
q < 0.05; planted-effect scenarios report power (found, right direction) and how often the
95% interval covers the truth. With --baseline REV the one-factor tests of that revision
(tracker/analysis/triggers.py as it was there) run on the same diaries, for comparison.

One process, a few minutes for 300 diaries a scenario; not part of the test run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import subprocess
import sys
import time
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

import numpy as np

from tracker.analysis.frame import daily_frame
from tracker.analysis.model import trigger_report
from tracker.core.daily import DailyRow

DAYS = 240
START = dt.date(2026, 1, 5)  # a Monday
FACTORS = [
    SimpleNamespace(name="caffeine", column="caffeine_mg", kind="number", unit="mg"),
    SimpleNamespace(name="sleep", column="sleep_h", kind="number", unit="h"),
    SimpleNamespace(name="stress", column="stress", kind="scale", unit=""),
    SimpleNamespace(name="water", column="water_ml", kind="number", unit="ml"),
]


@dataclass
class Scenario:
    """How one kind of diary is made. Effects are log rate ratios per step (100 mg, 1 h, 1 point)."""

    name: str
    caffeine: float = 0.0  # same day
    sleep: float = 0.0  # same day (last night)
    stress_before: float = 0.0  # the day before
    ar: float = 0.7  # latent twitchiness: AR(1) coefficient
    ar_sd: float = 0.35  # and its stationary standard deviation
    k: float = 3.0  # negative binomial shape: smaller is more overdispersed
    fade: float = 0.0  # log rate change over the whole diary
    caffeine_cut: float = 0.0  # mg a day less by the end than at the start
    caffeine_follows_sleep: bool = False  # caffeine goes up after short nights
    weekday: bool = False  # weekends twitchier, and less caffeine on them
    logging_follows_twitching: bool = False  # factors logged more on twitchy days
    checks: dict[str, tuple[str, int, float]] = field(default_factory=dict)  # label: (factor, lag, true RR)


SCENARIOS = [
    Scenario("steady, no effect"),
    Scenario("shared trend: twitching fades while caffeine is cut", fade=-1.2, caffeine_cut=200.0),
    Scenario("heavy overdispersion and carry-over (k = 0.7, AR 0.9)", ar=0.9, ar_sd=0.6, k=0.7),
    Scenario(
        "caffeine follows short nights, only sleep acts",
        sleep=math.log(0.8),
        caffeine_follows_sleep=True,
        checks={"caffeine (not causal)": ("caffeine_mg", 0, 1.0), "sleep x0.8/h": ("sleep_h", 0, 0.8)},
    ),
    Scenario(
        "same-day caffeine effect: is the day before flagged?",
        caffeine=math.log(1.3),
        checks={"caffeine, day before (none)": ("caffeine_mg", 1, 1.0), "caffeine x1.3": ("caffeine_mg", 0, 1.3)},
    ),
    Scenario("weekday pattern in twitching and caffeine", weekday=True),
    Scenario("logging depends on twitching", logging_follows_twitching=True),
    Scenario(
        "heavy overdispersion + trend + weekday + uneven logging",
        ar=0.9,
        ar_sd=0.6,
        k=0.7,
        fade=-1.0,
        caffeine_cut=150.0,
        weekday=True,
        logging_follows_twitching=True,
    ),
    Scenario(
        "planted: caffeine x1.3 per 100 mg", caffeine=math.log(1.3), checks={"caffeine x1.3": ("caffeine_mg", 0, 1.3)}
    ),
    Scenario("planted: sleep x0.8 per hour", sleep=math.log(0.8), checks={"sleep x0.8/h": ("sleep_h", 0, 0.8)}),
    Scenario(
        "planted: stress x1.15 the day before",
        stress_before=math.log(1.15),
        checks={"stress day before x1.15": ("stress", 1, 1.15)},
    ),
]


def ar_series(rng: np.random.Generator, n: int, phi: float, sd: float) -> np.ndarray:
    out = np.empty(n)
    out[0] = rng.normal(0, sd)
    innovation = sd * math.sqrt(1 - phi * phi)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + rng.normal(0, innovation)
    return out


def simulate(scenario: Scenario, rng: np.random.Generator) -> list[DailyRow]:
    n = DAYS
    t = np.arange(n)
    weekend = np.array([(START + dt.timedelta(days=int(i))).weekday() >= 5 for i in t])
    sleep = np.clip(7.0 + ar_series(rng, n, 0.4, 0.9), 3.5, 11.0)
    sleep = np.round(sleep * 4) / 4
    drinks_mean = 2.5 + ar_series(rng, n, 0.6, 0.6) - scenario.caffeine_cut / 95.0 * t / n
    if scenario.caffeine_follows_sleep:
        drinks_mean = drinks_mean + 1.2 * (7.0 - sleep)
    if scenario.weekday:
        drinks_mean = drinks_mean - 1.0 * weekend
    caffeine = rng.poisson(np.clip(drinks_mean, 0.05, None)) * rng.choice([47.0, 63.0, 95.0], size=n)
    stress = np.clip(np.round(4.0 + ar_series(rng, n, 0.6, 2.0)), 0, 10)
    water = np.round(np.clip(1500 + ar_series(rng, n, 0.3, 400.0), 200, 4000) / 50) * 50
    log_rate = (
        math.log(1.5)
        + ar_series(rng, n, scenario.ar, scenario.ar_sd)
        + scenario.fade * (t / n - 0.5)
        + scenario.caffeine * caffeine / 100.0
        + scenario.sleep * (sleep - 7.0)
        + scenario.stress_before * (np.roll(stress, 1) - 4.0)
        + (0.3 * weekend if scenario.weekday else 0.0)
    )
    mean = np.exp(log_rate)
    counts = rng.poisson(rng.gamma(scenario.k, mean / scenario.k))  # negative binomial, shape k
    answered = rng.random(n) < np.where(counts > 0, 0.97, 0.9)  # a quiet day is easier to forget
    log_p = np.where(counts > 0, 0.95, 0.55) if scenario.logging_follows_twitching else np.full(n, 0.9)
    rows = []
    for i in range(n):
        values = {"caffeine_mg": caffeine[i], "sleep_h": sleep[i], "stress": stress[i], "water_ml": water[i]}
        logged = {c: (float(v) if rng.random() < log_p[i] else None) for c, v in values.items()}
        episodes = int(counts[i]) if answered[i] else None
        rows.append(DailyRow(date=START + dt.timedelta(days=i), tracked=True, episodes=episodes, factors=logged))
    return rows


Entries = list[dict[str, object]]


def primary(frame: object) -> Entries:
    return [estimate.to_json() for estimate in trigger_report(frame, FACTORS).estimates]  # type: ignore[arg-type]


def baseline_method(revision: str) -> Callable[[object], Entries]:
    """The one-factor tests of `revision`, loaded from git without checking it out."""
    source = subprocess.run(
        ["git", "show", f"{revision}:tracker/analysis/triggers.py"], capture_output=True, text=True, check=True
    ).stdout
    module = types.ModuleType("baseline_triggers")
    exec(compile(source, "baseline_triggers.py", "exec"), module.__dict__)
    return lambda frame: module.trigger_tests(frame, FACTORS)  # type: ignore[no-any-return]


def score(entries: Entries, scenario: Scenario, tally: dict[str, list[float]]) -> None:
    flagged = [e for e in entries if e["q_value"] is not None and e["q_value"] < 0.05]  # type: ignore[operator]
    tally.setdefault("any q < 0.05", []).append(bool(flagged))
    for label, (column, lag, truth) in scenario.checks.items():
        entry = next(e for e in entries if e["factor"] == column and e["lag_days"] == lag)
        if entry["q_value"] is None:
            tally.setdefault(f"{label}: found", []).append(False)
            continue
        found = entry in flagged and (truth == 1.0 or (entry["rate_ratio"] > 1) == (truth > 1))  # type: ignore[operator]
        covered = entry["ci_low"] <= truth <= entry["ci_high"]  # type: ignore[operator]
        tally.setdefault(f"{label}: flagged" if truth == 1.0 else f"{label}: found", []).append(found)
        tally.setdefault(f"{label}: 95% CI covers {truth:g}", []).append(covered)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--diaries", type=int, default=300)
    parser.add_argument("--baseline", metavar="REV", help="also run the one-factor tests of this git revision")
    parser.add_argument("--only", help="run scenarios whose name contains this")
    args = parser.parse_args()
    methods: dict[str, Callable[[object], Entries]] = {"model": primary}
    if args.baseline:
        methods["one-factor"] = baseline_method(args.baseline)
    print(f"| scenario ({DAYS} days, {args.diaries} diaries each) | measure | " + " | ".join(methods) + " |")
    print("|---|---|" + "---|" * len(methods))
    started = time.perf_counter()
    for index, scenario in enumerate(SCENARIOS):
        if args.only and args.only not in scenario.name:
            continue
        rng = np.random.default_rng(2026 + index)  # each scenario its own seed, the same every run
        tallies: dict[str, dict[str, list[float]]] = {name: {} for name in methods}
        for _ in range(args.diaries):
            frame = daily_frame(simulate(scenario, rng), [f.column for f in FACTORS])
            for name, method in methods.items():
                score(method(frame), scenario, tallies[name])
        for measure in tallies["model"]:
            shares = [f"{100 * np.mean(tallies[name][measure]):.1f}%" for name in methods]
            print(f"| {scenario.name} | {measure} | " + " | ".join(shares) + " |")
        sys.stdout.flush()
    print(f"\n{time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
