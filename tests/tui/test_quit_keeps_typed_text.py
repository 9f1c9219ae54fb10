"""ctrl+q while a dialog holds text the person typed asks before throwing it away."""

from __future__ import annotations

import pytest

from tests.helpers.tui import on
from tests.tui.conftest import screen_text, settle


async def test_quitting_with_typed_text_asks_and_escape_goes_back_with_the_text(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", "n", *"after coffee", "ctrl+q")
        await settle(pilot)
        assert app.return_code is None  # still running
        assert "Discard what you typed and quit?" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert on(app, "EpisodeForm") and app.screen.query_one("#note").value == "after coffee"
        await pilot.press(*" later")  # the box still has the focus: typing goes on
        await settle(pilot)
        assert app.screen.query_one("#note").value == "after coffee later"


@pytest.mark.parametrize("answer", ["enter", "y", "ctrl+q"])
async def test_quitting_with_typed_text_quits_when_confirmed(app, answer: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "8", "5", "ctrl+q")
        await settle(pilot)
        assert app.return_code is None
        await pilot.press(answer)
        await settle(pilot)
        assert app.return_code == 0


@pytest.mark.parametrize("answer", ["n", "escape"])
async def test_no_keeps_the_dialog(app, answer: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("N", *"slept badly", "ctrl+q")
        await settle(pilot)
        await pilot.press(answer)
        await settle(pilot)
        assert app.return_code is None and app.screen.query_one("#note").value == "slept badly"


async def test_quitting_with_nothing_typed_quits_at_once(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", "ctrl+q")  # a form open, nothing typed in it
        await settle(pilot)
        assert app.return_code == 0
