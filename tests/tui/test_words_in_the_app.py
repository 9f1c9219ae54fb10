"""The app says things as the command line does: a drink by its name, "center" in the form as
on the day it is logged on, counts with the right noun."""

from __future__ import annotations

from sqlmodel import select

from tests.helpers.tui import episodes, field_error, on, twitch
from tests.tui.conftest import SIZE, screen_text, settle
from tracker.core.vocabulary import Side
from tracker.storage.engine import session_scope
from tracker.storage.models import FactorEntry


async def test_a_drink_picked_in_the_app_is_recorded_by_name(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", "e", "enter")  # caffeine, espresso
        await settle(pilot)
    with session_scope(engine, write=False) as session:
        assert [(e.value, e.note) for e in session.exec(select(FactorEntry))] == [(63.0, "espresso")]


async def test_the_twitch_form_spells_center_as_the_day_does(app, seed) -> None:
    seed(lambda s: twitch(s, 7, side=Side.CENTER))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        day = screen_text(app)
        await pilot.press("t")
        await settle(pilot)
        assert on(app, "EpisodeForm")
        side = str(app.screen.query_one("#side").render())
    assert "center" in side and "centre" not in side
    assert "center" in day and "centre" not in day


async def test_one_red_flag_is_said_in_the_singular(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "2", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        told = [n.message for n in app._notifications]
    assert any("1 red flag saved" in message for message in told), told


async def test_a_time_still_to_come_on_todays_form_is_refused_as_the_command_line_refuses_today_hhmm(
    app, engine
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "a", "ctrl+a", "ctrl+k", *"12:30", "enter", "enter", "enter")
        await settle(pilot)
        assert on(app, "EpisodeForm")
        refusal = field_error(app, "at")
    # The command line's words for `--at "today 12:30"` at 09:30 on 10 Mar 2026.
    assert "time: '12:30' is not allowed; a time no later than now (09:30 on 10 Mar 2026)" in refusal
    assert "leeway" in refusal
    assert episodes(engine) == []
