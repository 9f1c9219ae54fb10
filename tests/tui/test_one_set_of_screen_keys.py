"""One set of keys moves between screens and days: every screen's footer shows the keys that
work there, and each key shown does what it says. On a past day Today shows `]` and `.`."""

from __future__ import annotations

import datetime as dt

from tests.helpers.tui import twitch
from tests.tui.conftest import SIZE, TODAY, settle

SCREEN_NAMES = {"Today": "TodayScreen", "History": "HistoryScreen", "Factors": "FactorsScreen",
                "Insights": "InsightsScreen", "Trends": "TrendsScreen"}  # fmt: skip
MOVES = {"h": "History", "F": "Factors", "i": "Insights", "T": "Trends"}


def footer_keys(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The keys the footer shows now, and their labels."""
    from tracker.tui.widgets.keys_footer import FooterKey

    return {key.key: key.description for key in app.screen.query(FooterKey) if not key.has_class("-command-palette")}


async def open_screen(app, pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    while type(app.screen).__name__ in ("InsightsScreen", "TrendsScreen"):
        await app.pop_screen()
    await app.switch_mode("today")
    await settle(pilot)
    if name != "Today":
        await pilot.press({v: k for k, v in MOVES.items()}[name])
        await settle(pilot)
    assert type(app.screen).__name__ == SCREEN_NAMES[name]


async def test_every_screen_shows_the_other_screens_keys_and_each_one_works(app, seed) -> None:
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for here in SCREEN_NAMES:
            await open_screen(app, pilot, here)
            shown = footer_keys(app)
            for key, there in MOVES.items():
                if there == here:
                    continue
                assert shown.get(key) == there, (here, key, shown)
                await pilot.press(key)
                await settle(pilot)
                assert type(app.screen).__name__ == SCREEN_NAMES[there], (here, key)
                await open_screen(app, pilot, here)
            if here != "Today":
                assert "escape" in shown, (here, shown)
                await pilot.press("escape")
                await settle(pilot)
                assert type(app.screen).__name__ != SCREEN_NAMES[here], here


async def test_history_goes_to_a_date_with_j_as_today_does(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert footer_keys(app).get("j") == "Go to date"
        await pilot.press("j", *"-3", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "TodayScreen"
        assert app.screen.day == TODAY - dt.timedelta(days=3)


async def test_a_past_day_shows_the_keys_forward_and_back_to_today(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "right_square_bracket" not in footer_keys(app)  # on today: nowhere forward
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        shown = footer_keys(app)
        assert {"right_square_bracket", "full_stop"} <= set(shown), shown
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.screen.day == TODAY - dt.timedelta(days=1)
        await pilot.press("full_stop")
        await settle(pilot)
        assert app.screen.day == TODAY
        assert "full_stop" not in footer_keys(app)
