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
    from collections.abc import Sequence

    import pandas as pd
    from matplotlib.figure import Figure

    from tracker.core.daily import DailyRow
    from tracker.report.charts import ChartMarks
    from tracker.report.site_chart import SitePicture
    from tracker.storage.history import History


def analysis_of(history: History, as_of: dt.date) -> dict[str, Any]:
    """The analysis dict (tracker.analysis.results.analyze); `range.clamped` lists the dates asked
    for that were brought into the diary's span, and each trigger gets its `summary` in words."""
    from tracker.analysis.results import analyze  # deferred: pandas + statsmodels, ~1 s
    from tracker.report.checklist_words import derived_signs, new_medicine_answer_lines
    from tracker.report.medication_words import medication_lines, new_medicines, started_since
    from tracker.report.wording import intervention_line, summary_of

    result = analyze(
        rows=history.rows,
        episodes=history.episodes,
        red_flags=history.red_flags,
        interventions=history.interventions,
        factors=history.factors,
        as_of=as_of,
        date_from=history.start,
        date_to=history.end,
        onset=history.onset,
    )
    result["range"]["clamped"] = [adjusted.as_dict() for adjusted in history.adjusted]
    for entry in result["triggers"]:
        entry["summary"] = summary_of(entry)  # the same words the text, Insights and the PDF use
    for effect in result["interventions"]:
        effect["summary"] = intervention_line(effect)
    # The medication list in the report's words, so `analyze`, Insights and the PDF say it alike.
    first_twitch = min((episode.local_date for episode in history.episodes), default=None)
    counts = {row.date: row.episodes for row in history.rows if row.episodes is not None}
    result["medications"] = medication_lines(
        history.medications, onset=history.onset, first_twitch=first_twitch, counts=counts
    )
    # A "no" to "it began after a new medicine" is never left standing against the list's dates.
    when = {"onset": history.onset, "first_twitch": first_twitch}
    new = new_medicines(history.medications, **when)
    derived = derived_signs({}, new, started_since=started_since(history.medications, **when))
    result["medications"] += new_medicine_answer_lines(history.checklist_no, derived)
    return result


def chart_marks(history: History) -> ChartMarks:
    """What every chart of `history` marks: persistent runs, intervention starts (a plan's
    on-blocks), red flags logged or suggested by the entries (the standalone chart and the
    report alike)."""
    from tracker.core.plans import plan_blocks
    from tracker.report.charts import chart_marks as marks_for

    starts = []
    for item in history.interventions:
        if item.block_days and item.end_date:
            # A plan begins with an off-block: mark each on-block, where it is taken, not the plan's first day.
            blocks = plan_blocks(item.start_date, item.end_date, item.block_days)
            starts += [(block.first, f"{item.name} on") for block in blocks if block.on]
        else:
            starts.append((item.start_date, item.name))
    return marks_for(episodes=history.episodes, red_flags=history.red_flags, interventions=starts, as_of=history.end)


def chart_figure_of(history: History, *, weeks: int, factors: list[str]) -> Figure:
    """The chart `tracker chart` writes, as a matplotlib Figure."""
    from tracker.report.charts import chart_figure  # deferred: matplotlib, ~300 ms

    frame, none = chart_reading(history.rows, history)
    return chart_figure(
        frame, weeks=weeks, factors=factors, names=history.names, units=history.units, marks=chart_marks(history),
        absent_means_none=none,
    )  # fmt: skip


def chart_reading(rows: Sequence[DailyRow], history: History) -> tuple[pd.DataFrame, list[str]]:
    """The days as every chart averages them (chart.png, the report's weekly chart; Trends reads
    the same frame), and the factors read as none when not logged: a factor logged only when
    taken is averaged as the analysis reads it, a day answered for twitches without an entry
    as none (caffeine on a coffee-free day is 0, not left out), and its panel title says so."""
    from tracker.analysis.frame import analysis_frame, reads_absent_as_none  # deferred: pandas, ~250 ms

    none = [factor.column for factor in history.factors if reads_absent_as_none(factor)]
    return analysis_frame(rows, history.factors), none


def draw_chart(history: History, path: Path, *, weeks: int, factors: list[str]) -> Path:
    from tracker.report.charts import save_chart

    return save_chart(chart_figure_of(history, weeks=weeks, factors=factors), path)


def site_picture_of(history: History, marks: ChartMarks | None = None) -> SitePicture:
    """Where and when, across the whole range of `history`: the numbers behind the site chart.
    `marks`: chart_marks(history), when the caller has them already (each costs a pass over every
    twitch, a tenth of a second on ten years)."""
    from tracker.report.site_chart import site_picture

    # The history's own span: a short period's report still shows the site history it belongs to.
    rows = history.diary_rows or history.rows
    start = min(history.start, rows[0].date) if rows else history.start
    flags = (chart_marks(history) if marks is None else marks).red_flags
    return site_picture(history.episodes, rows, flags, date_from=start, date_to=history.end)


def draw_site_chart(history: History, path: Path) -> Path:
    """Write the site chart (`tracker chart --sites`) to `path`, in the format its suffix names."""
    from tracker.report.charts import save_chart
    from tracker.report.site_chart import sites_figure

    return save_chart(sites_figure(site_picture_of(history)), path)


def report_content(history: History, *, today: dt.date) -> dict[str, Any]:
    """Everything the visit report shows, as keyword arguments for tracker.report.pdf."""
    from tracker.analysis.frame import daily_frame, tracked_from_days
    from tracker.core.vocabulary import FactorKind

    chart_frame, none = chart_reading(history.diary_rows or history.rows, history)
    marks = chart_marks(history)  # once: the weekly chart and the site chart mark the same flags
    return {
        # The whole diary up to the period's end: the period's days are cut from it for the summary
        # and the day table, while the history and the weekly chart see the days before it too.
        "frame": daily_frame(history.diary_rows or history.rows, [factor.column for factor in history.factors]),
        "analysis": analysis_of(history, history.end),
        "episodes": history.episodes,
        "interventions": history.interventions,
        "red_flags": history.red_flags,
        "marks": marks,
        "sites": site_picture_of(history, marks),
        "daily_rows": history.diary_rows or history.rows,
        "factors_units": history.units,
        "factor_names": history.names,
        "yes_no": [factor.column for factor in history.factors if factor.kind == FactorKind.YES_NO],
        "tracked_from": tracked_from_days(history.diary_rows or history.rows, history.factors),
        "date_from": history.start,
        "date_to": history.end,
        "generated_on": today,
        "day_notes": [(row.date, row.note) for row in history.rows if row.note],
        "noted_twitches": history.noted_twitches,
        "onset": history.onset,
        "checklist_no": history.checklist_no,
        "relief": history.relief,
        "same_minute": history.same_minute,
        "earlier": history.earlier,
        "chart_frame": chart_frame,
        "absent_means_none": none,
        "medications": history.medications,
        "contexts": history.contexts,
    }


def write_visit_report(history: History, path: Path, *, today: dt.date, in_packet: bool = False) -> Path:
    """Write the report PDF to `path` and return it; `in_packet` when daily.csv and
    episodes.csv are written beside it (the visit packet)."""
    from tracker.report.pdf import write_report

    return write_report(path, **report_content(history, today=today), in_packet=in_packet)
