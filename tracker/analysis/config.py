"""The analysis settings, with the defaults the report's wording relies on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PersistenceConfig:
    watch_days: int = 14  # the NHS advises seeing a GP after two weeks
    threshold_days: int = 28  # four weeks: see a doctor
    gap_tolerance_days: int = 3  # days without an episode that still keep a run going
    recurrent_months: int = 3
    red_flag_window_days: int = 14  # how far back the derived red flags look


@dataclass(frozen=True)
class AnalysisConfig:
    persistence: PersistenceConfig = PersistenceConfig()
    min_tracked_days: int = 28  # below this every trigger is "insufficient"
    min_days_per_side: int = 7  # high/low (or yes/no) days a factor needs on each side
    provisional_below_days: int = 60
    confident_from_days: int = 90  # 28-89 tracked days are "provisional"
    alpha: float = 0.05  # Benjamini-Hochberg false discovery rate
    autocorrelation_lags: int = 28  # days of streakiness the standard errors allow for
    # Answered days before the start, and at most as many after it: 8 weeks, so the bad week that
    # often prompts a start is an eighth of the comparison, not half of it. On simulated no-effect
    # starts after the worst week, 14 days before with an interval of independent days read 42%
    # as a significant drop four weeks on; 56 days with the streak-aware interval, 2%
    # (bench/bench_interventions.py).
    intervention_baseline_days: int = 56
    intervention_washout_days: int = 3  # calendar days after the start left out
    intervention_min_days: int = 7  # tracked days after the washout before a verdict
