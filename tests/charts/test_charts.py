"""Charts: assertions on the weekly frame and on the Axes matplotlib was handed."""

from __future__ import annotations

import datetime as dt
import math
import stat
import subprocess
import sys

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from pandas.testing import assert_frame_equal

from tracker.analysis import periods
from tracker.analysis.frame import daily_frame
from tracker.core.daily import DailyRow, date_range
from tracker.report import charts

MONDAY = dt.date(2026, 11, 2)
NAMES = {"caffeine_mg": "caffeine", "sleep_h": "sleep"}
UNITS = {"caffeine_mg": "mg", "sleep_h": "h"}


def _week(start: dt.date, days: list[tuple[int, float | None, float | None] | None]) -> list[DailyRow]:
    """Rows from (episodes, mean intensity, caffeine) per day; None is an untracked day."""
    rows = []
    for offset, day in enumerate(days):
        date = start + dt.timedelta(days=offset)
        if day is None:
            rows.append(DailyRow(date=date, tracked=False))
            continue
        episodes, intensity, caffeine = day
        rows.append(
            DailyRow(
                date=date,
                tracked=True,
                episodes=episodes,
                mean_intensity=intensity,
                max_intensity=None if intensity is None else math.ceil(intensity),
                factors={"caffeine_mg": caffeine},
            )
        )
    return rows


@pytest.fixture
def three_weeks() -> pd.DataFrame:
    """A full week, a week with 4 of 7 days tracked, then a week not tracked at all."""
    full = [(2, 3.0, 100.0), (0, None, 200.0), (1, 1.0, None), (0, None, 0.0)]
    full += [(0, None, 100.0), (3, 2.0, 100.0), (0, None, 100.0)]
    partial = [(1, 4.0, 300.0), None, (0, None, None), None, (2, 1.0, 300.0), None, (0, None, None)]
    rows = _week(MONDAY, full) + _week(MONDAY + dt.timedelta(days=7), partial)
    rows += _week(MONDAY + dt.timedelta(days=14), [None] * 7)
    return daily_frame(rows, ["caffeine_mg"])


def test_weekly_summary_counts_tracked_days_and_keeps_untracked_weeks_nan(three_weeks):
    weekly = periods.weekly_summary(three_weeks, factors=["caffeine_mg"])

    expected = pd.DataFrame(
        {
            "days_tracked": [7, 4, 0],
            "days_answered": [7, 4, 0],
            "days_elapsed": [7, 7, 7],
            "days_in_week": [7, 7, 7],
            "episodes": [6.0, 3.0, np.nan],
            # per episode: (2*3 + 1*1 + 3*2) / 6 and (1*4 + 2*1) / 3
            "mean_intensity": [13 / 6, 2.0, np.nan],
            "caffeine_mg": [600 / 6, 300.0, np.nan],
        },
        index=pd.DatetimeIndex([pd.Timestamp(MONDAY + dt.timedelta(days=7 * n)) for n in range(3)], name="week"),
    )
    assert_frame_equal(weekly, expected, check_freq=False, check_dtype=False)


def test_weekly_summary_weeks_start_on_monday_even_mid_week():
    rows = _week(MONDAY + dt.timedelta(days=3), [(1, 2.0, None)] * 6)  # Thursday to Tuesday
    weekly = periods.weekly_summary(daily_frame(rows, []), factors=[])

    assert [ts.date() for ts in weekly.index] == [MONDAY, MONDAY + dt.timedelta(days=7)]
    # Monday to Wednesday of the first week have passed, unlogged: 4 of 7 days, as the TUI says.
    assert weekly["days_elapsed"].tolist() == [7, 2]
    assert weekly["days_tracked"].tolist() == [4, 2]
    assert weekly["episodes"].tolist() == [4.0, 2.0]


def test_the_current_week_counts_the_days_elapsed_so_far():
    monday = dt.date(2026, 11, 30)
    rows = _week(monday - dt.timedelta(days=7), [(1, 2.0, None)] * 7) + _week(monday, [(0, None, None)])
    weekly = periods.weekly_summary(daily_frame(rows, []), factors=[])

    current = weekly.iloc[-1]
    assert charts.completeness_label(current["days_answered"], current["days_elapsed"]) == "1/1"


