"""A twitch with no side given takes one row at 120 columns: "unspecified" broke in two ("unspec",
"ified") in the side column, as it once did at 80."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.helpers.tui import twitch
from tests.tui.conftest import screen_text, settle
from tracker.core.vocabulary import Side


async def test_a_side_not_given_does_not_break_the_row_at_120(app, seed) -> None:
    seed(lambda s: twitch(s, 8, side=Side.UNSPECIFIED))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#entries", DataTable)
        assert [row.height for row in table.rows.values()] == [1]
        assert "ified" not in screen_text(app)
