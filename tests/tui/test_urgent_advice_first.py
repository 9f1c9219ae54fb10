"""On a day with a sign that cannot wait, the line under Today's title leads with what to do
about it: "call emergency services today" comes before "consider seeing a GP"."""

from __future__ import annotations

import datetime as dt

from tests.helpers.tui import twitch
from tests.tui.conftest import SIZE, TODAY, settle
from tracker.core.vocabulary import RedFlagKind
from tracker.storage import store
from tracker.storage.models import RedFlagCreate


def three_weeks_then_drooping(session) -> None:  # type: ignore[no-untyped-def]
    for back in range(22):
        twitch(session, 8, day=TODAY - dt.timedelta(days=back))
    store.add_red_flag(session=session, red_flag_in=RedFlagCreate(date=TODAY, kind=RedFlagKind.DROOPING))


async def test_drooping_today_leads_the_line_before_the_gp_advice(app, seed) -> None:
    seed(three_weeks_then_drooping)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = str(app.screen.query_one("#status").render())
    assert "consider seeing a GP" in line  # still said, after the urgent advice
    assert line.startswith("Red flag (")
    assert line.index("call emergency services today") < line.index("consider seeing a GP")


async def test_a_day_without_urgent_signs_keeps_the_persistence_line(app, seed) -> None:
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = str(app.screen.query_one("#status").render())
    assert line.startswith("Persistence: ") and "emergency" not in line
