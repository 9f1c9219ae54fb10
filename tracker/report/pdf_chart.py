"""The weekly chart as the visit report draws it: the same panels and marks as `tracker chart`,
at the biggest size that fits the room a page has left (tracker.report.chart_plan), never
smaller than a panel worth reading. Import lazily: it pulls in pandas and matplotlib.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypedDict

from tracker.analysis import periods
from tracker.core.formatting import report_date
from tracker.report import charts
from tracker.report.pdf_page import A4, BODY, ReportPage, heading_height

if TYPE_CHECKING:
    import pandas as pd

    from tracker.analysis.periods import Period
    from tracker.report.chart_plan import ChartPlan

FACTOR_PANELS = 2  # the PDF has room for two factor panels under the episodes
CHART_LEFT, CHART_RIGHT = 1.0, 0.9  # room for the axis labels on either side
MIN_PANEL = 0.42  # inches: a factor panel lower than this is not worth drawing; the chart moves on
MAX_CHART_HEIGHT = 5.2


def _weeks_spanned(frame: pd.DataFrame) -> int:
    """How many ISO weeks the frame's days touch, first to last (0 for no days)."""
    if len(frame.index) == 0:
        return 0
    first, last = frame.index[0], frame.index[-1]
    return int((last - first).days) // 7 + 2  # a partial week at either end counts


class _ChartOptions(TypedDict):
    """What the report's chart is drawn with, whatever its size."""

    period: Period
    factors: Sequence[str]
    names: dict[str, str]
    units: dict[str, str]
    marks: charts.ChartMarks
    absent_means_none: Sequence[str]


class WeeklyChart:
    """The weekly chart as drawn on a page: the same panels and marks as `tracker chart`."""

    def __init__(
        self,
        frame: pd.DataFrame,
        marks: charts.ChartMarks,
        factors: Sequence[str],
        units: dict[str, str],
        names: dict[str, str],
        date_to: dt.date,
        absent_means_none: Sequence[str] = (),
    ) -> None:
        # The whole diary, so a doctor sees the onset and every phase: by week up to about a year,
        # by month beyond it, as `tracker chart` adapts (tracker.analysis.periods.chart_span).
        span, period = periods.chart_span(frame, _weeks_spanned(frame))
        self.summary = periods.period_summary(span, factors=factors, period=period)
        self.options = _ChartOptions(
            period=period, factors=factors, names=names, units=units, marks=marks, absent_means_none=absent_means_none
        )
        self.date_to = date_to
        first = frame.index[0].date() if len(frame.index) else date_to
        by = "Week by week" if period == "week" else "Month by month"
        self.heading = f"{by}, the whole diary: {report_date(first)} to {report_date(date_to)}"

    def plan(self, room: float) -> ChartPlan | None:
        """The biggest plan that fits `room` inches (heading included), or None."""
        from tracker.report.chart_plan import ChartStyle, plan_chart

        style = ChartStyle(size=BODY - 1)
        width = A4[0] - CHART_LEFT - CHART_RIGHT
        room = min(room, MAX_CHART_HEIGHT) - heading_height()
        panels = 2 + len(self.options["factors"])  # the episodes panel is two factor panels high
        bare = plan_chart(self.summary, width=width, style=style, episodes_height=0, factor_height=0, **self.options)
        unit = (room - bare.height) / panels
        for _ in range(3):  # taller panels may label more markers, and so need fewer caption lines
            if unit < MIN_PANEL:
                return None
            plan = plan_chart(
                self.summary, width=width, style=style, episodes_height=2 * unit, factor_height=unit, **self.options
            )
            if plan.height <= room:
                return plan
            unit -= (plan.height - room) / panels + 0.01
        return None

    def fits(self, room: float) -> bool:
        return self.plan(room) is not None

    def min_height(self) -> float:
        """The least room (inches) the chart is drawn in, heading included."""
        from tracker.report.chart_plan import ChartStyle, plan_chart

        width = A4[0] - CHART_LEFT - CHART_RIGHT
        style = ChartStyle(size=BODY - 1)
        plan = plan_chart(
            self.summary,
            width=width,
            style=style,
            episodes_height=2 * MIN_PANEL,
            factor_height=MIN_PANEL,
            **self.options,
        )
        return plan.height + heading_height() + 0.02

    def draw(self, page: ReportPage) -> None:
        from tracker.report.chart_draw import draw_chart

        plan = self.plan(page.room())
        assert plan is not None  # drawn only on a page it fits (callers ask `fits` first)
        page.heading(self.heading)
        page.y = draw_chart(page.fig, plan, left=CHART_LEFT, top=page.y - 0.05)
