"""`u` undoes the last thing done, whatever it was, through the same journal as `tracker undo`:
it names the action first, and `u` again (or Enter) undoes it; anything else leaves it."""

from __future__ import annotations

from tests.helpers.tui import rows
from tests.tui.conftest import at, settle
from tracker.storage import store
from tracker.storage.models import FactorEntryCreate

WATER = "SELECT e.value FROM factor_entry e JOIN factor f ON f.id = e.factor_id WHERE f.name = 'water'"


async def test_u_names_the_last_log_and_u_again_undoes_it(app, seed) -> None:
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="water", value=250, at=at(9))))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        question = str(app.screen.query_one(".form-title").render())
        assert "Undo" in question and "water 250 ml" in question
        await pilot.press("escape")  # looked, did not answer: nothing undone
        await settle(pilot)
        assert rows(app, WATER) == [(250.0,)]
        await pilot.press("u", "u")
        await settle(pilot)
        assert rows(app, WATER) == []
        assert any("Undone: removed water 250 ml" in n.message for n in app._notifications)


async def test_u_undoes_a_twitch_typed_in_the_app(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("t", "e", "enter")
        await settle(pilot)
        assert rows(app, "SELECT location FROM episode") == [("eyelid",)]
        await pilot.press("u", "enter")
        await settle(pilot)
        assert rows(app, "SELECT location FROM episode") == []
        assert "1 twitch" not in str(app.screen.query_one("#totals").render())