def test_the_current_week_on_a_monday_reads_complete_on_the_chart_never_1_of_7():
    monday = dt.date(2026, 11, 30)
    rows = _week(monday - dt.timedelta(days=14), [(1, 2.0, 95.0)] * 14) + _week(monday, [(0, None, None)])
    fig = _chart(daily_frame(rows, ["caffeine_mg"]))

    words = _words(fig)
    assert "1/7" not in words and "0 (1/7)" not in words
    assert "twitches answered every day so far" in words
    assert "0" in [text.get_text() for text in _episodes_axes(fig).texts]  # a week logged with no twitches


def test_a_part_logged_current_week_counts_days_elapsed():
    wednesday = dt.date(2026, 12, 2)
    rows = _week(wednesday - dt.timedelta(days=9), [(1, 2.0, 95.0)] * 7) + _week(
        wednesday - dt.timedelta(days=2), [(1, 2.0, 95.0), None, (2, 3.0, 95.0)]
    )
    fig = _chart(daily_frame(rows, ["caffeine_mg"]))

    numbers = [text.get_text() for text in fig.findobj(Text) if text.get_gid() == "days-logged"]
    assert numbers == ["2/3"]


def test_bars_are_weekly_counts_and_untracked_weeks_are_gaps(three_weeks):
    fig = _chart(three_weeks)
    ax = _episodes_axes(fig)

    (bars,) = ax.containers
    heights = [bar.get_height() for bar in bars]
    assert heights[:2] == [6.0, 3.0]
    assert math.isnan(heights[2])  # nothing drawn, not a zero bar
    numbers = [text.get_text() for text in fig.findobj(Text) if text.get_gid() == "days-logged"]
    assert numbers == ["4/7", "0/7"]
    assert "not answered" in [text.get_text() for text in ax.texts]
    assert [patch.get_gid() for patch in ax.patches].count("not-logged") == 1


def test_a_tracked_week_without_twitches_is_labelled_zero():
    rows = _week(MONDAY, [(0, None, None)] * 7)
    fig = _chart(daily_frame(rows, []))
    ax = _episodes_axes(fig)

    assert [bar.get_height() for bar in ax.containers[0]] == [0.0]
    assert "0" in [text.get_text() for text in ax.texts]
    assert "not answered" not in [text.get_text() for text in ax.texts]


def test_markers_and_runs_sit_at_their_dates(three_weeks):
    flag_day, start_day = dt.date(2026, 11, 11), dt.date(2026, 11, 4)
    marks = charts.ChartMarks(
        persistent_runs=[(MONDAY, dt.date(2026, 11, 8))],
        interventions=[(start_day, "magnesium")],
        red_flags=[
            charts.FlagMark(flag_day, "drooping", suggested=False),
            charts.FlagMark(flag_day, "hemifacial-spasm pattern", suggested=True),
        ],
    )
    fig = _chart(three_weeks, marks=marks)
    ax = _episodes_axes(fig)

    def xs(gid: str) -> list[float]:
        return [line.get_xdata()[0] for line in ax.get_lines() if line.get_gid() == gid]

    assert xs("red-flag") == [mdates.date2num(dt.datetime(2026, 11, 11))]
    assert xs("red-flag-suggested") == []  # one line a day: the logged one; both are labelled
    assert xs("intervention") == [mdates.date2num(dt.datetime(2026, 11, 4))]
    texts = [text.get_text() for text in ax.texts]
    assert "! drooping" in texts and "hemifacial-spasm pattern (suggested)" in texts
    assert "magnesium" in texts
    (run,) = [patch for patch in ax.patches if patch.get_gid() == "persistent-run"]
    left, right = run.get_x(), run.get_x() + run.get_width()
    assert (left, right) == (mdates.date2num(dt.datetime(2026, 11, 2)), mdates.date2num(dt.datetime(2026, 11, 9)))
    assert "red flag suggested by the entries" in _words(fig)


def test_mean_intensity_is_a_line_on_a_twin_axis(three_weeks):
    fig = _chart(three_weeks)

    (twin,) = [ax for ax in fig.axes if "intensity" in ax.get_ylabel()]
    (line,) = twin.get_lines()
    np.testing.assert_allclose(line.get_ydata(), [13 / 6, 2.0, np.nan])


