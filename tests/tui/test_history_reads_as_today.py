"""History reads as Today does: sleep in hours and minutes (one formatter, never "7.5"), and
→ moves sideways a whole column at a time, the date staying in view. Trends says sleep the
same way in its narrow cells."""

from __future__ import annotations

import datetime as dt

from tests.tui.conftest import SIZE, TODAY, screen_text, settle
from tracker.storage import store
from tracker.storage.models import FactorEntryCreate


def sleep(session, hours: float):  # type: ignore[no-untyped-def]
    return store.add_factor_entry(session=session, entry_in=FactorEntryCreate(factor="sleep", value=hours, date=TODAY))


async def test_history_shows_sleep_as_today_does(app, seed) -> None:
    seed(lambda s: sleep(s, 7.5))
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        assert "7 h 30 min" in screen_text(app)  # Today
        await pilot.press("h")
        await settle(pilot)
        row = app.screen.query_one("DataTable").get_row(TODAY.isoformat())
    assert "7 h 30 min" in row and "7.5" not in row


async def test_right_arrow_moves_history_a_column_at_a_time(app, seed) -> None:
    seed(lambda s: sleep(s, 7.5))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        table = app.screen.query_one("DataTable")
        widths = [column.get_render_width(table) for column in table.columns.values()]
        await pilot.press("right")
        await settle(pilot)
        first = table.scroll_x
        await pilot.press("right")
        await settle(pilot)
        second = table.scroll_x
        shown = screen_text(app)
    assert first in widths and second - first in widths  # a whole column per press, not a character
    assert TODAY.isoformat() in shown  # the date column stays


async def test_trends_shows_sleep_in_hours_and_minutes(app, seed) -> None:
    seed(lambda s: sleep(s, 7.5))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        cells = str(app.screen.query_one("#cells-sleep_h").render())
    assert "7h30" in cells and "7.5" not in cells


async def test_trends_count_a_day_answered_without_coffee_as_none(app, seed) -> None:
    monday = TODAY - dt.timedelta(days=TODAY.weekday())
    coffee = FactorEntryCreate(factor="caffeine", value=200, date=monday)
    seed(lambda s: store.add_factor_entry(session=s, entry_in=coffee))
    seed(lambda s: store.check_in(session=s, day=monday))
    seed(lambda s: store.check_in(session=s, day=monday + dt.timedelta(days=1)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        cells = str(app.screen.query_one("#cells-caffeine_mg").render()).split()
        hint = str(app.screen.query_one("#trends-hint").render())
    assert cells[-1] == "100"  # (200 + none) over the two days answered, not 200
    assert "caffeine: of the days answered, a day without any as none" in hint
