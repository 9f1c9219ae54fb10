"""A long day note never takes the rows the day's entries need: at 80×24 it is cut to two
lines with a hint, and the whole note is one key away."""

from __future__ import annotations

from tests.helpers.tui import twitch
from tests.tui.conftest import TODAY, screen_text, settle
from tracker.storage import store

LONG_NOTE = " ".join(["Slept at a friend's place, two coffees before noon and a long drive home."] * 8)


async def test_a_long_note_leaves_every_entry_on_screen_at_80x24(app, seed) -> None:
    for hour in range(1, 9):
        seed(lambda s, hour=hour: twitch(s, hour))
    seed(lambda s: store.set_day_note(session=s, day=TODAY, note=LONG_NOTE, today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        for hour in range(1, 9):
            assert f"{hour:02d}:00" in shown, f"the {hour:02d}:00 twitch is hidden:\n{shown}"
        assert "N shows the whole note" in shown
        await pilot.press("N")
        await settle(pilot)
        assert app.screen.query_one("#note").value == LONG_NOTE  # nothing of it was lost


async def test_a_short_note_is_shown_whole(app, seed) -> None:
    seed(lambda s: twitch(s, 7))
    seed(lambda s: store.set_day_note(session=s, day=TODAY, note="after coffee", today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "note: after coffee" in screen_text(app) and "whole note" not in screen_text(app)
