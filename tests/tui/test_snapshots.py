"""A few SVG snapshots at 100x30 and at 80x24 (the smallest terminal the app is made for),
with the clock frozen.

Update after a deliberate change with `pytest tests/tui --snapshot-update`, then look at them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.tui import caffeine, pressing, twitch
from tests.tui.conftest import SIZE, TODAY, at
from tracker.storage import store
from tracker.storage.models import FactorEntryCreate, Location, Side


def seed_a_day(seed) -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    seed(lambda s: twitch(s, 7, location=Location.LOWER_LIP, side=Side.LEFT, intensity=2))
    seed(lambda s: twitch(s, 8, location=Location.EYELID, side=Side.RIGHT, intensity=4, duration_s=45, note="screen"))
    seed(lambda s: twitch(s, 6, day=yesterday))
    seed(lambda s: caffeine(s, 95, TODAY))
    seed(lambda s: caffeine(s, 95, TODAY))
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="sleep", value=6.5, date=TODAY)))
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="stress", value=6, at=at(9))))


SIZES = pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["100x30", "80x24"])


@SIZES
def test_today_empty(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=pressing())


@SIZES
def test_today_with_data(snap_compare, app, seed, size):
    seed_a_day(seed)
    assert snap_compare(app, terminal_size=size, run_before=pressing())


@SIZES
def test_twitch_form(snap_compare, app, seed, size):
    seed_a_day(seed)
    assert snap_compare(app, terminal_size=size, run_before=pressing("t", "e", "3"))


@SIZES
def test_caffeine_picker_with_an_amount(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=pressing("c", "1", "5"))


@SIZES
def test_sleep_form_keeps_a_refused_value(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=pressing("s", "6", "1", "0", "enter"))


@SIZES
def test_history(snap_compare, app, seed, size):
    seed_a_day(seed)
    seed(lambda s: twitch(s, 9, day=TODAY - dt.timedelta(days=4), intensity=5))
    seed(lambda s: caffeine(s, 95, TODAY - dt.timedelta(days=2)))  # a day whose twitches were not answered
    assert snap_compare(app, terminal_size=size, run_before=pressing("h"))


@SIZES
def test_trends(snap_compare, app, seed, size):
    seed_a_day(seed)
    seed(lambda s: twitch(s, 9, day=TODAY - dt.timedelta(days=8), intensity=5))
    assert snap_compare(app, terminal_size=size, run_before=pressing("T"))


@SIZES
def test_help(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=pressing("question_mark"))


@SIZES
def test_red_flag_alert(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=pressing("r", "2", "3", "enter"))


def test_today_with_a_long_note_at_80x24(snap_compare, app, seed):
    from tests.tui.test_long_day_note import LONG_NOTE

    seed_a_day(seed)
    seed(lambda s: store.set_day_note(session=s, day=TODAY, note=LONG_NOTE, today=TODAY))
    assert snap_compare(app, terminal_size=(80, 24), run_before=pressing())


@SIZES
def test_sleep_form_on_a_day_with_its_sleep(snap_compare, app, seed, size):
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="sleep", value=6, date=TODAY)))
    assert snap_compare(app, terminal_size=size, run_before=pressing("s", *"7:30"))


@SIZES
def test_stress_chosen_on_a_day_with_its_stress(snap_compare, app, seed, size):
    seed_a_day(seed)
    assert snap_compare(app, terminal_size=size, run_before=pressing("x", "4"))
