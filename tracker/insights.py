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



def analysis_of(history: History, as_of: dt.date) -> dict[str, Any]:
    from tracker.analysis.report import analyze  # deferred: pandas + statsmodels, ~1 s

    return analyze(
        rows=history.rows,
        episodes=history.episodes,
        red_flags=history.red_flags,
        interventions=history.interventions,
        factors=history.factors,
        as_of=as_of,
        date_from=history.start,
        date_to=history.end,
    )


def chart_marks(history: History) -> dict[str, Any]:
    """Persistent runs to shade, and intervention starts and red flags to mark."""
    from tracker.analysis.config import PersistenceConfig
    from tracker.analysis.persistence import find_runs

    threshold = PersistenceConfig().threshold_days
    runs = find_runs({episode.local_date for episode in history.episodes})
    return {
        "persistent_runs": [(run.start, run.end) for run in runs if run.days >= threshold],
        "interventions": [(item.start_date, item.name) for item in history.interventions],
        "red_flags": [(flag.date, flag.kind) for flag in history.red_flags],
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
