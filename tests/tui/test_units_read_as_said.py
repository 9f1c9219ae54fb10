"""Today reads a value as a person says it: one unit of a factor of one's own is "1 unit"."""

from __future__ import annotations

from tests.tui.conftest import SIZE, TODAY, screen_text, settle
from tracker.core.vocabulary import FactorKind
from tracker.storage import store
from tracker.storage.models import FactorCreate, FactorEntryCreate


async def test_one_unit_is_one_unit_in_the_day_and_its_totals(app, seed) -> None:
    seed(
        lambda s: store.add_factor(
            session=s, factor_in=FactorCreate(name="alcohol", kind=FactorKind.NUMBER, unit="units")
        )
    )
    seed(lambda s: store.add_factor_entry(session=s, entry_in=FactorEntryCreate(factor="alcohol", value=1, date=TODAY)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = screen_text(app)
    assert "alcohol 1 unit" in shown and "1 units" not in shown
