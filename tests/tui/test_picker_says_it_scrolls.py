"""A drinks list longer than the dialog has room for says so: "↓ N more" under it, so a
person's own drinks (listed after the built-in ones) are found at 80×24."""

from __future__ import annotations

from tests.tui.conftest import settle
from tracker.storage import store
from tracker.storage.models import PresetCreate

OWN = ["flat-white", "cortado", "matcha", "cola", "mate", "chai", "mocha", "ristretto"]


def own_drinks(session) -> None:  # type: ignore[no-untyped-def]
    for index, name in enumerate(OWN):
        store.set_preset(session=session, preset_in=PresetCreate(name=name, factor="caffeine", amount=40 + index))


async def test_the_caffeine_list_says_how_many_drinks_are_below(app, seed) -> None:
    seed(own_drinks)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        listed = app.screen.query_one("#presets")
        hidden = listed.option_count - listed.scrollable_content_region.height
        more = str(app.screen.query_one("#presets-more").render())
        assert hidden > 0  # the person's own drinks are out of view
        assert f"↓ {hidden} more" in more
        await pilot.press("up")  # to the last drink, the list scrolled to it
        await settle(pilot)
        more = str(app.screen.query_one("#presets-more").render())
    assert "↑" in more and "↓" not in more.split("(")[0]
