"""The twitch form's place row never says "(unspecified)" beside the sites Enter will save."""

from __future__ import annotations

from tests.helpers.tui import on
from tests.tui.conftest import SIZE, screen_text, settle


async def test_a_repeated_pair_of_sites_is_not_called_unspecified(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "e", "left", "plus", "m", "enter")  # a twitch at two sites
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert on(app, "EpisodeForm")
        text = screen_text(app)
        assert "as last time:" in text, text
        where = str(app.screen.query_one("#location").render())
        assert "(unspecified)" not in where and "(the sites named below)" in where, where
