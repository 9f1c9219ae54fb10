"""A few SVG snapshots at 100x30 with the clock frozen and `today` fixed.

Update after a deliberate change with `pytest tests/tui --snapshot-update`, then look at them.
"""

from __future__ import annotations

import datetime as dt

from tests.tui.conftest import SIZE, TODAY, at, settle
from tests.tui.test_screens import caffeine
from tests.tui.test_today import twitch
from tracker import store
from tracker.models import FactorEntryCreate, Location, Side


def seed_a_day(seed) -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    seed(lambda s: twitch(s, 7, location=Location.LOWER_LIP, side=Side.LEFT, intensity=2))
    seed(lambda s: twitch(s, 8, location=Location.EYELID, side=Side.RIGHT, intensity=4, duration_s=45, note="screen"))
    seed(lambda s: twitch(s, 6, day=yesterday))
    seed(lambda s: caffeine(s, 95, TODAY))
    seed(lambda s: caffeine(s, 95, TODAY))
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="sleep", value=6.5, date=TODAY)))
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="stress", value=6, at=at(9))))


def pressing(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


def test_today_empty(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing())


def test_today_with_data(snap_compare, app, seed):
    seed_a_day(seed)
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing())


def test_twitch_form(snap_compare, app, seed):
    seed_a_day(seed)
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing("t", "e", "3"))


def test_history(snap_compare, app, seed):
    seed_a_day(seed)
    seed(lambda s: twitch(s, 9, day=TODAY - dt.timedelta(days=4), intensity=5))
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing("h"))


def test_red_flag_alert(snap_compare, app):
    assert snap_compare(app, terminal_size=SIZE, run_before=pressing("r", "2", "3", "enter"))
