"""Every red-flag question is ticked by its number, and a number of two keys is never read as
two numbers of one key, however fast it is typed."""

from __future__ import annotations

import pytest

from tests.helpers.tui import burst, on, rows
from tests.tui.conftest import SIZE, screen_text, settle

ENTER = ("enter", "\r")


@pytest.mark.parametrize(
    ("keys", "saved"),
    [
        (("1", "0"), ["numbness"]),  # 10 is question 10, not question 1
        (("1", "3"), ["new-medicine"]),
        (("1", ENTER), ["spreading"]),  # 1 then Enter ticks question 1 (shown); the next Enter saves it
        (("1", "space"), ["spreading"]),
        (("1", "5"), ["spreading", "swallowing"]),  # no question 15: 1 and 5
        (("2", "1", "1"), ["weakness", "in-sleep"]),
    ],
)
async def test_numbers_typed_in_a_burst_tick_the_question_they_name(app, keys, saved) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        burst(app, *keys, ENTER)
        await settle(pilot)
        assert on(app, "RedFlagAlert"), screen_text(app)  # saved: the advice that follows a tick
    assert sorted(kind for (kind,) in rows(app, "SELECT kind FROM red_flag")) == sorted(saved)


async def test_a_waiting_one_says_what_the_next_key_makes_it(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "1")
        await settle(pilot)
        assert "1: 1 or 10–13? Enter ticks 1" in screen_text(app)
        assert "1–13" in screen_text(app)
