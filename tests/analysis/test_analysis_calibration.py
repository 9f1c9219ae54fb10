"""Calibration on synthetic 240-day diaries where twitching and habits both run in streaks.

With no true effect, fewer than 1 in 10 diaries may show any association (q < 0.05); with
a planted x1.4 per 100 mg caffeine effect, three in four diaries or more must find it and
nine in ten intervals cover it. The seeds are
not the ones the method was tuned on (1000-1199).
"""

from __future__ import annotations

from typing import Any

import pytest

DAYS = 240


def associations(diary, run_analysis, seed: int, caffeine_rr: float) -> tuple[list[Any], Any]:
    source = diary(days=DAYS, seed=seed, caffeine_rr_per_100mg=caffeine_rr)
    triggers = run_analysis(source)["triggers"]
    found = [entry for entry in triggers if entry["association"]]
    caffeine = next(e for e in triggers if e["factor"] == "caffeine_mg" and e["lag_days"] == 0)
    return found, caffeine


@pytest.mark.slow
def test_no_true_effect_rarely_shows_an_association(make_diary, run_analysis) -> None:
    seeds = range(100)
    false_alarms = [seed for seed in seeds if associations(make_diary, run_analysis, seed, 1.0)[0]]
    assert len(false_alarms) / len(seeds) < 0.10, false_alarms


@pytest.mark.slow
def test_a_planted_caffeine_effect_is_found_and_covered(make_diary, run_analysis) -> None:
    """Adjusted for the other factors, the day before, the trend and the weekday, the x1.4
    effect is found in 48 of these 60 diaries (the one-factor tests found 54 or more, with
    more false alarms elsewhere: docs/analysis.md), and its interval covers the truth in 57."""
    seeds = range(100, 160)
    found = covered = 0
    for seed in seeds:
        _, caffeine = associations(make_diary, run_analysis, seed, 1.4)
        covered += caffeine["ci_low"] <= 1.4 <= caffeine["ci_high"]
        near = caffeine["ci_low"] <= 1.4 * 1.1 and caffeine["ci_high"] >= 1.4 / 1.1
        found += caffeine["association"] and near
    assert found / len(seeds) >= 0.75
    assert covered / len(seeds) >= 0.90
