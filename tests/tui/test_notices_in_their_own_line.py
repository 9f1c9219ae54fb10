"""Notices have a line of their own: at 80x24 they never cover the day's rows or totals, and
one event is told once, also while a dialog is open over the screen."""

from __future__ import annotations

from tests.helpers.tui import twitch
from tests.tui.conftest import screen_text, settle

SMALL = (80, 24)


def covered(app, selector: str) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """The cells of the widget `selector` that something else is drawn over."""
    widget = app.screen.query_one(selector)
    region = widget.region
    cells = []
    for y in range(region.y, region.bottom):
        for x in range(region.x, region.right):
            drawn, _ = app.screen.get_widget_at(x, y)
            if drawn is not widget and widget not in drawn.ancestors:
                cells.append((x, y))
    return cells


async def test_a_notice_covers_neither_the_rows_nor_the_totals_at_80x24(app, seed) -> None:
    for hour in range(5, 9):
        seed(lambda s, hour=hour: twitch(s, hour))
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("w", *"250", "enter")
        await settle(pilot)
        [notice] = [n.message for n in app._notifications]
        assert notice[:30] in screen_text(app)  # shown
        assert not covered(app, "#entries")
        assert not covered(app, "#totals")
        assert not covered(app, "#unlogged")


async def test_a_notice_is_shown_once_while_a_dialog_is_open(app, seed) -> None:
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("delete", "delete")  # "Deleted ... Press u to undo."
        await settle(pilot)
        await pilot.press("u")  # "Undo ...?" asks first, over the screen showing the notice
        await settle(pilot)
        assert type(app.screen).__name__ == "Confirm"
        assert screen_text(app).count("Deleted twitch at 08:00") == 1, screen_text(app)
