"""The analysis report: `analyze()` builds a JSON-ready dict; tracker.report.wording words it.

Importing this module is cheap; pandas, statsmodels and scipy load on the first
`analyze()` call (about 1 s).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from tracker.analysis.config import AnalysisConfig, PersistenceConfig
from tracker.analysis.frame import reads_absent_as_none
from tracker.analysis.interventions import InterventionLike, intervention_effects
from tracker.analysis.persistence import (
    EpisodeLike,
    RedFlagLike,
    collect_red_flags,
    find_runs,
    persistence,
)
from tracker.analysis.triggers import FactorLike
from tracker.core.daily import DailyRow

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AnalysisConfig",
    "PersistenceConfig",
    "analyze",
    "find_runs",
]

METHOD = (
    "One Poisson model of daily counts on the days whose twitches were answered (a twitch or 'no twitches' "
    "logged), with every factor on the same day and the day before together, a spline of calendar time "
    "(a knot about every 60 days), the weekday and the count two days before; quasi-Poisson errors "
    "widened for autocorrelation (effective sample size); Benjamini-Hochberg across all factor x day estimates"
)


def analyze(
    *,
    rows: Sequence[DailyRow],
    episodes: Iterable[EpisodeLike],
    red_flags: Iterable[RedFlagLike],
    interventions: Iterable[InterventionLike],
    factors: Sequence[FactorLike],
    as_of: dt.date,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    config: AnalysisConfig | None = None,
    onset: dt.date | None = None,
) -> dict[str, Any]:
    """The whole report as a JSON-serialisable dict (see the README for its keys).

    Nothing after as_of is used. date_from/date_to narrow the days the triggers and
    interventions see; persistence always looks at every episode up to as_of, so a run
    that began before date_from keeps its true length.
    """
    from tracker.analysis.model import trigger_report  # deferred: pandas + statsmodels, ~1 s

    config = config or AnalysisConfig()
    end = min(date_to or as_of, as_of)
    in_range = _contiguous([row for row in rows if row.date <= end and (date_from is None or row.date >= date_from)])
    start = date_from or (in_range[0].date if in_range else end)
    episodes = list(episodes)

    frame = _frame(in_range, factors)
    report = trigger_report(frame, factors, config)
    tracked_days = sum(row.tracked for row in in_range)
    answered_days = sum(row.twitches_answered for row in in_range)
    return {
        "as_of": as_of.isoformat(),
        "range": {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "tracked_days": tracked_days,
            "untracked_days": len(in_range) - tracked_days,
            # tracked for something else, twitches never answered: unknown, not 0 twitches
            "unanswered_days": tracked_days - answered_days,
        },
        "persistence": persistence(
            (episode.local_date for episode in episodes), as_of=as_of, config=config.persistence, onset=onset
        ).to_json(),
        "red_flags": [
            flag.to_json()
            for flag in collect_red_flags(
                logged=red_flags,
                episodes=episodes,
                as_of=end,  # the flags keep to the range the rest of the report covers
                date_from=date_from,
                config=config.persistence,
            )
        ],
        "triggers": [estimate.to_json() for estimate in report.estimates],
        "trigger_model": report.to_json(),
        "factor_correlations": list(report.correlations),
        "interventions": [
            effect.to_json() for effect in intervention_effects(in_range, interventions, as_of=as_of, config=config)
        ],
        "method": METHOD,
        # Derived, so said: the factors whose blank on an answered day the analysis read as none.
        "not_logged_reads_as_none": [factor.name for factor in factors if reads_absent_as_none(factor)],
    }


def _contiguous(rows: Sequence[DailyRow]) -> list[DailyRow]:
    """One row per calendar day in date order; a missing day becomes an untracked row."""
    by_date = {row.date: row for row in rows}
    if not by_date:
        return []
    first, last = min(by_date), max(by_date)
    return [
        by_date.get(day) or DailyRow(date=day, tracked=False)
        for day in (first + dt.timedelta(days=i) for i in range((last - first).days + 1))
    ]


def _frame(rows: Sequence[DailyRow], factors: Sequence[FactorLike]) -> pd.DataFrame:
    from tracker.analysis.frame import analysis_frame

    return analysis_frame(rows, factors)  # each factor's absent-means-none rule applied
