"""The twitch form's boxes end where a person expects: a space or a field key typed after a
duration or a time leaves the box, so the digit typed next is the intensity, not more duration."""

from __future__ import annotations

from tests.tui.conftest import settle
from tests.tui.test_fast_typing import ENTER, burst, rows

TWITCHES = "SELECT location, side, intensity, duration_s FROM episode ORDER BY id"


async def test_a_digit_after_a_space_is_the_intensity(app) -> None:
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        burst(app, "t", "e", "left", "d", "4", "5", ("space", " "), "4", ENTER)
        await settle(pilot)
        assert rows(app, TWITCHES) == [("eyelid", "left", 4, 45)]
        assert any("intensity 4, 45 s" in n.message for n in app._notifications)


async def test_a_digit_after_a_field_key_typed_in_the_duration_box_is_the_intensity(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "t", "d", *"2m30s", "c", "right", "3", ENTER)
        await settle(pilot)
        assert rows(app, TWITCHES) == [("cheek", "right", 3, 150)]


async def test_a_space_ends_the_time_box_too(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "t", "a", ("space", " "), "2", ENTER)
        await settle(pilot)
        assert rows(app, "SELECT time(started_at), intensity FROM episode") == [("09:30:00", 2)]
