"""The pieces every trigger estimate shares: the step a rate ratio is stated per, the split
into high and other days that the one-factor description uses, how many more days a factor
needs, and the words for the day a factor is read on. The model itself is
tracker.analysis.model.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Protocol

from tracker.analysis.config import AnalysisConfig
from tracker.core.formatting import factor_words
from tracker.core.vocabulary import FactorKind

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

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


def split(factor: FactorLike, x: np.ndarray) -> tuple[np.ndarray, float | None, bool]:
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


def days_needed(n: int, n_high: int, config: AnalysisConfig) -> int:
    """0 when there is enough data, else roughly how many more answered days would do."""
    more = max(0, config.min_tracked_days - n)
    fewest = min(n_high, n - n_high)
    if fewest < config.min_days_per_side:
        if fewest == 0:
            more = max(more, 2 * config.min_days_per_side)
        else:
            more = max(more, math.ceil((config.min_days_per_side - fewest) * n / fewest))
    return more


def condition(factor: FactorLike, lag: int, threshold: float | None, strict: bool) -> str:
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


def significant_figures(value: float) -> float:
    """Four significant figures: enough for a p-value, short in JSON."""
    return float(f"{value:.4g}")
