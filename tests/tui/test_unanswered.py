"""A day whose twitches were never answered is unanswered, never 0: History says so, Today
offers to answer recent ones, and `n` answers "no twitches" for the day shown. Also the day's
note (N) and dates the diary cannot hold (j)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from tests.helpers.tui import caffeine, field_error, on, twitch
from tests.tui.conftest import SIZE, TODAY, settle
from tracker.storage.engine import session_scope
from tracker.storage.models import Day

YESTERDAY = TODAY - dt.timedelta(days=1)


async def test_history_shows_a_day_with_only_a_coffee_as_unanswered_not_zero(app, seed) -> None:
    seed(lambda s: twitch(s, 8, day=TODAY - dt.timedelta(days=3)))
    seed(lambda s: caffeine(s, 95, YESTERDAY))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        table = app.screen.query_one("DataTable")
        yesterday = table.get_row(YESTERDAY.isoformat())
        summary = str(app.screen.query_one("#history-summary").render())
    assert yesterday[1:4] == ["yes", "?", "—"]  # tracked (a coffee), twitches not answered
    assert "? twitches not answered" in summary


async def test_today_offers_the_recent_unanswered_days_and_n_answers_one(app, engine, seed) -> None:
    seed(lambda s: twitch(s, 8, day=TODAY - dt.timedelta(days=3)))
    seed(lambda s: caffeine(s, 95, YESTERDAY))  # tracked, but twitches not answered
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [offer] = [n.message for n in app._notifications]
        assert "not answered for yesterday and Sun 08 Mar" in offer  # two days, not one named twice
        await pilot.press("y", "n", "n")  # yesterday; no twitches; confirmed
        await settle(pilot)
        unlogged = str(app.screen.query_one("#unlogged").render())
    with session_scope(engine, write=False) as session:
        assert [d.date for d in session.exec(select(Day).where(Day.checked_in))] == [YESTERDAY]
    assert "twitches" not in unlogged.split(":")[1]  # answered now


async def test_a_offered_day_is_answered_from_today_in_one_key(app, engine, seed) -> None:
    seed(lambda s: twitch(s, 8, day=TODAY - dt.timedelta(days=3)))
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [offer] = [n.message for n in app._notifications if "not answered" in n.message]
        assert "[b]A[/b] answers yesterday: no twitches" in offer
        await pilot.press("A")  # asks first, naming the day
        await settle(pilot)
        assert on(app, "Confirm") and YESTERDAY.strftime("%A %d %B") in str(app.screen.question)
        await pilot.press("A")  # the same key confirms
        await settle(pilot)
        assert on(app, "TodayScreen") and app.screen.day == YESTERDAY  # shows what was written, as every save
        await pilot.press("A", "A")  # the next one: two days ago
        await settle(pilot)
    with session_scope(engine, write=False) as session:
        answered = sorted(d.date for d in session.exec(select(Day).where(Day.checked_in)))
    assert answered == [TODAY - dt.timedelta(days=2), YESTERDAY]


async def test_a_new_diary_is_not_offered_days_before_it_began(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not [n.message for n in app._notifications if "not answered" in n.message]


async def test_shift_n_writes_the_day_note(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("N", *"slept badly, long drive", "enter")
        await settle(pilot)
        totals = str(app.screen.query_one("#totals").render())
    with session_scope(engine, write=False) as session:
        assert session.get(Day, TODAY).note == "slept badly, long drive"
    assert "note: slept badly, long drive" in totals


async def test_a_date_the_diary_cannot_hold_is_refused_in_the_prompt(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for typed in ("0001-01-01", "-999999999", "1899-12-31"):
            await pilot.press("j", *typed, "enter")
            await settle(pilot)
            assert on(app, "DatePrompt"), typed
            assert "is not allowed; a day from 1900-01-01 to today" in field_error(app, "date")
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("j", *"1900-01-01", "enter", "left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert on(app, "TodayScreen") and app.screen.day == dt.date(1900, 1, 1)
        assert any("no day before" in n.message for n in app._notifications)


async def test_typing_in_a_note_that_is_already_there_adds_to_it(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("N", *"slept badly", "enter")
        await settle(pilot)
        await pilot.press("N", *"; headache", "enter")  # one key must not replace what is there
        await settle(pilot)
    with session_scope(engine, write=False) as session:
        assert session.get(Day, TODAY).note == "slept badly; headache"
