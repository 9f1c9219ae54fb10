"""A twitch logged on a day answered "no twitches" is real: the app saves it at once, as
`tracker log twitch` does, the answer is withdrawn with it (one undo brings both back), and the
notice says so in the command line's words, so the answer is never rewritten silently."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from tests.helpers.tui import episodes, on
from tests.tui.conftest import SIZE, TODAY, settle
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import Day


def answered_none(engine) -> list[dt.date]:
    with session_scope(engine, write=False) as session:
        return [day.date for day in session.exec(select(Day).where(Day.checked_in))]


def notices(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(n.message) for n in app._notifications)


async def test_a_twitch_on_a_no_twitches_day_is_saved_and_says_it_replaced_the_answer(app, engine, seed) -> None:
    seed(lambda s: store.check_in(session=s, day=TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "enter")
        await settle(pilot)
        assert on(app, "TodayScreen")  # nothing asked in between: the CLI does not ask either
        assert len(episodes(engine)) == 1 and answered_none(engine) == []  # never both
        assert "was answered 'no twitches'; logging a twitch changes that" in notices(app)
        await pilot.press("u", "u")  # one undo: the twitch goes, the answer comes back
        await settle(pilot)
    assert episodes(engine) == [] and answered_none(engine) == [TODAY]
