"""The analysis report: `analyze()` builds a JSON-ready dict, `format_text()` words it.

Importing this module is cheap; pandas, statsmodels and scipy load on the first
`analyze()` call (about 1 s), so the TUI can import `persistence_status_line` freely.
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
    persistence_status_line,
)
from tracker.analysis.text import DASH, TIMES, chance_text, q_words, range_coverage
from tracker.analysis.triggers import FactorLike
from tracker.core.daily import DailyRow
from tracker.core.formatting import days as plural_days
from tracker.core.formatting import factor_words, red_flag_words, rounded
from tracker.core.span import clamped_words

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AnalysisConfig",
    "PersistenceConfig",
    "analyze",
    "find_runs",
    "format_text",
    "persistence_status_line",
]

# How much data stands behind a test, in words: the stored values are for programs.
CONFIDENCE_WORDS = {
    "confident": "enough data",
    "provisional": "provisional, few days",
    "insufficient": "not enough data yet",
}
METHOD = (
    "Poisson GLM of daily counts on the days whose twitches were answered (a twitch or 'no twitches' "
    "logged), with yesterday's count and weekday; "
    "quasi-Poisson errors widened for autocorrelation (effective sample size); "
    "Benjamini-Hochberg across all factor x lag tests"
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
) -> dict[str, Any]:
    """The whole report as a JSON-serialisable dict (see the README for its keys).

    Nothing after as_of is used. date_from/date_to narrow the days the triggers and
    interventions see; persistence always looks at every episode up to as_of, so a run
    that began before date_from keeps its true length.
    """
    from tracker.analysis import adjusted, triggers  # deferred: pandas + statsmodels, ~1 s

    config = config or AnalysisConfig()
    end = min(date_to or as_of, as_of)
    in_range = _contiguous([row for row in rows if row.date <= end and (date_from is None or row.date >= date_from)])
    start = date_from or (in_range[0].date if in_range else end)
    episodes = list(episodes)

    frame = _frame(in_range, factors)
    trigger_entries = triggers.trigger_tests(frame, factors, config)
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
            (episode.local_date for episode in episodes), as_of=as_of, config=config.persistence
        ),
        "red_flags": collect_red_flags(
            logged=red_flags,
            episodes=episodes,
            as_of=end,  # the flags keep to the range the rest of the report covers
            date_from=date_from,
            config=config.persistence,
        ),
        "triggers": trigger_entries,
        "adjusted": adjusted.adjusted_model(frame, factors, trigger_entries, config),
        "factor_correlations": adjusted.factor_correlations(frame, factors, config),
        "interventions": intervention_effects(in_range, interventions, as_of=as_of, config=config),
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


def format_text(result: dict[str, Any]) -> str:
    """The report for a person to read: persistence, red flags, possible triggers, the
    adjusted model, interventions, in that order."""
    span = result["range"]
    lines = [
        f"Twitching report, {span['from']} to {span['to']} (as of {result['as_of']}): {range_coverage(span)}.",
        *(f"({clamped_words(item)})" for item in span.get("clamped", ())),
        *_unanswered_lines(span),
        *_not_logged_lines(result.get("not_logged_reads_as_none") or []),
        "",
        "1. How long it has lasted",
        *_persistence_lines(result["persistence"]),
        "",
        f"2. Red flags, {span['from']} to {span['to']}",
        *([_flag_line(flag) for flag in result["red_flags"]] or ["   none"]),
        "",
        "3. Possible triggers (each factor on the same day, and the day before)",
        *_trigger_lines(result["triggers"]),
        "",
        "4. Adjusted for each other (same day, days with every factor logged)",
        *(_adjusted_lines(result["adjusted"]) or ["   not enough data for a combined model yet"]),
        "",
        "5. Interventions",
        *([f"   {item['summary']}" for item in result["interventions"]] or ["   none logged"]),
    ]
    return "\n".join(lines) + "\n"


def _unanswered_lines(span: dict[str, Any]) -> list[str]:
    count = span.get("unanswered_days") or 0
    if not count:
        return []
    return [
        "On a day with only other entries the twitches are unknown, not counted as 0. "
        "`tracker log none --date D` records a day without twitches."
    ]


def _not_logged_lines(names: Sequence[str]) -> list[str]:
    if not names:
        return []
    listed = " or ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
    return [
        f"A day with twitches answered and no {listed} logged counts as none of it in the analysis; "
        "`tracker factor list` shows this and `factor edit --absent` changes it."
    ]


def _persistence_lines(result: dict[str, Any]) -> list[str]:
    lines = [f"   {persistence_status_line(result)}"]
    for label, key in (("Current run", "current_run"), ("Longest run", "longest_run")):
        run = result[key]
        if run:
            lines.append(
                f"   {label}: {run['start']} to {run['end']} "
                f"({plural_days(run['days'])}, {run['active_days']} with twitching)"
            )
    if result["recurrent"]:
        lines.append("   Recurrent: twitching in at least 3 calendar months in a row.")
    return lines


def _flag_line(flag: dict[str, Any]) -> str:
    """A logged flag's kind in words ("eye closure"); a derived flag keeps the analysis's name."""
    name = str(flag["name"])
    name = red_flag_words(name) if name == flag["kind"] else name
    return f"   {flag['date']}  {name} ({flag['source']})" + (f": {flag['note']}" if flag["note"] else "")


def _trigger_lines(entries: Sequence[dict[str, Any]]) -> list[str]:
    if not entries:
        return ["   no factors logged"]
    # Associations first, then the rest by strength of evidence, then the not-yet-testable.
    ordered = sorted(
        entries,
        key=lambda e: (not e["association"], e["q_value"] is None, e["q_value"] or 0.0),
    )
    tested = sum(entry["q_value"] is not None for entry in entries)
    lines = [f"   ({q_words(tested, AnalysisConfig().alpha)}.)"] if tested else []
    for entry in ordered:
        # One line a factor: the summary names the factor and the day; the facts follow it.
        confidence = CONFIDENCE_WORDS.get(entry["confidence"], entry["confidence"])
        facts = f"{confidence}, {plural_days(entry['n_days'])}"
        if entry["q_value"] is not None:
            facts += f", {chance_text('q', entry['q_value'])}"
        lines.append(f"   {entry['summary']} [{facts}]")
    return lines


def _adjusted_lines(entries: Sequence[dict[str, Any]]) -> list[str]:
    return [
        f"   {factor_words(entry['name'])}: {rounded(entry['rate_ratio'], 2)}{TIMES} per {entry['per']} "
        f"(95% CI {rounded(entry['ci_low'], 2)}{DASH}{rounded(entry['ci_high'], 2)}), "
        f"{chance_text('p', entry['p_value'])}, {plural_days(entry['n_days'])}"
        for entry in entries
    ]
