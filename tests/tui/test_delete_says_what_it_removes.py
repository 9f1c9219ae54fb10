"""A delete removes only what it names: deleting a day's "no twitches" answer keeps its note."""

from __future__ import annotations

from tests.helpers.tui import on, rows
from tests.tui.conftest import SIZE, TODAY, screen_text, settle
from tracker.storage import store


async def test_deleting_the_no_twitches_answer_keeps_the_days_note(app, seed) -> None:
    seed(lambda s: store.check_in(session=s, day=TODAY))
    seed(lambda s: store.set_day_note(session=s, day=TODAY, note="slept at my sister's"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert on(app, "Confirm") and "no twitches" in screen_text(app)
        await pilot.press("delete")
        await settle(pilot)
        assert "slept at my sister's" in screen_text(app)  # still shown on the day
    assert rows(app, "SELECT checked_in, note FROM day") == [(0, "slept at my sister's")]


async def test_undo_puts_the_answer_back_beside_the_note(app, seed) -> None:
    seed(lambda s: store.check_in(session=s, day=TODAY))
    seed(lambda s: store.set_day_note(session=s, day=TODAY, note="slept badly"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
    assert rows(app, "SELECT checked_in, note FROM day") == [(1, "slept badly")]


async def test_deleting_one_of_two_twitches_at_the_same_time_says_which(app, seed) -> None:
    from tests.helpers.tui import twitch
    from tracker.storage.models import Location, Side

    seed(lambda s: twitch(s, 8, location=Location.EYELID, side=Side.LEFT, intensity=2))
    seed(lambda s: twitch(s, 8, location=Location.LOWER_LIP, side=Side.RIGHT, intensity=4, note="after coffee"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "delete")
        await settle(pilot)
        asked = " ".join(screen_text(app).split())
    assert "twitch at 08:00: lower-lip, right, intensity 4, note “after coffee”" in asked, asked


async def test_two_twitches_that_read_the_same_are_told_apart_by_their_order(app, seed) -> None:
    from tests.helpers.tui import twitch

    seed(lambda s: twitch(s, 8))
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "delete")
        await settle(pilot)
        asked = " ".join(screen_text(app).split())
    assert "the second of 2 alike at 08:00" in asked, asked
