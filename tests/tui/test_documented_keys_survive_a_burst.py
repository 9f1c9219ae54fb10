"""The stress picker's "start again" is Backspace, and says so. (Esc followed at once by a key,
which a terminal reads as Alt and that key, counts as both keys: test_escape_then_a_key and the
pty journeys check it, so documented sequences such as `n after coffee Esc 4` are typed at once.)"""

from __future__ import annotations

from tests.helpers.tui import entries
from tests.tui.conftest import SIZE, screen_text, settle


async def test_stress_starts_again_with_backspace_and_says_so(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x", "1", "5")  # 1, then a digit that does not make 10
        await settle(pilot)
        assert "Backspace to start again" in screen_text(app)
        await pilot.press("backspace", "7")
        await settle(pilot)
    assert entries(engine) == {"stress": [7.0]}
