"""The Insights screen: the analysis runs in a worker and its result is on screen."""

from __future__ import annotations

import datetime as dt

from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static

from tests.helpers.tui import caffeine, pressing, twitch
from tests.tui.conftest import SIZE, TODAY, settle
from tracker.demo.synthetic import generate_diary
from tracker.demo.writer import write_diary
from tracker.storage.engine import session_scope
from tracker.tui.screens.insights import InsightsScreen
from tracker.tui.screens.today import TodayScreen


def fill_diary(engine) -> None:
    """120 days with a planted caffeine effect, a logged red flag and an intervention."""
    diary = generate_diary(
        days=120, seed=3, end=TODAY, caffeine_rr_per_100mg=1.4, with_red_flag=True, with_intervention=True
    )
    with session_scope(engine) as session:
        write_diary(session=session, diary=diary)


def screen_text(screen: Screen) -> str:
    return "\n".join(static.visual.plain for static in screen.query(Static))  # type: ignore[union-attr]


async def test_insights_show_persistence_red_flags_and_the_caffeine_association(app, engine):
    fill_diary(engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        assert isinstance(app.screen, InsightsScreen)
        await settle(pilot)
        screen = app.screen
        assert screen.result is not None
        assert not screen.query_one(LoadingIndicator).display
        text = screen_text(screen)
        assert "day 72 of twitching — 4 weeks: see a doctor" in text
        assert "spreading (you logged it): twitching spread from the lower lip to the cheek" in text
        associations = text.split("No clear association")[0]
        # every answered day counts: a day with no caffeine logged had none (its absent-means-none rule)
        assert "caffeine, same day: confident, 114 days" in associations
        assert "An association, not proof of cause." in associations
        assert "magnesium (since 2026-01-30)" in text  # the intervention
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_a_nearly_empty_diary_says_how_many_more_days(app, seed):
    for days_ago in range(3):
        day = TODAY - dt.timedelta(days=days_ago)
        seed(lambda s, day=day: twitch(s, 8, day=day))
        seed(lambda s, day=day: caffeine(s, 95, day))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [insights] = [c for c in app.get_system_commands(app.screen) if c.title == "Insights"]
        insights.callback()  # as choosing it in the command palette does
        await settle(pilot)
        text = screen_text(app.screen)
    assert "day 3 of twitching" in text
    assert "caffeine (same day): not enough data yet — about" in text
    assert "No factor goes with more or fewer twitches clearly enough yet." in text
    assert "not enough data for a combined model yet" in text


def test_insights_snapshot(snap_compare, app, engine):
    fill_diary(engine)
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing("i"))
