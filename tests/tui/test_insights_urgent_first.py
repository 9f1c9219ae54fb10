"""A sign that cannot wait (drooping on one side, here) is the first thing Insights shows, above
how long the twitching has lasted, with the emergency line under it; `tracker analyze` leads with
that line. Real database file, clock frozen."""

from __future__ import annotations

import datetime as dt

from textual.containers import VerticalScroll
from textual.widgets import Static

from tests.helpers.tui import twitch
from tests.tui.conftest import SIZE, TODAY, settle
from tracker.core.vocabulary import TODAY_ADVICE, RedFlagKind
from tracker.report.wording import format_text
from tracker.storage import store
from tracker.storage.models import RedFlagCreate
from tracker.tui.screens.insights import InsightsScreen


def weeks_then_drooping(session) -> None:  # type: ignore[no-untyped-def]
    for back in range(30):
        twitch(session, 8, day=TODAY - dt.timedelta(days=back))
    spreading = RedFlagCreate(date=TODAY - dt.timedelta(days=2), kind=RedFlagKind.SPREADING)
    store.add_red_flag(session=session, red_flag_in=spreading)
    store.add_red_flag(session=session, red_flag_in=RedFlagCreate(date=TODAY, kind=RedFlagKind.DROOPING))


def page_lines(screen: InsightsScreen) -> list[str]:
    """The page's lines in the order shown, top first."""
    page = screen.query_one("#insights", VerticalScroll)
    texts = [child.visual.plain for child in page.children if isinstance(child, Static) and child.display]
    return [line for text in texts for line in text.splitlines() if line.strip()]


async def test_drooping_today_is_the_first_thing_insights_shows(app, seed) -> None:
    seed(weeks_then_drooping)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, InsightsScreen) and app.screen.result is not None
        lines = page_lines(app.screen)
        result = app.screen.result
    heading, first, advice = lines[:3]
    assert heading.startswith("Red flags")
    assert "drooping" in first and "you logged it" in first
    assert advice == TODAY_ADVICE
    assert lines.index(advice) < next(i for i, line in enumerate(lines) if "spreading" in line)
    assert lines.index(advice) < lines.index("How long it has lasted")
    # analyze leads with the same emergency line, before its first section
    text = format_text(result)
    assert TODAY_ADVICE in text[: text.index("1. How long it has lasted")]


async def test_without_an_urgent_sign_the_page_keeps_its_order(app, seed) -> None:
    def spreading_only(session) -> None:  # type: ignore[no-untyped-def]
        for back in range(30):
            twitch(session, 8, day=TODAY - dt.timedelta(days=back))
        store.add_red_flag(session=session, red_flag_in=RedFlagCreate(date=TODAY, kind=RedFlagKind.SPREADING))

    seed(spreading_only)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        lines = page_lines(app.screen)
    red_flags = next(i for i, line in enumerate(lines) if line.startswith("Red flags"))
    assert lines.index("How long it has lasted") < red_flags
