"""The report's weekly chart shows the course over the whole diary, and its bars with days
unanswered are told from full ones by a pattern, not only by a lighter blue."""

from __future__ import annotations

import datetime as dt

from tests.charts.conftest import make_diary
from tracker.core.formatting import report_date
from tracker.report import charts
from tracker.report.pdf_chart import WeeklyChart
from tracker.report.pdf_page import ReportPage

UNITS = {"caffeine_mg": "mg", "sleep_h": "h"}
NAMES = {"caffeine_mg": "Caffeine", "sleep_h": "Sleep"}


def _chart(diary) -> WeeklyChart:
    marks = charts.chart_marks(episodes=diary.episodes, red_flags=[], interventions=[], as_of=diary.end)
    return WeeklyChart(diary.frame, marks, list(UNITS), UNITS, NAMES, diary.end)


def test_a_half_year_diary_is_charted_week_by_week_from_its_first_day():
    diary = make_diary(days=180)
    chart = _chart(diary)
    first_week = chart.summary.index[0].date()
    assert first_week <= diary.start < first_week + dt.timedelta(days=7)
    assert len(chart.summary.index) > 12  # not only the last twelve weeks
    assert chart.options["period"] == "week"
    assert chart.heading == f"Week by week, the whole diary: {report_date(diary.start)} to {report_date(diary.end)}"


def test_a_diary_of_over_a_year_is_charted_month_by_month_from_its_first_month():
    diary = make_diary(days=500)
    chart = _chart(diary)
    assert chart.options["period"] == "month"
    assert chart.summary.index[0].date() == diary.start.replace(day=1)
    assert chart.heading.startswith("Month by month, the whole diary: ")


def test_weeks_with_days_unanswered_are_patterned_as_the_key_shows():
    diary = make_diary(days=180)  # it has a whole week not logged and scattered forgotten days
    page = ReportPage()
    _chart(diary).draw(page)
    legend = next(axes.get_legend() for axes in page.fig.axes if axes.get_legend())
    key = next(
        handle
        for handle, text in zip(legend.legend_handles, legend.get_texts(), strict=True)
        if "some days unanswered" in text.get_text()
    )
    assert key.get_hatch()  # greyscale prints and a glance tell it by its pattern
    bars = [patch for axes in page.fig.axes for patch in axes.patches if patch.get_facecolor() == key.get_facecolor()]
    assert bars and all(bar.get_hatch() == key.get_hatch() for bar in bars)
