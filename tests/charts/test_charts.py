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
from matplotlib.figure import Figure
from pandas.testing import assert_frame_equal

from tracker import charts
from tracker.analysis.frame import daily_frame
from tracker.daily import DailyRow, date_range

MONDAY = dt.date(2026, 11, 2)


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
    weekly = charts.weekly_summary(three_weeks, factors=["caffeine_mg"])

    expected = pd.DataFrame(
        {
            "days_tracked": [7, 4, 0],
            "days_answered": [7, 4, 0],
            "days_in_week": [7, 7, 7],
            "episodes": [6.0, 3.0, np.nan],
            # per episode: (2*3 + 1*1 + 3*2) / 6 and (1*4 + 2*1) / 3
            "mean_intensity": [13 / 6, 2.0, np.nan],
            "caffeine_mg": [600 / 6, 300.0, np.nan],
        },
        index=pd.DatetimeIndex([pd.Timestamp(MONDAY + dt.timedelta(days=7 * n)) for n in range(3)], name="week"),
    )
    assert_frame_equal(weekly, expected, check_freq=False)


def test_weekly_summary_weeks_start_on_monday_even_mid_week():
    rows = _week(MONDAY + dt.timedelta(days=3), [(1, 2.0, None)] * 6)  # Thursday to Tuesday
    weekly = charts.weekly_summary(daily_frame(rows, []), factors=[])

    assert [ts.date() for ts in weekly.index] == [MONDAY, MONDAY + dt.timedelta(days=7)]
    assert weekly["days_in_week"].tolist() == [4, 2]
    assert weekly["episodes"].tolist() == [4.0, 2.0]


def test_weekly_summary_names_an_unknown_factor(three_weeks):
    with pytest.raises(ValueError, match="sleep_h"):
        charts.weekly_summary(three_weeks, factors=["sleep_h"])


def test_draw_weekly_bars_are_weekly_counts_and_untracked_weeks_are_gaps(three_weeks):
    weekly = charts.weekly_summary(three_weeks, factors=[])
    ax = Figure().subplots()

    charts.draw_weekly(ax, weekly)

    (bars,) = ax.containers
    heights = [bar.get_height() for bar in bars]
    assert heights[:2] == [6.0, 3.0]
    assert math.isnan(heights[2])  # nothing drawn, not a zero bar
    texts = [text.get_text() for text in ax.texts]
    assert "4/7" in texts
    assert "no data" in texts
    assert "7/7" not in texts


def test_draw_weekly_labels_a_tracked_week_without_twitches_zero():
    rows = _week(MONDAY, [(0, None, None)] * 7)
    ax = Figure().subplots()

    charts.draw_weekly(ax, charts.weekly_summary(daily_frame(rows, []), factors=[]))

    assert [bar.get_height() for bar in ax.containers[0]] == [0.0]
    assert "0" in [text.get_text() for text in ax.texts]
    assert "no data" not in [text.get_text() for text in ax.texts]


def test_draw_weekly_puts_markers_and_runs_at_their_dates(three_weeks):
    weekly = charts.weekly_summary(three_weeks, factors=[])
    ax = Figure().subplots()
    flag_day, start_day = dt.date(2026, 11, 11), dt.date(2026, 11, 4)

    charts.draw_weekly(
        ax,
        weekly,
        persistent_runs=[(MONDAY, dt.date(2026, 11, 8))],
        interventions=[(start_day, "magnesium")],
        red_flags=[(flag_day, "drooping")],
    )

    def xs(gid: str) -> list[float]:
        return [line.get_xdata()[0] for line in ax.get_lines() if line.get_gid() == gid]

    assert xs("red-flag") == [mdates.date2num(dt.datetime(2026, 11, 11))]
    assert xs("intervention") == [mdates.date2num(dt.datetime(2026, 11, 4))]
    texts = [text.get_text() for text in ax.texts]
    assert any("drooping" in text for text in texts)
    assert any("magnesium" in text for text in texts)
    (run,) = [patch for patch in ax.patches if patch.get_label() == "persistent run"]
    left, right = run.get_x(), run.get_x() + run.get_width()
    assert (left, right) == (mdates.date2num(dt.datetime(2026, 11, 2)), mdates.date2num(dt.datetime(2026, 11, 9)))


