"""Dialogs that keep what was typed: amounts in the pickers, sleep as people write it, keys
that show what they will write before writing it, the twitch form's field keys, an edit that
changes only what was changed."""

from __future__ import annotations

from sqlmodel import select

from tests.helpers.tui import ENTER, burst, entries, episodes, field_error, on, twitch
from tests.tui.conftest import SIZE, at, settle
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import Day, EpisodeCreate, FactorEntry, FactorEntryCreate, Location, Side


async def test_an_amount_typed_fast_in_the_caffeine_picker_is_that_amount(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "c", "1", "5", "0", ENTER)  # one terminal read, as a fast typist sends it
        await settle(pilot)
        assert on(app, "TodayScreen")  # the app is up, nothing popped twice
    assert entries(engine) == {"caffeine": [150.0]}


async def test_an_amount_typed_slowly_is_that_amount_too(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for keys in (("c", "8", "0", "enter"), ("w", "2", "5", "0", "enter")):
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
    assert entries(engine) == {"caffeine": [80.0], "water": [250.0]}


async def test_a_picker_closes_once_however_many_keys_follow(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "c", "e", ENTER, "c", "o", ENTER)  # the keys behind Enter open the next picker
        await settle(pilot)
        assert on(app, "TodayScreen") and len(app.screen_stack) == 1
    assert entries(engine) == {"caffeine": [63.0, 34.0]}


async def test_stress_ten_typed_as_digits_is_ten(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "x", "1", "0")
        await settle(pilot)
        assert entries(engine) == {"stress": [10.0]}
        burst(app, "x", "1", ENTER)  # the day has stress: 1 chosen, Enter puts it in place of the 10
        await settle(pilot)
    assert entries(engine) == {"stress": [1.0]}


async def test_sleep_as_hours_and_minutes(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for typed, hours in (("6:10", 6.17), ("6h10", 6.17), ("6.5", 6.5)):
            await pilot.press("s", *typed, "enter")  # each in place of the one before: one night's sleep
            await settle(pilot)
            assert on(app, "TodayScreen"), typed
            assert entries(engine) == {"sleep": [hours]}, typed


async def test_a_refused_sleep_keeps_the_form_open_with_the_value_and_the_reason(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", *"610", "enter")
        await settle(pilot)
        assert on(app, "SleepForm")
        assert app.screen.query_one("#hours").value == "610"
        assert "sleep: 610 is not allowed" in field_error(app, "hours")
        await pilot.press("ctrl+a", "ctrl+k", *"6:10", "enter")  # fixed in place
        await settle(pilot)
        assert on(app, "TodayScreen")
    assert entries(engine) == {"sleep": [6.17]}


async def test_a_bed_time_equal_to_the_wake_time_is_refused_not_saved_as_no_sleep(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "tab", *"22:00", "tab", *"22:00", "enter")
        await settle(pilot)
        assert on(app, "SleepForm")  # still open, the times kept
        assert "other than the bed time" in field_error(app, "bed")
    assert entries(engine) == {}


async def test_g_shows_the_dose_and_writes_only_when_asked(app, engine, seed) -> None:
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="magnesium", value=600)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")  # pressed to look
        await settle(pilot)
        assert on(app, "NumberForm")
        assert "600" in str(app.screen.query_one(".form-title").render())
        await pilot.press("escape")
        await settle(pilot)
        assert entries(engine) == {"magnesium": [600.0]}
        await pilot.press("g", "g")  # its own key again confirms
        await settle(pilot)
    assert entries(engine) == {"magnesium": [600.0, 600.0]}


async def test_n_and_delete_ask_before_writing(app, engine, seed) -> None:
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert on(app, "Confirm") and "Delete" in str(app.screen.query_one(".form-title").render())
        await pilot.press("escape")
        await settle(pilot)
        assert len(episodes(engine)) == 1
        await pilot.press("left_square_bracket", "n")
        await settle(pilot)
        assert on(app, "Confirm")
        await pilot.press("x")  # any other key: no
        await settle(pilot)
    with session_scope(engine, write=False) as session:
        assert session.exec(select(Day)).all() == []


async def test_field_keys_act_from_the_field_list_and_boxes_refuse_what_they_cannot_hold(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "t", "d", "4", "5", ("tab", "\t"), *"after coffee", ENTER)  # in a box, letters are text
        await settle(pilot)
        await pilot.press("t", "a", "x", "y", "escape", "d", *"2m", "tab")  # letters a time cannot hold
        assert on(app, "EpisodeForm")
        assert app.screen.query_one("#at").value == "09:30"
        assert app.focused is not None and app.focused.id == "note"  # Tab moved on
        await pilot.press("escape", "enter")
        await settle(pilot)
    first, second = episodes(engine)
    assert (first.duration_s, first.note) == (45, "after coffee")
    assert (second.duration_s, second.note) == (120, "")


async def test_a_refused_time_keeps_the_twitch_form_open_with_the_reason(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "a", "ctrl+a", "ctrl+k", *"25:00", "enter", "enter", "enter")
        await settle(pilot)
        assert on(app, "EpisodeForm")
        assert "time: '25:00' is not allowed" in field_error(app, "at")
    assert episodes(engine) == []


async def test_editing_a_twitch_keeps_what_was_not_changed(app, engine, seed) -> None:
    episode_in = EpisodeCreate(
        started_at=at(7), location=Location.EYELID, side=Side.LEFT, intensity=2, duration_s=30,
        context=["screen", "coffee"], relief=["pressed"], note="long call",
    )  # fmt: skip
    seed(lambda s: store.add_episode(session=s, episode_in=episode_in))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", "4", "enter")
        await settle(pilot)
    [edited] = episodes(engine)
    assert edited.intensity == 4
    kept = (edited.context, edited.relief, edited.note, edited.duration_s)
    assert kept == ("screen;coffee", "pressed", "long call", 30)


async def test_editing_a_factor_entry_keeps_its_id_and_note(app, engine, seed) -> None:
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="water", value=250, note="jug")))
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="caffeine", value=95)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", "ctrl+a", "ctrl+k", *"500", "enter")  # the first row: the water
        await settle(pilot)
    with session_scope(engine, write=False) as session:
        water = session.exec(select(FactorEntry).where(FactorEntry.note == "jug")).one()
    assert (water.id, water.value) == (1, 500.0)  # the same entry (f1), its value changed


async def test_a_preset_letter_is_shown_beside_its_drink(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert on(app, "PresetPicker")
        assert set(app.screen.keys) == {"e", "c", "b", "g", "o", "n"}  # no digit picks anything
