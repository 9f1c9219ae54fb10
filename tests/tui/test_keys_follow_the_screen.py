"""Keys typed in one burst across a change of screen act on the screen they were typed for:
Esc typed on History goes back to Today, and the keys behind it act on Today, even when they
were handed to History before it had left (a long diary keeps it busy)."""

from __future__ import annotations

from tests.helpers.tui import ENTER, burst, caffeine, entries, episodes, on
from tests.tui.conftest import TODAY, settle


async def test_keys_typed_behind_the_esc_that_leaves_history_act_on_today(app, seed, engine) -> None:
    seed(lambda s: caffeine(s, 95, TODAY))  # a row under Today's cursor, which a stray Enter would edit
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "h", "escape", "c", "1", "5", "0", ENTER, "t", ENTER)  # one terminal read
        await settle(pilot)
        assert on(app, "TodayScreen") and len(app.screen_stack) == 1
    assert entries(engine) == {"caffeine": [95.0, 150.0]}
    assert len(episodes(engine)) == 1