def test_draw_weekly_shows_mean_intensity_on_a_twin_axis(three_weeks):
    weekly = charts.weekly_summary(three_weeks, factors=[])
    ax = Figure().subplots()

    twin = charts.draw_weekly(ax, weekly)

    (line,) = twin.get_lines()
    np.testing.assert_allclose(line.get_ydata(), [13 / 6, 2.0, np.nan])
    assert "intensity" in twin.get_ylabel()


def test_draw_factor_labels_its_unit_and_breaks_the_line_at_missing_weeks(three_weeks):
    weekly = charts.weekly_summary(three_weeks, factors=["caffeine_mg"])
    ax = Figure().subplots()

    charts.draw_factor(ax, weekly, "caffeine_mg", label="caffeine", unit="mg")

    assert ax.get_ylabel() == "caffeine (mg)"
    (line,) = ax.get_lines()
    ys = line.get_ydata()
    assert ys[:2].tolist() == [100.0, 300.0]
    assert math.isnan(ys[2])  # matplotlib leaves a gap; never joined to a zero


def test_factor_label_drops_the_unit_suffix():
    assert charts.factor_label("caffeine_mg", "mg") == "caffeine"
    assert charts.factor_label("screen_time_h", "h") == "screen time"
    assert charts.factor_label("stress", "") == "stress"


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_render_chart_writes_an_owner_only_file(tmp_path, diary, suffix):
    path = tmp_path / f"chart{suffix}"

    written = charts.render_chart(path, diary.frame, units={"caffeine_mg": "mg", "sleep_h": "h"})

    assert written == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.stat().st_size > 1000
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left behind


def test_render_chart_replaces_an_existing_file_and_tightens_its_mode(tmp_path, diary):
    path = tmp_path / "chart.png"
    path.write_bytes(b"old")
    path.chmod(0o644)

    charts.render_chart(path, diary.frame, units={})

    assert path.read_bytes().startswith(b"\x89PNG")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_render_chart_refuses_an_unknown_suffix_and_writes_nothing(tmp_path, diary):
    with pytest.raises(ValueError, match=r"\.png"):
        charts.render_chart(tmp_path / "chart.jpg", diary.frame, units={})
    assert list(tmp_path.iterdir()) == []


def test_last_weeks_slices_whole_weeks_from_a_long_history():
    rows = [
        DailyRow(date=day, tracked=True, episodes=1) for day in date_range(dt.date(2016, 1, 1), dt.date(2026, 11, 24))
    ]
    frame = daily_frame(rows, [])

    recent = charts.last_weeks(frame, 12)

    weekly = charts.weekly_summary(recent, factors=[])
    assert len(weekly) == 12
    assert weekly.index[0].day_of_week == 0
    assert recent.index[-1] == pd.Timestamp(2026, 11, 24)
    assert weekly["days_tracked"].tolist() == [7] * 11 + [2]


def test_charts_import_matplotlib_lazily_and_never_pyplot(tmp_path):
    script = f"""
import datetime as dt, sys
import tracker.charts
assert "matplotlib" not in sys.modules, "imported at module level"
from tracker.analysis.frame import daily_frame
from tracker.daily import DailyRow
rows = [DailyRow(date=dt.date(2026, 11, d), tracked=True, episodes=d % 3) for d in range(1, 20)]
path = {str(tmp_path / "c.png")!r}
tracker.charts.render_chart(path, daily_frame(rows, []), factors=(), units={{}})
assert "matplotlib.pyplot" not in sys.modules, "pyplot was imported"
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
