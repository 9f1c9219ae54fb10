"""From a loaded History to what people read: the analysis dict, the weekly chart, the PDF.

Shared by the commands (`tracker analyze`, `chart`, `report`, `export visit`) and the TUI,
so every view of the history is computed the same way. pandas, statsmodels and matplotlib
are imported inside the functions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracker.history import History

DEFAULT_CHART = "twitch-weekly.png"


def analysis_of(history: History, as_of: dt.date) -> dict[str, Any]:
    """The analysis dict (tracker.analysis.report.analyze); `range.clamped` lists the dates asked
    for that were brought into the diary's span."""
    from tracker.analysis.report import analyze  # deferred: pandas + statsmodels, ~1 s

    result = analyze(
        rows=history.rows,
        episodes=history.episodes,
        red_flags=history.red_flags,
        interventions=history.interventions,
        factors=history.factors,
        as_of=as_of,
        date_from=history.start,
        date_to=history.end,
    )
    result["range"]["clamped"] = [adjusted.as_dict() for adjusted in history.adjusted]
    return result


def chart_marks(history: History) -> dict[str, Any]:
    """Persistent runs to shade, and intervention starts, red flags logged and red flags the
    entries suggest (each kind apart) to mark."""
    from tracker.analysis.config import PersistenceConfig
    from tracker.analysis.persistence import collect_red_flags, find_runs
    from tracker.analysis.text import SUGGESTED

    threshold = PersistenceConfig().threshold_days
    runs = find_runs({episode.local_date for episode in history.episodes})
    flags = collect_red_flags(
        logged=history.red_flags, episodes=history.episodes, as_of=history.end, date_from=history.start
    )
    return {
        "persistent_runs": [(run.start, run.end) for run in runs if run.days >= threshold],
        "interventions": [(item.start_date, item.name) for item in history.interventions],
        "red_flags": [(flag.date, flag.kind) for flag in history.red_flags],
        "suggested_flags": [
            (dt.date.fromisoformat(flag["date"]), flag["name"]) for flag in flags if flag["source"] == SUGGESTED
        ],
    }


def draw_chart(history: History, path: Path, *, weeks: int, factors: list[str]) -> Path:
    from tracker.analysis.frame import daily_frame
    from tracker.charts import render_chart  # deferred: matplotlib, ~300 ms

    frame = daily_frame(history.rows, [factor.column for factor in history.factors])
    return render_chart(path, frame, weeks=weeks, factors=factors, units=history.units, **chart_marks(history))


def write_visit_report(history: History, path: Path, *, today: dt.date) -> Path:
    from tracker.analysis.frame import daily_frame
    from tracker.visit_report import write_report

    frame = daily_frame(history.rows, [factor.column for factor in history.factors])
    return write_report(
        path,
        frame=frame,
        analysis=analysis_of(history, history.end),
        episodes=history.episodes,
        interventions=history.interventions,
        red_flags=history.red_flags,
        factors_units=history.units,
        date_from=history.start,
        date_to=history.end,
        generated_on=today,
    )
