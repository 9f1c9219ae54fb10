"""Esc means the same in every dialog: what was described (typed, ticked) is asked about before
it is thrown away; and after a refused time the twitch form's field keys still move."""

from __future__ import annotations

from tests.helpers.tui import episodes, field_error, on, rows
from tests.tui.conftest import SIZE, screen_text, settle


async def test_escape_on_ticked_red_flags_asks_before_throwing_them_away(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "2", "escape")
        await settle(pilot)
        assert "Discard what you typed?" in screen_text(app)
        await pilot.press("escape")  # back to the list, the tick kept
        await settle(pilot)
        assert on(app, "RedFlagChecklist")
        await pilot.press("enter")
        await settle(pilot)
    assert rows(app, "SELECT kind FROM red_flag") == [("weakness",)]


async def test_escape_on_an_untouched_checklist_closes_at_once(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "escape")
        await settle(pilot)
        assert on(app, "TodayScreen")


async def test_after_a_refused_time_n_goes_to_the_note(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "a", "ctrl+a", "ctrl+k", *"25:00", "escape")
        await settle(pilot)
        await pilot.press("enter")  # the time is refused; the form stays, the time box focused
        await settle(pilot)
        assert on(app, "EpisodeForm") and field_error(app, "at")
        await pilot.press("n", *"lip", "escape", "a", "ctrl+a", "ctrl+k", *"9:00", "escape")
        await settle(pilot)
        assert app.screen.query_one("#note").value == "lip", screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
    assert [e.note for e in episodes(engine)] == ["lip"]
