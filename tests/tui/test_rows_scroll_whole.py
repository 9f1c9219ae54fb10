"""At 80x24 Today's list scrolls by whole rows: a twitch row of two lines never shows only its
second line at the top. (Scrolled to the very end, the view stops where the last row ends.)"""

from __future__ import annotations

from tests.helpers.tui import twitch
from tests.tui.conftest import settle
from tracker.tui.widgets.day_table import DayTable

SMALL = (80, 24)


async def test_the_top_row_is_shown_whole_after_moving_down(app, seed) -> None:
    for hour in range(0, 10):
        seed(lambda s, hour=hour: twitch(s, hour, intensity=4, duration_s=40, note="after coffee at my desk, long day"))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DayTable)
        starts = {y for y, (_, line) in enumerate(table._y_offsets) if line == 0}
        for _ in range(20):
            await pilot.press("down")
            await settle(pilot)
            assert int(table.scroll_y) in starts | {int(table.max_scroll_y)}, (table.scroll_y, sorted(starts))
        for _ in range(20):
            await pilot.press("up")
            await settle(pilot)
            assert int(table.scroll_y) in starts | {int(table.max_scroll_y)}, (table.scroll_y, sorted(starts))
        assert table.scroll_y == 0 and table.cursor_row == 0
