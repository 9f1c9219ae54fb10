"""After an entry is added the table's cursor is on it, so the next Enter edits what was just
saved; after a delete it is on the row nearest to where the deleted one was."""

from __future__ import annotations

from tests.helpers.tui import on, twitch
from tests.tui.conftest import settle
from tracker.tui.widgets.day_table import DayTable


def cursor_on(app) -> str | None:  # type: ignore[no-untyped-def]
    return app.today_screen.query_one(DayTable).selected_id()


async def test_after_a_twitch_is_saved_the_cursor_is_on_it_and_enter_edits_it(app, seed) -> None:
    first = seed(lambda s: twitch(s, 7))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert cursor_on(app) == f"e{first.id}"
        await pilot.press("t", "5", "enter")
        await settle(pilot)
        assert cursor_on(app) == f"e{first.id + 1}"
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "EpisodeForm") and app.screen.query_one("#at").value == "09:30"  # the new one, not 07:00


async def test_after_an_amount_is_logged_the_cursor_is_on_it(app, seed) -> None:
    seed(lambda s: twitch(s, 7))
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c", "8", "0", "enter")
        await settle(pilot)
        assert cursor_on(app) == "f1"


async def test_after_no_twitches_on_a_day_the_cursor_is_on_that_row(app, seed) -> None:
    from tests.helpers.tui import caffeine
    from tests.tui.conftest import TODAY

    seed(lambda s: caffeine(s, 95, TODAY))
    seed(lambda s: caffeine(s, 60, TODAY))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("down", "n", "enter")
        await settle(pilot)
        assert cursor_on(app) == f"d{TODAY.isoformat()}"


async def test_after_a_delete_the_cursor_is_on_the_nearest_row(app, seed) -> None:
    ids = [seed(lambda s, hour=hour: twitch(s, hour)).id for hour in (7, 8, 9)]
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("down", "delete", "enter")
        await settle(pilot)
        assert cursor_on(app) == f"e{ids[2]}"  # the row after it took its place
        await pilot.press("delete", "enter")
        await settle(pilot)
        assert cursor_on(app) == f"e{ids[0]}"  # the last row gone: the one before it
