"""Forms say which day they write to, and the offer of unanswered days names keys that get there."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static

from tests.helpers.tui import caffeine, twitch
from tests.tui.conftest import SIZE, TODAY, settle

FOUR_DAYS_AGO = TODAY - dt.timedelta(days=4)


def texts(screen) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(widget.render()) for widget in screen.query(Static))


async def test_red_flags_and_stress_on_a_backfilled_day_name_that_day(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", *FOUR_DAYS_AGO.isoformat(), "enter")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        checklist = texts(app.screen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        stress = texts(app.screen)
    day = f"{FOUR_DAYS_AGO:%a} {FOUR_DAYS_AGO.day} {FOUR_DAYS_AGO:%b}"
    assert f"tick any you noticed on {day}" in checklist and "today" not in checklist
    assert f"Stress on {day}" in stress and "Stress today" not in stress


async def test_the_offer_of_a_day_a_week_ago_does_not_send_you_a_day_back(app, seed) -> None:
    seed(lambda s: twitch(s, 8, day=TODAY - dt.timedelta(days=7)))
    for back in (1, 2, 3, 4, 5):
        seed(lambda s, back=back: twitch(s, 9, day=TODAY - dt.timedelta(days=back)))
    seed(lambda s: caffeine(s, 95, TODAY - dt.timedelta(days=6)))  # tracked, twitches not answered
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [offer] = [n.message for n in app._notifications if "not answered" in n.message]
    assert "goes a day back" not in offer and "[b]j[/b]" in offer
