"""The onset date, given and changed in the app as with `tracker onset`: `O` (or the palette's
"Onset date") asks in date words, a date it cannot use keeps the form open with the reason,
and the change is undone with `u` like any other."""

from __future__ import annotations

import datetime as dt

from tests.helpers.tui import rows
from tests.tui.conftest import screen_text, settle
from tracker.storage import diary_facts

ONSET = f"SELECT value FROM diary_setting WHERE key = '{diary_facts.ONSET}'"


async def test_o_gives_the_onset_in_date_words_and_u_undoes_it(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("O")
        await settle(pilot)
        assert "When did the twitching begin? (not given yet)" in screen_text(app)
        await pilot.press(*"3 feb", "enter")
        await settle(pilot)
        assert rows(app, ONSET) == [("2026-02-03",)]
        assert any("Onset set to 3 Feb 2026" in n.message for n in app._notifications)

        await pilot.press("O")
        await settle(pilot)
        assert "(now 3 Feb 2026)" in screen_text(app)
        await pilot.press(*"2026-01-20", "enter")
        await settle(pilot)
        assert rows(app, ONSET) == [("2026-01-20",)]

        await pilot.press("u", "u")  # named first, then undone: back to the date before
        await settle(pilot)
        assert rows(app, ONSET) == [("2026-02-03",)]


async def test_a_date_it_cannot_use_stays_with_the_reason_and_nothing_is_written(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("O", *"31 feb", "enter")
        await settle(pilot)
        assert app.screen.query_one("#onset").value == "31 feb"
        assert "onset" in str(app.screen.query_one("#onset-error").render())
        await pilot.press("ctrl+a", "ctrl+k", *"2026-12-25", "enter")
        await settle(pilot)
        assert app.screen.query_one("#onset").value == "2026-12-25"  # a day after today is refused too
        assert rows(app, ONSET) == []


async def test_an_empty_enter_forgets_a_date_given_once_confirmed(app, seed) -> None:
    seed(lambda s: diary_facts.set_onset(session=s, day=dt.date(2026, 2, 3)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("O")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", "enter")
        await settle(pilot)
        assert rows(app, ONSET) == [("2026-02-03",)]  # asked first, as a delete is
        await pilot.press("y")
        await settle(pilot)
        assert rows(app, ONSET) == []
        assert any("Onset date forgotten" in n.message for n in app._notifications)