def test_factor_panel_names_the_factor_and_breaks_the_line_at_missing_weeks(three_weeks):
    fig = _chart(three_weeks, factors=["caffeine_mg"])

    (ax,) = [ax for ax in fig.axes if ax.get_title(loc="left").startswith("Caffeine")]
    assert ax.get_title(loc="left") == "Caffeine (mg): mean of the days logged, per week"
    (line,) = ax.get_lines()
    ys = line.get_ydata()
    assert ys[:2].tolist() == [100.0, 300.0]
    assert math.isnan(ys[2])  # matplotlib leaves a gap; never joined to a zero


def test_a_long_span_is_drawn_by_month_with_years_on_the_axis():
    rows = [
        DailyRow(date=day, tracked=True, episodes=day.day % 3, mean_intensity=2.0 if day.day % 3 else None)
        for day in date_range(dt.date(2016, 6, 1), dt.date(2026, 11, 30))
        if day.day != 15  # one day a month forgotten
    ]
    frame = daily_frame(rows, [])

    recent, period = periods.chart_span(frame, 520)
    fig = _chart(frame, weeks=520)

    # 520 weeks back is 19 Dec 2016: the chart starts on the 1st, so the first bar is a whole month.
    assert period == "month" and recent.index[0] == pd.Timestamp(2016, 12, 1)
    ax = _episodes_axes(fig)
    assert len(ax.containers[0]) == 120  # Dec 2016 to Nov 2026
    assert ax.get_ylabel() == "twitches per month" and "Twitching by month" in _words(fig)
    ticks = _tick_labels(fig)
    assert ticks and all(label.isdigit() and len(label) == 4 for label in ticks)  # years
    assert "too many months to number" in _words(fig)


def test_about_a_year_stays_weekly_and_names_the_year_where_it_changes():
    rows = [
        DailyRow(date=day, tracked=True, episodes=1) for day in date_range(dt.date(2025, 12, 1), dt.date(2026, 11, 30))
    ]
    frame = daily_frame(rows, [])

    fig = _chart(frame, weeks=52)

    assert len(_episodes_axes(fig).containers[0]) == 52
    # The year beside the day and month, on one line: a date is never split over two.
    years = [label.rsplit(" ", 1)[1] for label in _tick_labels(fig) if len(label.split()) == 3]
    assert years == ["2026"] or years == ["2025", "2026"]
    assert not any("\n" in label for label in _tick_labels(fig))
    assert periods.chart_span(frame, 12)[1] == "week"


def test_a_crowded_span_leaves_the_day_counts_out_and_says_so():
    # Every week part-logged: numbers under 53 bars would touch.
    rows = [
        DailyRow(date=day, tracked=day.weekday() != 2, episodes=1 if day.weekday() != 2 else None)
        for day in date_range(dt.date(2025, 12, 1), dt.date(2026, 11, 30))
    ]
    fig = _chart(daily_frame(rows, []), weeks=52)

    assert not [text for text in fig.findobj(Text) if text.get_gid() == "days-logged"]
    assert "too many weeks to number: a lighter bar is a week with twitches not answered every day" in _words(fig)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_render_chart_writes_an_owner_only_file(tmp_path, chart_diary, suffix):
    path = tmp_path / f"chart{suffix}"

    written = charts.render_chart(path, chart_diary.frame, names=NAMES, units={"caffeine_mg": "mg", "sleep_h": "h"})

    assert written == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.stat().st_size > 1000
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left behind


def test_render_chart_replaces_an_existing_file_and_tightens_its_mode(tmp_path, chart_diary):
    path = tmp_path / "chart.png"
    path.write_bytes(b"old")
    path.chmod(0o644)

    charts.render_chart(path, chart_diary.frame, names=NAMES, units={})

    assert path.read_bytes().startswith(b"\x89PNG")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_render_chart_refuses_an_unknown_suffix_and_writes_nothing(tmp_path, chart_diary):
    with pytest.raises(ValueError, match=r"\.png"):
        charts.render_chart(tmp_path / "chart.jpg", chart_diary.frame, names=NAMES, units={})
    assert list(tmp_path.iterdir()) == []


def test_last_weeks_slices_whole_weeks_from_a_long_history():
    rows = [
        DailyRow(date=day, tracked=True, episodes=1) for day in date_range(dt.date(2016, 1, 1), dt.date(2026, 11, 24))
    ]
    frame = daily_frame(rows, [])

    recent = periods.last_weeks(frame, 12)

    weekly = periods.weekly_summary(recent, factors=[])
    assert len(weekly) == 12
    assert weekly.index[0].day_of_week == 0
    assert recent.index[-1] == pd.Timestamp(2026, 11, 24)
    assert weekly["days_tracked"].tolist() == [7] * 11 + [2]


