"""Small seeded diaries with a known truth, for the trigger model's rules: habits and
twitching that both run in streaks, with a trend, a confounder or a planted effect."""

from __future__ import annotations

import datetime as dt
import math
from types import SimpleNamespace

import numpy as np

from tracker.core.daily import DailyRow

START = dt.date(2026, 1, 5)
CAFFEINE = SimpleNamespace(name="caffeine", column="caffeine_mg", kind="number", unit="mg")
SLEEP = SimpleNamespace(name="sleep", column="sleep_h", kind="number", unit="h")
STRESS = SimpleNamespace(name="stress", column="stress", kind="scale", unit="")
FACTORS = [CAFFEINE, SLEEP, STRESS]


def _ar(rng: np.random.Generator, n: int, phi: float, sd: float) -> np.ndarray:
    out = np.empty(n)
    out[0] = rng.normal(0, sd)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + rng.normal(0, sd * math.sqrt(1 - phi * phi))
    return out


def diary(
    seed: int,
    *,
    days: int = 240,
    caffeine_rr: float = 1.0,
    sleep_rr: float = 1.0,
    fade: float = 0.0,
    caffeine_cut: float = 0.0,
    caffeine_follows_sleep: bool = False,
) -> list[DailyRow]:
    """Daily rows, every day answered and every factor logged. `fade` is the change in log
    twitching rate over the diary; `caffeine_cut` the mg a day less by its end."""
    rng = np.random.default_rng(seed)
    t = np.arange(days)
    sleep = np.round(np.clip(7.0 + _ar(rng, days, 0.4, 0.9), 3.5, 11.0) * 4) / 4
    drinks = 2.5 + _ar(rng, days, 0.6, 0.6) - caffeine_cut / 95.0 * t / days
    if caffeine_follows_sleep:
        drinks = drinks + 1.5 * (7.0 - sleep)
    caffeine = rng.poisson(np.clip(drinks, 0.05, None)) * 95.0
    stress = np.clip(np.round(4.0 + _ar(rng, days, 0.6, 2.0)), 0, 10)
    log_rate = (
        math.log(2.0)
        + _ar(rng, days, 0.7, 0.35)
        + fade * (t / days - 0.5)
        + math.log(caffeine_rr) * caffeine / 100.0
        + math.log(sleep_rr) * (sleep - 7.0)
    )
    counts = rng.poisson(np.exp(log_rate))
    return [
        DailyRow(
            date=START + dt.timedelta(days=i),
            tracked=True,
            episodes=int(counts[i]),
            factors={"caffeine_mg": float(caffeine[i]), "sleep_h": float(sleep[i]), "stress": float(stress[i])},
        )
        for i in range(days)
    ]
