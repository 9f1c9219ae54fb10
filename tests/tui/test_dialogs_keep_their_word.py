"""A dialog says only what is true of the boxes as they read now, asks before a stored value is
emptied, takes only its own answers, and a key meant for it never lands on the screen below."""

from __future__ import annotations

import datetime as dt

from tests.helpers.tui import ENTER, burst, field_error, on
from tests.tui.conftest import SIZE, TODAY, screen_text, settle
from tracker.storage import diary_facts


async def test_editing_the_wake_time_takes_the_old_reason_away(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "tab", *"21:00", "tab", *"14:30", "enter")
        await settle(pilot)
        assert field_error(app, "bed")  # refused: more than 16 h
        await pilot.press(*["backspace"] * 5, *"7:30")
        await settle(pilot)
        assert "Enter writes: sleep 10 h 30 min" in screen_text(app)
        assert field_error(app, "bed") == ""


async def test_an_impossible_wake_time_shows_no_preview_before_enter(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "tab", *"21:00", "tab", *"14:30")
        await settle(pilot)
        assert "Enter writes" not in screen_text(app)


def onset_given(session) -> None:  # type: ignore[no-untyped-def]
    diary_facts.set_onset(session=session, day=dt.date(2026, 1, 5), today=TODAY)


def stored_onset(engine):  # type: ignore[no-untyped-def]
    from tracker.storage.engine import session_scope

    with session_scope(engine, write=False) as session:
        return diary_facts.onset(session=session)


async def test_emptying_the_onset_date_asks_first_and_esc_keeps_it(app, engine, seed) -> None:
    seed(onset_given)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("O")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", "enter")
        await settle(pilot)
        assert "forgotten" not in screen_text(app)
        assert "Forget the onset date" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
    assert stored_onset(engine) == dt.date(2026, 1, 5)


async def test_emptying_the_onset_date_and_confirming_forgets_it(app, engine, seed) -> None:
    seed(onset_given)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("O")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", "enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Onset date forgotten" in screen_text(app)
    assert stored_onset(engine) is None


async def test_an_onset_after_the_first_twitch_names_nothing_the_app_lacks(app, seed) -> None:
    from tests.helpers.tui import twitch

    seed(lambda s: twitch(s, 9, day=dt.date(2026, 2, 1)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("O")
        await settle(pilot)
        await pilot.press(*"2026-03-01", "enter")
        await settle(pilot)
        shown = screen_text(app)
    assert "first logged twitch" in shown
    assert "force" not in shown


async def test_the_discard_prompt_takes_only_its_answers(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "8", "5")
        await settle(pilot)
        dialog = type(app.screen).__name__
        typed = {box.id: box.value for box in app.screen.query("Input")}
        await pilot.press("escape", "w", *"1.5l")
        await settle(pilot)
        assert "Discard what you typed?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert on(app, dialog)
        assert {box.id: box.value for box in app.screen.query("Input")} == typed


async def test_enter_behind_an_escaped_go_to_date_does_not_edit_a_row(app, seed) -> None:
    from tests.helpers.tui import twitch

    seed(lambda s: twitch(s, 9))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", *"31 nov")
        await settle(pilot)
        burst(app, "escape", ENTER)  # the Enter was meant for the dialog, typed before it closed
        await settle(pilot)
        assert on(app, "TodayScreen"), screen_text(app)
        await pilot.press("enter")  # pressed once the dialog has gone: it asks for a row first
        await settle(pilot)
        assert on(app, "TodayScreen") and "to a row first" in screen_text(app), screen_text(app)
        await pilot.press("up", "enter")  # a row moved to: Enter edits it again
        await settle(pilot)
        assert on(app, "EpisodeForm"), screen_text(app)


async def test_a_day_that_does_not_exist_is_refused_under_the_box(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", *"31 nov", "enter")
        await settle(pilot)
        assert on(app, "DatePrompt")
        assert "31 nov" in field_error(app, "date")


async def test_a_key_in_one_read_with_the_escape_stays_out_of_the_box(app) -> None:
    from tests.tui.test_escape_then_a_key import escape_and

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c", "8", "5")
        await settle(pilot)
        typed = {box.id: box.value for box in app.screen.query("Input")}
        escape_and(app, "w")
        await settle(pilot)
        await pilot.press(*"1.5l")
        await settle(pilot)
        assert "Discard what you typed?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert {box.id: box.value for box in app.screen.query("Input")} == typed
