"""A factor of one's own is named in words on every screen ("late screen", not "late_screen"),
and a day said as the subject of a sentence reads as English: "Sat 07 Mar already has ...",
never "On Sat 07 Mar already has late_screen no"."""

from __future__ import annotations

import datetime as dt

from tests.helpers.tui import open_factor
from tests.tui.conftest import TODAY, screen_text, settle
from tracker.storage import store
from tracker.storage.models import FactorCreate, FactorEntryCreate, FactorKind

BACK = TODAY - dt.timedelta(days=3)


def late_screen(seed) -> None:  # type: ignore[no-untyped-def]
    seed(lambda s: store.add_factor(session=s, factor_in=FactorCreate(name="late_screen", kind=FactorKind.YES_NO)))
    seed(
        lambda s: store.add_factor_entry(
            session=s, entry_in=FactorEntryCreate(factor="late_screen", value=0, date=BACK)
        )
    )


async def test_a_second_answer_on_a_past_day_says_the_day_and_the_factor_in_words(app, seed) -> None:
    late_screen(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*["left_square_bracket"] * 3)
        await open_factor(app, pilot, "late_screen")
        await pilot.press("y")
        await settle(pilot)
        shown = " ".join(screen_text(app).split())
    assert "in place of late screen: no logged on Sat 7 Mar" in shown, shown
    assert "late_screen" not in shown and "On Sat" not in shown and "on Sat 7 Mar then" not in shown


async def test_the_day_and_the_picker_name_a_factor_in_words(app, seed) -> None:
    late_screen(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*["left_square_bracket"] * 3)
        await settle(pilot)
        day = screen_text(app)
        await pilot.press("f")
        await settle(pilot)
        picker = screen_text(app)
    assert "late screen no" in " ".join(day.split()) and "late_screen" not in day, day
    assert "late screen" in picker and "late_screen" not in picker, picker
