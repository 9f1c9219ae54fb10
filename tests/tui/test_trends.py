"""The Trends screen: weekly numbers under the sparklines, and the files its keys write."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static

from tests.helpers.tui import caffeine, twitch
from tests.tui.conftest import SIZE, TODAY, settle
from tracker.paths import exports_dir
from tracker.report.visit_packet import PACKET_FILES
from tracker.tui.screens.trends import TrendsScreen

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
        # This week's one answered day had no coffee: none (caffeine is logged only when taken).
        assert cells(screen, "caffeine_mg") == ["—"] * 9 + ["150", "—", "0"]
        assert screen.query_one("#bars-caffeine_mg", Static).visual.plain.startswith("caffeine mg")  # type: ignore[union-attr]
        assert screen.query_one("#cells-weeks", Static).visual.plain.endswith("Mar 02 Mar 09 ")  # type: ignore[union-attr]
        bars = screen.query_one("#bars-episodes", Static).visual.plain.splitlines()  # type: ignore[union-attr]
        # From zero: 3 twitches fill both lines, 1 a third of the height; no bar for the weeks without.
        assert [line.split() for line in bars] == [["twitches", "█████"], ["█████", "▅▅▅▅▅"]]
        assert bars[1][13 + 9 * 7 : 13 + 12 * 7] == " █████ " + " " * 7 + " ▅▅▅▅▅ "  # above their numbers


async def test_s_saves_the_chart_png_into_the_exports_folder_and_says_where(app, seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seed_three_weeks(seed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("s", "enter")  # the path is shown first; Enter writes
        await settle(pilot)
        chart = exports_dir() / f"twitch-weekly-{TODAY}.png"
        assert chart.read_bytes()[:4] == b"\x89PNG"
        assert any(f"Chart (PNG) written: {chart}" in n.message for n in app._notifications)
    assert list(tmp_path.glob("*.png")) == []  # never the folder the app was started in


async def test_v_writes_the_visit_packet(app, seed, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    seed_three_weeks(seed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [trends] = [c for c in app.get_system_commands(app.screen) if c.title == "Trends"]
        trends.callback()  # the command palette's entry
        await settle(pilot)
        await pilot.press("v", "enter")
        await settle(pilot)
        folder = exports_dir() / f"visit-{TODAY}"
        assert {path.name for path in folder.iterdir()} == set(PACKET_FILES)
        assert any(f"Visit packet written: {folder}" in n.message for n in app._notifications)


async def test_bars_start_at_zero_and_the_week_so_far_counts_the_days_so_far(app, seed) -> None:
    import time_machine

    from tests.tui.conftest import at
    from tracker.storage import store
    from tracker.storage.models import FactorEntryCreate

    def sleep(day: dt.date, hours: float):  # type: ignore[no-untyped-def]
        return lambda s: store.add_factor_entry(
            session=s, entry_in=FactorEntryCreate(factor="sleep", value=hours, date=day)
        )

    seed(sleep(MONDAY - dt.timedelta(days=7), 9.0))
    seed(sleep(MONDAY - dt.timedelta(days=14), 6.3))
    with time_machine.travel(at(9, day=MONDAY), tick=False):  # a Monday: one day of the week so far
        seed(lambda s: twitch(s, 8, day=MONDAY))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("T")
            await settle(pilot)
            screen = app.screen
            assert cells(screen, "days")[-1] == "1/1"  # days answered of days so far, as in the PNG
            top, bottom = screen.query_one("#bars-sleep_h", Static).visual.plain.splitlines()  # type: ignore[union-attr]
    weeks = slice(13 + 9 * 7, 13 + 11 * 7)  # the 6.3 h week, then the 9 h week
    assert top[weeks].split() == ["▃▃▃▃▃", "█████"]  # 6.3 h is 70% of 9 h high, not an empty cell
    assert bottom[weeks].split() == ["█████", "█████"]
