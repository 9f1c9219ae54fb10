"""The twitch form's time and duration boxes hold what a person types there, unit words and
am/pm included: no letter typed in them acts as a field key, and a space does not end them."""

from __future__ import annotations

import pytest

from tests.helpers.tui import ENTER, burst, field_error, on, rows
from tests.tui.conftest import settle

TWITCHES = "SELECT location, side, intensity, duration_s FROM episode ORDER BY id"
SPACE = ("space", " ")
TAB = ("tab", "\t")
ESC = ("escape", "\x1b")


def keys(text: str) -> list[str | tuple[str, str]]:
    """The keys a terminal sends for `text` (a space is the space key)."""
    return [SPACE if c == " " else c for c in text]


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("30 sec", 30), ("30s", 30), ("2 min", 120), ("1:30", 90), ("90", 90), ("1 m 30 s", 90), ("1h", 3600)],
)
async def test_a_duration_typed_with_its_unit_is_that_duration_and_picks_no_place(app, typed, seconds) -> None:
    # "e" of "sec" would pick the eyelid, "m" of "min" the mouth corner, "n" jump to the note.
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "t", "u", "right", "3", "d", *keys(typed), ESC, ENTER)
        await settle(pilot)
        assert rows(app, TWITCHES) == [("upper-lip", "right", 3, seconds)]
        assert rows(app, "SELECT note FROM episode") == [("",)]


async def test_a_duration_typed_a_key_at_a_time_is_the_same(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t", "c", "d", *"2", "space", *"min", "tab", *"after coffee", "enter")
        await settle(pilot)
    assert rows(app, "SELECT location, duration_s, note FROM episode") == [("cheek", 120, "after coffee")]


@pytest.mark.parametrize(("typed", "clock"), [("8:15am", "08:15:00"), ("8:15 pm", "20:15:00"), ("0815", "08:15:00")])
async def test_a_time_with_am_or_pm_is_that_time(app, typed, clock) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Clock frozen at 09:30 today: 8:15 pm is still to come, so the form stays open and says so.
        burst(app, "t", "a", *[("backspace", None)] * 5, *keys(typed), ESC, ENTER)
        await settle(pilot)
        if clock < "09:30":
            assert rows(app, "SELECT time(started_at), location FROM episode") == [(clock, "unspecified")]
        else:
            assert rows(app, "SELECT * FROM episode") == []
            assert on(app, "EpisodeForm") and "no later than now" in field_error(app, "at")
            assert app.screen.query_one("#at").value == typed


@pytest.mark.parametrize("typed", ["45 4", "2 mi", "0", "0 s"])
async def test_a_duration_it_cannot_use_keeps_the_form_open_with_the_reason(app, typed) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "t", "d", *keys(typed), ESC, ENTER)
        await settle(pilot)
        assert rows(app, TWITCHES) == []
        assert on(app, "EpisodeForm")
        assert app.screen.query_one("#duration").value == typed
        assert "duration" in field_error(app, "duration") and typed in field_error(app, "duration")
        await pilot.press("backspace")  # an edit takes the old reason away
        await settle(pilot)
        assert field_error(app, "duration") == ""


async def test_letters_no_duration_holds_are_refused_not_taken_as_keys(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "t", "c", "d", *"45", "x", "l", "b", "5", ESC, ENTER)  # not x, l (lower lip), b
        await settle(pilot)
        assert rows(app, TWITCHES) == [("cheek", "unspecified", None, 455)]


async def test_an_empty_duration_is_not_recorded(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "t", "e", "d", ESC, ENTER)
        await settle(pilot)
        assert rows(app, TWITCHES) == [("eyelid", "unspecified", None, None)]


async def test_the_boxes_are_left_with_tab_enter_or_escape(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Tab from the duration goes to the note; Enter there saves.
        burst(app, "t", "e", "left", "4", "d", *keys("45 sec"), TAB, *"after coffee", ENTER)
        await settle(pilot)
        # Esc goes back to the field keys: the 2 after it is the intensity.
        burst(app, "t", "e", "d", *keys("1:30"), ESC, "2", ENTER)
        await settle(pilot)
        # Enter in the time box moves to the duration box.
        burst(app, "t", "c", "a", ENTER, *keys("10 s"), ESC, ENTER)
        await settle(pilot)
    assert rows(app, "SELECT location, intensity, duration_s, note FROM episode ORDER BY id") == [
        ("eyelid", 4, 45, "after coffee"), ("eyelid", 2, 90, ""),
        ("cheek", 2, 10, ""),  # intensity from the twitch before, as for every new twitch
    ]  # fmt: skip


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
