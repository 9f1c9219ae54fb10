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
        days=120, seed=3, end=TODAY, caffeine_rr_per_100mg=1.6, with_red_flag=True, with_intervention=True
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
        # The course first, then the current spell with its rule, as page 1 of the report says it.
        assert text.index("Course to ") < text.index("Current spell (a spell ends after more than 3 days without")
        assert "four-week warning (28 days in one spell) reached" in text and "see a doctor." in text
        assert "spreading in the face (you logged it): twitching spread from the lower lip to the cheek" in text
        # every answered day counts: a day with no caffeine logged had none (its absent-means-none rule)
        [caffeine] = [line for line in text.splitlines() if line.startswith("Caffeine, same day: ")]
        assert "goes with more twitches. An association, not proof of cause." in caffeine
        assert caffeine.endswith("[ample data: 114 days]")
        assert "Adjusted for sleep, water, stress, caffeine the day before, time trend" in text
        # magnesium taken every day from the intervention on: a handful of changes, no same-day/day-before split
        [magnesium] = [line for line in text.splitlines() if line.startswith("Magnesium changed from one day to")]
        assert "its same-day and day-before effects cannot be told apart" in magnesium
        assert "magnesium (since 30 Jan 2026)" in text  # the intervention
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
    assert "Current spell (a spell ends after more than 3 days without a twitch):" in text
    assert "3 days, 3 with twitching" in text
    assert "3 days with twitches answered so far; the trigger model needs about 25 more" in text
    assert "confident" not in text


def test_insights_snapshot(snap_compare, app, engine):
    fill_diary(engine)
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing("i"))
