"""Fits the terminal people have: at 80x24 every key shown is whole, dialogs fit, Trends rows
do not wrap; notes use the width; one notice at a time; a red flag shows in the heading."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable

from tests.helpers.tui import twitch
from tests.tui.conftest import SIZE, TODAY, at, screen_text, settle
from tracker.storage import store
from tracker.storage.models import FactorCreate, FactorEntryCreate, RedFlagCreate, RedFlagKind
from tracker.tui.widgets.keys_footer import FooterKey

SMALL = (80, 24)


def footer_keys(app) -> dict[str, FooterKey]:  # type: ignore[no-untyped-def]
    return {key.key: key for key in app.screen.query(FooterKey)}


async def test_every_key_in_the_footer_is_whole_at_80x24(app) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        keys = footer_keys(app)
        for wanted in ("t", "c", "n", "h", "question_mark", "left_square_bracket"):
            assert wanted in keys, wanted
        for key in keys.values():
            region = key.region
            assert region.width > 0 and region.right <= 80 and region.bottom <= 24, (key.key, region)


async def test_dialogs_fit_at_80x24(app, seed) -> None:
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        for key in ("c", "w", "t", "s", "x", "r", "g", "f", "question_mark", "j"):
            await pilot.press(key)
            await settle(pilot)
            dialog = app.screen.query_one(".form")
            assert dialog.region.right <= 80 and dialog.region.bottom <= 24, (key, dialog.region)
            await pilot.press("escape", "escape")
            await settle(pilot)


async def test_trends_rows_do_not_wrap_at_80(app, seed) -> None:
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        for row in ("weeks", "episodes", "days"):
            cells = app.screen.query_one(f"#cells-{row}")
            assert cells.region.height == 1 and len(cells.visual.plain.rstrip()) <= 78, row


async def test_a_long_note_uses_the_width_there_is(app, seed) -> None:
    note = "after the long call, stopped when I pressed"  # 43 characters; 24 were shown
    seed(lambda s: twitch(s, 8, note=note))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        [note_column] = [c for c in table.columns.values() if str(c.label) == "note"]
        assert note_column.width >= len(note)


async def test_one_notice_at_a_time_and_none_once_stale(app, seed) -> None:
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("delete", "delete")
        await settle(pilot)
        assert any("to undo" in n.message for n in app._notifications)
        await pilot.press("u", "u")
        await settle(pilot)
        shown = [n.message for n in app._notifications]
        assert len(shown) == 1 and "Undone" in shown[0]  # "Press u to undo" is gone


async def test_a_red_flag_logged_today_shows_in_the_heading(app, seed) -> None:
    seed(lambda s: store.add_red_flag(session=s, red_flag_in=RedFlagCreate(date=TODAY, kind=RedFlagKind.DROOPING)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        heading = str(app.screen.query_one("#day-heading").render())
    assert "red flag: drooping" in heading


@pytest.mark.parametrize("size", [SMALL, SIZE], ids=["80x24", "100x30"])
async def test_notices_never_hide_the_footer_keys(app, seed, size) -> None:
    seed(lambda s: twitch(s, 8))
    seed(lambda s: twitch(s, 8, day=TODAY - dt.timedelta(days=3)))  # unanswered days: a long offer on opening
    async with app.run_test(size=size, notifications=True) as pilot:  # Pilot hides them by default
        await settle(pilot)
        await pilot.press("delete", "delete")  # "Press u to undo"
        await settle(pilot)
        for screen_keys in ((), ("h",)):  # Today, then History
            await pilot.press(*screen_keys)
            app.notify("A notice long enough to take three or four rows of a toast at this width, " * 2)
            await settle(pilot)
            assert "A notice long enough" in screen_text(app)  # shown, or the test shows nothing
            for key in footer_keys(app).values():  # what is drawn on every cell of every key is the key
                region = key.region
                for x in range(region.x, region.right):
                    assert app.screen.get_widget_at(x, region.y)[0] is key, (key.key, x, region.y)


async def test_at_80x24_a_long_note_and_a_factor_of_your_own_are_shown_whole(app, seed) -> None:
    note = "after the long call, stopped when I pressed"
    seed(lambda s: twitch(s, 8, note=note))
    seed(
        lambda s: store.add_factor(
            session=s, factor_in=FactorCreate(name="screen_time_evening", kind="number", unit="hours")
        )
    )
    seed(
        lambda s: store.add_factor_entry(
            session=s, entry_in=FactorEntryCreate(factor="screen_time_evening", value=2, at=at(9))
        )
    )
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        shown = screen_text(app)
    table_words = " ".join(line.split("  ")[-1].strip() for line in shown.splitlines())
    assert all(word in table_words for word in note.split()), shown
    assert "screen time evening" in shown and "2 hours" in shown, shown  # in words, whole


async def test_at_80x24_a_choice_key_stays_beside_its_place(app) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        shown = screen_text(app)
    for key, place in (("u", "upper-lip"), ("m", "mouth-corner"), ("h", "chin"), ("o", "other")):
        assert f"{key} {place}" in shown, shown


@pytest.mark.parametrize("size", [SMALL, SIZE], ids=["80x24", "100x30"])
async def test_factors_show_their_range_and_daily_rule(app, seed, size) -> None:
    mine = FactorCreate(name="screen_time_evening", kind="number", unit="hours", max_value=12)
    seed(lambda s: store.add_factor(session=s, factor_in=mine))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        shown = screen_text(app)
    for text in ("range", "per day", "0–24", "0–12", "mean", "preset", "amount", "250 ml"):
        assert text in shown, (text, shown)
