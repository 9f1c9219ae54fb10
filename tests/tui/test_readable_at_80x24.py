"""At 80x24 everything is reachable and readable: a factor past the seventh can be scrolled to,
and a day's notes get the width a twitch's details would otherwise take."""

from __future__ import annotations

from tests.helpers.tui import twitch
from tests.tui.conftest import TODAY, screen_text, settle
from tracker.core.vocabulary import FactorKind
from tracker.storage import store
from tracker.storage.models import FactorCreate, FactorEntryCreate

SMALL = (80, 24)


async def test_every_factor_can_be_reached_at_80x24(app, seed) -> None:
    for name in ("alcohol", "gym", "screen_time"):
        seed(
            lambda s, name=name: store.add_factor(session=s, factor_in=FactorCreate(name=name, kind=FactorKind.NUMBER))
        )
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        await pilot.press(*["down"] * 7)
        await settle(pilot)
        assert "screen_time *" in screen_text(app)  # the eighth, scrolled into view


async def test_a_note_reads_in_a_line_or_two_at_80x24(app, seed) -> None:
    note = "morning flat white at the station"
    seed(
        lambda s: store.add_factor_entry(
            session=s, entry_in=FactorEntryCreate(factor="caffeine", value=95, date=TODAY, note=note)
        )
    )
    seed(lambda s: twitch(s, 8, note="after the long meeting"))
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        shown = screen_text(app)
    assert "morning flat white at" in shown and "the station" in shown  # two lines, not six
    assert "after the long" in shown
    assert "eyelid · left · int. 3" in shown.replace("\u00a0", " ")  # the details, in one column
