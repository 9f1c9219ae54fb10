"""The Trends screen: weekly numbers under the sparklines, and the files its keys write."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Sparkline, Static

from tests.tui.conftest import SIZE, TODAY, settle
from tests.tui.test_screens import caffeine
from tests.tui.test_today import twitch
from tracker.tui.screens.trends import TrendsScreen
from tracker.visit_packet import PACKET_FILES

MONDAY = TODAY - dt.timedelta(days=TODAY.weekday())  # TODAY is a Tuesday


def cells(screen: TrendsScreen, row: str) -> list[str]:
    """The last 12 cells of a row as shown: one per week, oldest first."""
    return screen.query_one(f"#cells-{row}", Static).visual.plain.split()[-12:]  # type: ignore[union-attr]


def seed_three_weeks(seed) -> None:
    two_weeks_ago = MONDAY - dt.timedelta(weeks=2)
    seed(lambda s: twitch(s, 8, day=two_weeks_ago + dt.timedelta(days=1)))
    seed(lambda s: twitch(s, 9, day=two_weeks_ago + dt.timedelta(days=1)))
    seed(lambda s: twitch(s, 8, day=two_weeks_ago + dt.timedelta(days=3)))
    seed(lambda s: caffeine(s, 200, two_weeks_ago + dt.timedelta(days=1)))
    seed(lambda s: caffeine(s, 100, two_weeks_ago + dt.timedelta(days=3)))
    # last week: nothing at all; this week: one twitch today
    seed(lambda s: twitch(s, 8))


async def test_trends_show_weekly_counts_and_a_dash_for_an_untracked_week(app, seed):
    seed_three_weeks(seed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        assert cells(screen, "episodes") == ["—"] * 9 + ["3", "—", "1"]
        assert cells(screen, "days") == ["0/7"] * 9 + ["2/7", "0/7", "1/2"]
        assert cells(screen, "caffeine_mg") == ["—"] * 9 + ["150", "—", "—"]
        assert screen.query_one("#label-caffeine_mg", Static).visual.plain == "caffeine mg"  # type: ignore[union-attr]
        assert screen.query_one("#cells-weeks", Static).visual.plain.endswith("Mar 02 Mar 09 ")  # type: ignore[union-attr]
        assert list(screen.query_one("#spark-episodes", Sparkline).data or []) == [0.0] * 9 + [3.0, 0.0, 1.0]


async def test_s_saves_the_chart_png_and_says_where(app, seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seed_three_weeks(seed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        chart = tmp_path / "twitch-weekly.png"
        assert chart.read_bytes()[:4] == b"\x89PNG"
        assert any(f"Chart saved: {chart}" in n.message for n in app._notifications)


async def test_v_writes_the_visit_packet(app, seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seed_three_weeks(seed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [trends] = [c for c in app.get_system_commands(app.screen) if c.title == "Trends"]
        trends.callback()  # the command palette's entry
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        folder = tmp_path / f"visit-{TODAY}"
        assert {path.name for path in folder.iterdir()} == set(PACKET_FILES)
        assert any(f"Visit packet written to {folder}: daily.csv" in n.message for n in app._notifications)
