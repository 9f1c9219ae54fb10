"""Pilot tests of the Today screen: state in the store and on the screen stack, not pixels."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlmodel import select

from tests.helpers.tui import entries, episodes, twitch
from tests.tui.conftest import NOW, SIZE, TODAY, at, settle
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import (
    Day,
    FactorCreate,
    FactorEntry,
    FactorEntryCreate,
    FactorKind,
    Location,
    RedFlag,
    Side,
)
from tracker.tui.screens.episode_form import EpisodeForm
from tracker.tui.screens.red_flag_alert import RedFlagAlert
from tracker.tui.screens.today import TodayScreen
from tracker.tui.widgets.day_table import DayTable


async def test_a_twitch_in_two_keystrokes(app, engine):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, EpisodeForm)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one(DayTable).row_count == 1
    [saved] = episodes(engine)
    # with nothing to repeat, the first twitch is stored as not given (nothing made up), at the time now
    assert (saved.location, saved.side, saved.intensity) == ("unspecified", "unspecified", None)
    assert saved.local_date == TODAY and saved.started_at.replace(tzinfo=dt.UTC) == NOW


async def test_the_form_starts_from_the_last_twitch(app, engine, seed):
    seed(lambda s: twitch(s, 8, location=Location.CHEEK, side=Side.RIGHT, intensity=4))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "enter")
        await settle(pilot)
    last = episodes(engine)[-1]
    assert (last.location, last.side, last.intensity) == ("cheek", "right", 4)


async def test_the_form_starts_from_the_latest_twitch_in_time_not_the_last_typed(app, engine, seed):
    seed(lambda s: twitch(s, 8, location=Location.CHEEK, side=Side.RIGHT, intensity=4))
    last_week = TODAY - dt.timedelta(days=7)
    seed(lambda s: twitch(s, 8, day=last_week, location=Location.CHIN, side=Side.LEFT, intensity=1))  # backfilled
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "enter")
        await settle(pilot)
    last = episodes(engine)[-1]
    assert last.local_date == TODAY
    assert (last.location, last.side, last.intensity) == ("cheek", "right", 4)


async def test_g_repeats_the_latest_dose_in_time_not_the_last_typed(app, engine, seed):
    this_morning = FactorEntryCreate(factor="magnesium", value=300, at=at(8))
    with time_machine.travel(at(8, 5), tick=False):  # typed at 08:05, before the backfill at 09:30
        seed(lambda s: store.add_factor_entry(session=s, entry_in=this_morning))
    backfill = FactorEntryCreate(factor="magnesium", value=150, date=TODAY - dt.timedelta(days=7))
    seed(lambda s: store.add_factor_entry(session=s, entry_in=backfill))  # typed last, a week older
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g", "enter")
        await settle(pilot)
    assert entries(engine)["magnesium"] == [300, 150, 300]


async def test_every_field_changes_by_keys(app, engine):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "e", "right", "5", "d", "2", "m", "escape", "n", *"after coffee", "enter")
        await settle(pilot)
    [saved] = episodes(engine)
    assert (saved.location, saved.side, saved.intensity) == ("eyelid", "right", 5)
    assert saved.duration_s == 120
    assert saved.note == "after coffee"


async def test_escape_cancels_the_form(app, engine):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert episodes(engine) == []


async def test_each_factor_in_a_few_keys(app, engine, seed):
    seed(
        lambda s: store.add_factor(
            session=s, factor_in=FactorCreate(name="alcohol", kind=FactorKind.NUMBER, unit="units")
        )
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for keys in (
            ("c", "c", "enter"),  # coffee, by its letter: the line under the box shows it first
            ("w", "b", "enter"),  # a bottle of water
            ("s", *"6.5", "enter"),
            ("x", "7"),
            ("g", *"200", "enter"),  # the first magnesium dose is typed...
            ("g", "g"),  # ...and then repeated: shown, and g again saves it
            ("f", "end", "enter", "2", "enter"),  # any factor: the last one is alcohol
        ):
            await pilot.press(*keys)
            await settle(pilot)
            assert isinstance(app.screen, TodayScreen), keys
        totals = str(app.screen.query_one("#totals").render())
    assert entries(engine) == {
        "caffeine": [95.0], "water": [500.0], "sleep": [6.5], "stress": [7.0],
        "magnesium": [200.0, 200.0], "alcohol": [2.0],
    }  # fmt: skip
    assert "magnesium 400 mg from 2 entries" in totals


async def test_sleep_from_bed_and_wake_times_is_dated_to_the_wake_day(app, engine):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "tab", *"23:30", "tab", *"7:00", "enter")
        await settle(pilot)
    with session_scope(engine, write=False) as session:
        [entry] = session.exec(select(FactorEntry))
    assert (entry.value, entry.local_date, entry.at) == (7.5, TODAY, None)


async def test_no_twitches_today(app, engine):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n", "n")
        await settle(pilot)
    with session_scope(engine, write=False) as session:
        assert session.get(Day, TODAY).checked_in


async def test_no_twitches_is_refused_when_twitches_are_logged(app, engine, seed):
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert any("without episodes" in n.message for n in app._notifications)
        assert isinstance(app.screen, TodayScreen)  # nothing to confirm
    with session_scope(engine, write=False) as session:
        assert session.get(Day, TODAY) is None


async def test_delete_then_undo(app, engine, seed):
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("delete", "delete")
        await settle(pilot)
        assert episodes(engine) == []
        assert any("Press [b]u[/b]" in n.message for n in app._notifications)
        await pilot.press("u", "u")
        await settle(pilot)
        assert app.screen.query_one(DayTable).row_count == 1
    assert [e.started_at.hour for e in episodes(engine)] == [8]


async def test_edit_a_twitch(app, engine, seed):
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", "4", "enter")
        await settle(pilot)
    [edited] = episodes(engine)
    assert edited.intensity == 4 and edited.started_at.hour == 8


async def test_a_red_flag_shows_the_alert_and_is_saved(app, engine):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "2", "enter")
        await settle(pilot)
        assert isinstance(app.screen, RedFlagAlert)
        advice = " ".join(str(w.render()) for w in app.screen.query("Static"))
        # weakness cannot wait: the graded line `tracker log redflag weakness` prints, not a general "see a doctor"
        assert "call emergency services today" in advice and "cannot tell you what is causing them" in advice
        await pilot.press("enter")
        assert isinstance(app.screen, TodayScreen)
    with session_scope(engine, write=False) as session:
        assert [f.kind for f in session.exec(select(RedFlag))] == ["weakness"]


async def test_backfill_yesterday(app, engine, seed):
    yesterday = TODAY - dt.timedelta(days=1)
    entry_in = FactorEntryCreate(factor="water", value=250, date=TODAY - dt.timedelta(days=3))
    seed(lambda s: store.add_factor_entry(session=s, entry_in=entry_in))  # the diary began 3 days ago
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("Twitches not answered for yesterday" in n.message for n in app._notifications)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen.day == yesterday
        await pilot.press("t", "enter", "c", "e", "enter")
        await settle(pilot)
    [saved] = episodes(engine)
    assert saved.local_date == yesterday
    assert entries(engine) == {"water": [250.0], "caffeine": [63.0]}


async def test_days_back_and_forward(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket", "left_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert app.screen.day == TODAY - dt.timedelta(days=1)
        assert "Today" not in app.screen.title
        await pilot.press("right_square_bracket", "right_square_bracket")  # never past today
        assert app.screen.day == TODAY and app.screen.title == "Today"


async def test_undo_says_what_came_back_in_words_and_puts_the_cursor_on_it(app, engine, seed):
    seed(lambda s: twitch(s, 8))
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="water", value=35, at=at(9))))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DayTable)
        table.move_cursor(row=1)  # the water, after the 08:00 twitch
        water = table.selected_id()
        assert water is not None and water.startswith("f")
        await pilot.press("delete", "enter")
        await settle(pilot)
        await pilot.press("u", "enter")
        await settle(pilot)
        told = [n.message for n in app._notifications if "Undone" in n.message]
        # A second Delete now would ask about the water again, never about the twitch beside it.
        assert table.selected_id() == water
    assert told and "water 35 ml" in told[-1] and water not in told[-1]


async def test_u_with_nothing_to_undo_says_so(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert any("Nothing to undo" in n.message for n in app._notifications)