def test_charts_import_matplotlib_lazily_and_never_pyplot(tmp_path):
    script = f"""
import datetime as dt, sys
import tracker.report.charts
assert "matplotlib" not in sys.modules, "imported at module level"
from tracker.analysis import periods
from tracker.analysis.frame import daily_frame
from tracker.core.daily import DailyRow
rows = [DailyRow(date=dt.date(2026, 11, d), tracked=True, episodes=d % 3) for d in range(1, 20)]
path = {str(tmp_path / "c.png")!r}
tracker.report.charts.render_chart(path, daily_frame(rows, []), factors=(), names={{}}, units={{}})
assert "matplotlib.pyplot" not in sys.modules, "pyplot was imported"
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _chart(frame: pd.DataFrame, *, weeks: int = 12, factors=(), marks=None) -> Figure:
    fig = charts.chart_figure(
        frame, weeks=weeks, factors=list(factors), names=NAMES, units=UNITS, marks=marks or charts.ChartMarks()
    )
    FigureCanvasAgg(fig).draw()  # lays out the ticks, as saving does
    return fig


def _episodes_axes(fig: Figure):  # type: ignore[no-untyped-def]
    (ax,) = [ax for ax in fig.axes if ax.get_ylabel().startswith("twitches per")]
    return ax


def _words(fig: Figure) -> str:
    return " ".join(text.get_text() for text in fig.findobj(Text) if text.get_visible())


def _tick_labels(fig: Figure) -> list[str]:
    low, high = _episodes_axes(fig).get_xlim()
    return [
        tick.label1.get_text()
        for ax in fig.axes
        for tick in ax.xaxis.get_major_ticks()
        if tick.label1.get_visible() and tick.label1.get_text() and low <= tick.get_loc() <= high
    ]


def test_days_with_twitches_not_answered_are_not_counted_as_logged_nor_as_zero():
    # Caffeine logged but twitches not answered (episodes None): tracked, yet not a twitch-free day.
    rows = [
        DailyRow(date=MONDAY + dt.timedelta(days=n), tracked=True, episodes=None, factors={"caffeine_mg": 95.0})
        for n in range(3)
    ]
    rows += _week(MONDAY + dt.timedelta(days=3), [(2, 3.0, 95.0)] * 4)
    rows += [DailyRow(date=MONDAY + dt.timedelta(days=7 + n), tracked=True, episodes=None) for n in range(7)]
    fig = _chart(daily_frame(rows, ["caffeine_mg"]))
    ax = _episodes_axes(fig)

    heights = [bar.get_height() for bar in ax.containers[0]]
    assert heights[0] == 8.0 and math.isnan(heights[1])  # a week of unanswered days is no bar, not 0
    numbers = [text.get_text() for text in fig.findobj(Text) if text.get_gid() == "days-logged"]
    assert numbers == ["4/7", "0/7"]
    assert "0" not in [text.get_text() for text in ax.texts]


def test_an_intervention_on_the_first_day_drawn_is_a_line_inside_the_axes():
    rows = _week(MONDAY, [(1, 2, None)] * 7)
    marks = charts.ChartMarks(interventions=[(MONDAY, "glasses")])
    fig = _chart(daily_frame(rows, []), weeks=1, marks=marks)
    ax = _episodes_axes(fig)

    [line] = [line for line in ax.lines if line.get_gid() == "intervention"]
    left, right = ax.get_xlim()
    # Not on the left spine, where the frame hides it while the legend and label still show.
    assert left < line.get_xdata()[0] < right
    assert "glasses" in _words(fig)


def test_the_week_under_way_is_drawn_as_part_of_a_week():
    rows = _week(MONDAY, [(2, 2, None)] * 7) + _week(MONDAY + dt.timedelta(days=7), [(1, 2, None)])
    fig = _chart(daily_frame(rows, []), weeks=2)
    ax = _episodes_axes(fig)

    bars = ax.containers[0]
    assert [bar.get_gid() for bar in bars] == [None, "so-far"] and bars[-1].get_hatch()
    assert "this week so far: 1 of 7 days" in _words(fig)
