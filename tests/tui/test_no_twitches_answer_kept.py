"""A day answered "no twitches" is never rewritten silently: a twitch logged on it is saved
only after the app says that it changes the answer."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from tests.helpers.tui import episodes, on
from tests.tui.conftest import SIZE, TODAY, screen_text, settle
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import Day


def answered_none(engine) -> list[dt.date]:
    with session_scope(engine, write=False) as session:
        return [day.date for day in session.exec(select(Day).where(Day.checked_in))]


async def test_a_twitch_on_a_no_twitches_day_says_so_and_waits(app, engine, seed) -> None:
    seed(lambda s: store.check_in(session=s, day=TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "enter")
        await settle(pilot)
        shown = screen_text(app)
        assert on(app, "Confirm")
        assert "answered 'no twitches'; logging a twitch changes that" in shown
        assert episodes(engine) == [] and answered_none(engine) == [TODAY]  # nothing written yet
        await pilot.press("escape")  # not now: back to the form, the twitch kept
        await settle(pilot)
        assert on(app, "EpisodeForm"), (type(app.screen).__name__, screen_text(app))
        await pilot.press("enter", "enter")  # saved this time, confirmed
        await settle(pilot)
    assert len(episodes(engine)) == 1 and answered_none(engine) == []
