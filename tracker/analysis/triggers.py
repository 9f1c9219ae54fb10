"""Which factors go with more (or fewer) twitches: one test per factor and lag, then an
adjusted model with every factor together, and how the factors move with each other.

The model: a Poisson GLM of the day's episode count on the days whose twitches were answered
(a twitch or "no twitches" logged: a day tracked for a factor alone says nothing about
twitching), with the factor (scaled to a friendly step) plus the count on the day before the
exposure day (log1p; an indicator when that day's twitches were not answered), the factor's
own value that day (see _habit) and the weekday. Overdispersion widens the standard errors through the
quasi-Poisson scale; streaks in both the factor and the twitching widen them again through
an effective-sample-size factor (see fit_rate_ratio). Newey-West (HAC) errors were tried
first and rejected: on synthetic diaries with no true effect they flagged 7-10% of tests
at p < 0.05, and a spurious association in 12-18% of 240-day diaries. Benjamini-Hochberg
then controls the false discovery rate across every factor and lag.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from tracker.analysis.config import AnalysisConfig
from tracker.analysis.frame import answered
from tracker.analysis.poisson import benjamini_hochberg, covariates, fit_rate_ratio
from tracker.analysis.text import DASH, NOT_PROOF, TIMES
from tracker.core.formatting import days, factor_words, plural, rounded
from tracker.core.vocabulary import FactorKind

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

LAGS = (0, 1)
# Friendly steps for the rate ratio, by unit.
UNIT_STEPS = {"mg": 100.0, "h": 1.0, "ml": 500.0, "l": 0.5, "g": 1.0, "min": 30.0}


class FactorLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def column(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def unit(self) -> str: ...


def step_for(factor: FactorLike, values: pd.Series) -> tuple[float, str]:
    """The step a rate ratio is stated per, and its label: "100 mg", "1 point", "yes vs no"."""
    if factor.kind == FactorKind.YES_NO:
        return 1.0, "yes vs no"
    if factor.kind == FactorKind.SCALE:
        return 1.0, "1 point"
    unit = factor.unit.strip()
    if unit in UNIT_STEPS:
        step = UNIT_STEPS[unit]
    else:
        # A power of ten near the day-to-day spread, so "per 1 unit" is not absurdly small
        # or large for user factors such as steps or screen minutes.
        spread = float(values.std()) if values.count() > 1 else 0.0
        step = 10.0 ** round(math.log10(spread)) if spread > 0 else 1.0
    return step, f"{step:g} {unit}".strip()


def trigger_tests(
    frame: pd.DataFrame, factors: Sequence[FactorLike], config: AnalysisConfig | None = None
) -> list[dict[str, Any]]:
    """One entry per factor and lag (0 = same day, 1 = the day before), q-values filled in.

    Only days whose twitches were answered count; a lag-1 day also needs the previous day's
    factor logged. Entries without enough data keep their place with confidence
    "insufficient" and null numbers.
    """
    import numpy as np

    config = config or AnalysisConfig()
    controls = {lag: covariates(frame, lag).to_numpy() for lag in LAGS}
    outcome = answered(frame).to_numpy(dtype=bool)
    y_all = frame["episodes"].to_numpy()
    results = []
    for factor in factors:
        values = frame[factor.column]
        step, per = step_for(factor, values[frame["tracked"]])
        for lag in LAGS:
            x_all = values.shift(lag).to_numpy()
            keep = outcome & ~(x_all != x_all)  # x == x is False only for NaN
            habit = _habit(values, lag, step)
            if _nearly_the_same(x_all[keep], habit[keep, 0]):
                # A factor that changes in long blocks (a supplement) leaves only the few
                # switch days once yesterday's value is held fixed: too few to trust.
                with_habit = controls[lag]
            else:
                with_habit = np.column_stack([controls[lag], habit])
            entry = _test(factor, lag, per, step, y_all[keep], x_all[keep], with_habit[keep], config)
            results.append(entry)
    tested = [entry for entry in results if entry["p_value"] is not None]
    for entry, q in zip(tested, benjamini_hochberg([entry["p_value"] for entry in tested]), strict=True):
        entry["q_value"] = significant_figures(q)
        entry["association"] = q < config.alpha
        entry["summary"] = _summary(entry)
    return results


def _habit(values: pd.Series, lag: int, step: float) -> np.ndarray:
    """The factor on the day before the exposure day (mean-filled, with a not-logged
    indicator). Habits run in streaks, so yesterday's twitching partly reflects today's
    factor through yesterday's; holding yesterday's factor fixed stops the carry-over
    covariate from soaking up a real effect (without it a planted x1.4 read as x1.2)."""
    import numpy as np

    before = values.shift(lag + 1).to_numpy() / step
    missing = before != before
    fill = float(np.nanmean(before)) if (~missing).any() else 0.0
    return np.column_stack([np.where(missing, fill, before), missing.astype(float)])


def _nearly_the_same(x: np.ndarray, before: np.ndarray, limit: float = 0.8) -> bool:
    import numpy as np

    if x.size < 3 or np.ptp(x) == 0 or np.ptp(before) == 0:
        return True
    return float(np.corrcoef(x, before)[0, 1]) > limit


def _test(
    factor: FactorLike,
    lag: int,
    per: str,
    step: float,
    y: np.ndarray,
    x: np.ndarray,
    controls: np.ndarray,
    config: AnalysisConfig,
) -> dict[str, Any]:
    high, threshold, strict = _split(factor, x)
    n, n_high = len(y), int(high.sum())
    entry: dict[str, Any] = {
        "factor": factor.column,
        "name": factor.name,
        "lag_days": lag,
        "n_days": n,
        "per": per,
        "rate_ratio": None,
        "ci_low": None,
        "ci_high": None,
        "p_value": None,
        "q_value": None,
        "direction": None,
        "confidence": "insufficient",
        "association": False,
        "high_mean": None,
        "low_mean": None,
        "high_days": n_high,
        "low_days": n - n_high,
        "condition": _condition(factor, lag, threshold, strict),
    }
    more = _days_needed(n, n_high, config)
    if more:
        name = factor_words(factor.name)
        entry["summary"] = f"{name} ({_lag_words(lag)}): not enough data yet — about {plural(more, 'more day')}"
        entry["days_needed"] = more
        return entry
    fit = fit_rate_ratio(y, (x / step)[:, None], controls, max_lag=config.autocorrelation_lags)[0]
    if fit is None:
        more = config.min_days_per_side
        entry["summary"] = (
            f"{factor_words(factor.name)} ({_lag_words(lag)}): not enough data yet — about {plural(more, 'more day')} "
            "(the days so far split too cleanly into twitchy and quiet ones to measure)"
        )
        entry["days_needed"] = more
        return entry
    entry.update(
        rate_ratio=round(fit.rate_ratio, 4),
        ci_low=round(fit.ci_low, 4),
        ci_high=round(fit.ci_high, 4),
        p_value=significant_figures(fit.p_value),
        direction="more" if fit.rate_ratio >= 1 else "fewer",
        confidence="confident" if n >= config.confident_from_days else "provisional",
        high_mean=round(float(y[high].mean()), 4),
        low_mean=round(float(y[~high].mean()), 4),
    )
    return entry


def _split(factor: FactorLike, x: np.ndarray) -> tuple[np.ndarray, float | None, bool]:
    """High days: at or above the median (above it when the median is also the minimum,
    as with a supplement that is mostly 0); for yes-no factors, the yes days."""
    import numpy as np

    if factor.kind == FactorKind.YES_NO:
        return x >= 0.5, None, False
    if x.size == 0:
        return np.zeros(0, dtype=bool), None, False
    threshold = float(np.median(x))
    high = x >= threshold
    if high.all():
        return x > threshold, threshold, True
    return high, threshold, False


def _days_needed(n: int, n_high: int, config: AnalysisConfig) -> int:
    """0 when there is enough data, else roughly how many more answered days would do."""
    more = max(0, config.min_tracked_days - n)
    fewest = min(n_high, n - n_high)
    if fewest < config.min_days_per_side:
        if fewest == 0:
            more = max(more, 2 * config.min_days_per_side)
        else:
            more = max(more, math.ceil((config.min_days_per_side - fewest) * n / fewest))
    return more


def _lag_words(lag: int) -> str:
    return "same day" if lag == 0 else "the day before"


def _condition(factor: FactorLike, lag: int, threshold: float | None, strict: bool) -> str:
    """ "On days with 200 mg caffeine or more", "After nights of 7 h sleep or more", ..."""
    name = factor_words(factor.name)
    if factor.kind == FactorKind.YES_NO or threshold is None:  # yes/no, or nothing logged yet to split
        what = name
    elif threshold == 0 and strict:
        what = f"any {name}"
    else:
        amount = f"{threshold:g} {factor.unit}".strip() if factor.unit else f"{threshold:g}"
        what = f"{amount} {name}" if factor.unit else f"{name} {amount}"
        what = f"more than {what}" if strict else f"{what} or more"
    if factor.column == "sleep_h":  # dated by the wake-up day: lag 0 is last night
        return f"After nights of {what}" if lag == 0 else f"On the second day after nights of {what}"
    return f"On days with {what}" if lag == 0 else f"On days after a day with {what}"


def _summary(entry: dict[str, Any]) -> str:
    per = "(yes vs no)" if entry["per"] == "yes vs no" else f"per {entry['per']}"
    text = (
        f"{entry['condition']} you logged {rounded(entry['high_mean'], 1)} twitches a day on average "
        f"({days(entry['high_days'])}), against {rounded(entry['low_mean'], 1)} on other days "
        f"({days(entry['low_days'])}): about {rounded(entry['rate_ratio'], 2)}{TIMES} {per} "
        f"(95% CI {rounded(entry['ci_low'], 2)}{DASH}{rounded(entry['ci_high'], 2)})."
    )
    if entry["association"]:
        return f"{text} {NOT_PROOF}"
    return f"{text} No clear association: this could be chance."


def significant_figures(value: float) -> float:
    """Four significant figures: enough for a p-value, short in JSON."""
    return float(f"{value:.4g}")
