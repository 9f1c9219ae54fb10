"""Enter in a form that previews what it writes saves what was typed before it: the keys typed
right behind it (the next entry's key, its amount) are for the screen below, never typed into
the box the Enter closed. The sleep form read its boxes only once the Enter had gone round the
app, after the `8` typed behind it had joined "5:40", and refused "5:408"."""

from __future__ import annotations

from tests.helpers.tui import ENTER, burst, rows
from tests.tui.conftest import settle

CHARS = [(c, c) for c in "5:40"]


async def test_sleep_enter_saves_what_was_typed_before_it_and_the_keys_behind_it_log_stress(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, "s")
        await settle(pilot)
        burst(app, *CHARS, ENTER, "x", "8")
        await settle(pilot)
        values = rows(app, "SELECT f.name, round(e.value, 2) FROM factor_entry e JOIN factor f ON f.id = e.factor_id")
    assert sorted(values) == [("sleep", 5.67), ("stress", 8.0)]


async def test_sleep_by_bed_and_wake_enter_saves_before_the_keys_behind_it(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, "s")
        await settle(pilot)
        burst(app, "tab", *[(c, c) for c in "23:30"], "tab", *[(c, c) for c in "7:15"], ENTER, "x", "3")
        await settle(pilot)
        values = rows(app, "SELECT f.name, round(e.value, 2) FROM factor_entry e JOIN factor f ON f.id = e.factor_id")
    assert sorted(values) == [("sleep", 7.75), ("stress", 3.0)]


async def test_sleep_in_decimal_hours_then_enter_saves_before_the_keys_behind_it(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, "s")
        await settle(pilot)
        burst(app, *[(c, c) for c in "6.5"], ENTER, "x", "2")
        await settle(pilot)
        values = rows(app, "SELECT f.name, round(e.value, 2) FROM factor_entry e JOIN factor f ON f.id = e.factor_id")
    assert sorted(values) == [("sleep", 6.5), ("stress", 2.0)]
