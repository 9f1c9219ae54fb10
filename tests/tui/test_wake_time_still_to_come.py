"""A value the command line refuses, the app refuses too, by the same rule: a wake time still to
come is refused as `tracker log sleep --at` refuses a time still to come (in the same words)."""

from __future__ import annotations

from tests.helpers.tui import entries, field_error, on
from tests.tui.conftest import SIZE, settle


async def test_a_wake_time_still_to_come_is_refused_and_kept(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:  # 09:30 now
        await settle(pilot)
        await pilot.press("s", "tab", *"23:00", "tab", *"10:15", "enter")
        await settle(pilot)
        assert on(app, "SleepForm")
        assert "10:15" in field_error(app, "bed") and "no later than now" in field_error(app, "bed")
        assert app.screen.query_one("#wake").value == "10:15"
        assert "Enter writes" not in str(app.screen.query_one("#preview").render())
        await pilot.press("ctrl+a", "ctrl+k", *"09:00", "enter")  # woke at nine: that has happened
        await settle(pilot)
    assert entries(engine) == {"sleep": [10.0]}
