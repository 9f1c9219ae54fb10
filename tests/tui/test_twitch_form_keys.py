"""The twitch form's boxes end where a person expects: a space or a field key typed after a
duration or a time leaves the box, so the digit typed next is the intensity, not more duration."""

from __future__ import annotations

from tests.helpers.tui import ENTER, burst, rows
from tests.tui.conftest import settle

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


async def test_a_duration_typed_as_minutes_and_seconds_is_a_minute_and_a_half(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "t", "e", "left", "d", *"1:30", ("space", " "), "3", ENTER)
        await settle(pilot)
        assert rows(app, TWITCHES) == [("eyelid", "left", 3, 90)]  # not 130 s


async def test_a_space_ends_the_time_box_too(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "t", "a", ("space", " "), "2", ENTER)
        await settle(pilot)
        assert rows(app, "SELECT time(started_at), intensity FROM episode") == [("09:30:00", 2)]


async def test_a_time_typed_fills_the_form_from_the_twitch_before_it(app, seed) -> None:
    from tests.helpers.tui import twitch
    from tracker.core.vocabulary import Location, Side

    seed(lambda s: twitch(s, 7, location=Location.CHEEK, side=Side.RIGHT, intensity=2))
    seed(lambda s: twitch(s, 9, location=Location.EYELID, side=Side.LEFT, intensity=4))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", "a", *"08:00")  # before the 09:00 eyelid: the 07:00 cheek
        await settle(pilot)
        await pilot.press("escape", "enter")
        await settle(pilot)
        await pilot.press("t", "b", "a", *"07:30")  # the side chosen stays; the rest is filled in
        await settle(pilot)
        await pilot.press("escape", "enter")
        await settle(pilot)
    assert rows(app, TWITCHES)[2:] == [("cheek", "right", 2, None), ("cheek", "both", 2, None)]


async def test_a_choice_pressed_again_is_unspecified_again(app, seed) -> None:
    from tests.helpers.tui import twitch

    seed(lambda s: twitch(s, 9))  # eyelid, left, 3: what the form starts from
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", "e", "left", "3", "enter")  # filled in, and confirmed: kept
        await settle(pilot)
        await pilot.press("t", "c", "c", "right", "right", "5", "5", "enter")  # chosen, then taken back
        await settle(pilot)
    assert rows(app, TWITCHES)[1:] == [("eyelid", "left", 3, None), ("unspecified", "unspecified", None, None)]
