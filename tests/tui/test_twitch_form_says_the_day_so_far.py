"""The twitch form says in one line what the day it logs to already holds: how many twitches,
where, and the last one's time; "none yet", or that the day was answered "no twitches". Real
database file, clock frozen."""

from __future__ import annotations

import datetime as dt

from tests.helpers.tui import on, twitch
from tests.tui.conftest import TODAY, settle
from tracker.storage import store
from tracker.storage.models import Location, Side


def so_far(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#so-far").visual.plain


async def test_the_form_names_the_days_twitches_and_the_last_time(app, seed) -> None:
    seed(lambda s: twitch(s, 6))
    seed(lambda s: twitch(s, 7, location=Location.LOWER_LIP, side=Side.LEFT))
    seed(lambda s: twitch(s, 9))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert on(app, "EpisodeForm")
        assert so_far(app) == "Today so far: 3 twitches (left eyelid ×2, left lower lip), the last at 09:00"


async def test_a_day_without_twitches_says_none_yet_or_its_no_twitches_answer(app, seed) -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    seed(lambda s: store.check_in(session=s, day=yesterday, today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert so_far(app) == "Today so far: none yet"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("left_square_bracket", "t")  # the day shown, not always today
        await settle(pilot)
        assert on(app, "EpisodeForm")
        assert so_far(app) == "Yesterday so far: answered no twitches"
