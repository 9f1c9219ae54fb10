"""On a day gone back to, `t` Enter repeats the latest twitch logged there, even one at a later
hour than the clock reads now: it came up all unspecified, as if that twitch were not there."""

from __future__ import annotations

import datetime as dt

from tests.helpers.tui import ENTER, burst, rows, twitch
from tests.tui.conftest import TODAY, settle
from tracker.core.vocabulary import Location, Side

YESTERDAY = TODAY - dt.timedelta(days=1)


async def test_t_enter_on_yesterday_repeats_its_afternoon_twitch(app, seed) -> None:
    # The clock reads 09:30; yesterday's twitch was at 14:00, after 09:30 on that day.
    seed(lambda s: twitch(s, 14, day=YESTERDAY, location=Location.CHIN, side=Side.RIGHT, intensity=4))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, ("left_square_bracket", "["))
        await settle(pilot)
        burst(app, "t", ENTER)
        await settle(pilot)
        stored = rows(app, "SELECT location, side, intensity, local_date FROM episode ORDER BY id")
    assert stored == [("chin", "right", 4, str(YESTERDAY))] * 2
