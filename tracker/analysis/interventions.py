"""Before and after an intervention (say, starting magnesium): the episode rate in the
tracked days before the start against the tracked days after a washout. Pure Python.

"Too early" is counted after the washout: the verdict waits for `intervention_min_days`
tracked days that the washout does not cover, because the first days after a change are
the ones a change is least likely to show in.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from tracker.analysis.config import AnalysisConfig
from tracker.analysis.text import DASH, TIMES
from tracker.core.daily import DailyRow
from tracker.core.formatting import rounded

Z_95 = 1.959964


class InterventionLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def start_date(self) -> dt.date: ...
    @property
    def end_date(self) -> dt.date | None: ...
    @property
    def note(self) -> str: ...


def intervention_effects(
    rows: Sequence[DailyRow],
    interventions: Iterable[InterventionLike],
    *,
    as_of: dt.date,
    config: AnalysisConfig | None = None,
) -> list[dict[str, Any]]:
    """One entry per intervention, in start order. `status` is "ok", "too-early",
    "not-started" or "insufficient" (too few tracked days before the start); only "ok"
    entries carry a rate ratio (after / before, with a 95% CI)."""
    config = config or AnalysisConfig()
    tracked = [row for row in rows if row.tracked and row.episodes is not None and row.date <= as_of]
    return [
        _effect(tracked, intervention, as_of, config)
        for intervention in sorted(interventions, key=lambda item: item.start_date)
    ]


def _effect(
    tracked: Sequence[DailyRow],
    intervention: InterventionLike,
    as_of: dt.date,
    config: AnalysisConfig,
) -> dict[str, Any]:
    start = intervention.start_date
    last = min(intervention.end_date or as_of, as_of)
    washout_end = start + dt.timedelta(days=config.intervention_washout_days)
    before = [row.episodes or 0 for row in tracked if row.date < start]
    before = before[-config.intervention_baseline_days :]
    after = [row.episodes or 0 for row in tracked if washout_end <= row.date <= last]
    entry: dict[str, Any] = {
        "name": intervention.name,
        "start": start.isoformat(),
        "end": intervention.end_date.isoformat() if intervention.end_date else None,
        "note": intervention.note,
        "washout_days": config.intervention_washout_days,
        "before_days": len(before),
        "after_days": len(after),
        "before_mean": _mean(before),
        "after_mean": _mean(after),
        "rate_ratio": None,
        "ci_low": None,
        "ci_high": None,
        "p_value": None,
    }
    if start > as_of:
        # Said against the period, not the day it is read: a report that ends in the past was "not started yet".
        summary = f"{intervention.name}: from {start}, after the period analysed (to {as_of})"
        return entry | {"status": "not-started", "summary": summary}
    if len(after) < config.intervention_min_days:
        more = config.intervention_min_days - len(after)
        return entry | {
            "status": "too-early",
            "summary": f"{intervention.name} (since {start}): too early to tell — about {more} "
            f"more tracked {'day' if more == 1 else 'days'} after the {config.intervention_washout_days}-day washout",
        }
    if len(before) < config.intervention_min_days:
        return entry | {
            "status": "insufficient",
            "summary": f"{intervention.name} (since {start}): not enough tracked days before the "
            f"start to compare with ({len(before)}, needs {config.intervention_min_days})",
        }
    rate_ratio, low, high, p_value = _rate_ratio(before, after)
    entry |= {"rate_ratio": rate_ratio, "ci_low": low, "ci_high": high, "p_value": p_value}
    return entry | {
        "status": "ok",
        "summary": (
            f"{intervention.name} (since {start}): {rounded(entry['after_mean'], 1)} twitches a day over "
            f"{len(after)} tracked days after a {config.intervention_washout_days}-day washout, "
            f"against {rounded(entry['before_mean'], 1)} in the {len(before)} tracked days before: "
            f"{rounded(rate_ratio, 2)}{TIMES} (95% CI {rounded(low, 2)}{DASH}{rounded(high, 2)}). A before/after "
            "comparison: twitching also comes and goes on its own."
        ),
    }


def _rate_ratio(before: Sequence[int], after: Sequence[int]) -> tuple[float, float, float, float]:
    """After/before rate ratio with a Wald CI on the log scale, widened by the
    quasi-Poisson dispersion (twitch counts vary far more than Poisson's)."""
    a, b = sum(after) or 0.5, sum(before) or 0.5  # half a count keeps log() finite
    mean_a, mean_b = a / len(after), b / len(before)
    pearson = sum((y - mean_a) ** 2 / mean_a for y in after)
    pearson += sum((y - mean_b) ** 2 / mean_b for y in before)
    dispersion = max(1.0, pearson / max(1, len(after) + len(before) - 2))
    log_ratio = math.log(mean_a / mean_b)
    se = math.sqrt(dispersion * (1 / a + 1 / b))
    p_value = math.erfc(abs(log_ratio / se) / math.sqrt(2))
    return (
        round(math.exp(log_ratio), 4),
        round(math.exp(log_ratio - Z_95 * se), 4),
        round(math.exp(log_ratio + Z_95 * se), 4),
        float(f"{p_value:.4g}"),
    )


def _mean(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None
