"""A factor added today is not "not logged yet" on the days before it existed: Today asks for it
from the day it was added."""

from __future__ import annotations

import datetime as dt

from tests.tui.conftest import TODAY, screen_text, settle
from tracker.core.vocabulary import FactorKind
from tracker.storage import store
from tracker.storage.models import FactorCreate


def unlogged_line(app) -> str:  # type: ignore[no-untyped-def]
    said = ("Not logged yet", "Everything logged for this day")
    return next(line for line in screen_text(app).splitlines() if any(words in line for words in said))


async def test_the_day_before_a_factor_was_added_does_not_ask_for_it(app, seed) -> None:
    factor_in = FactorCreate(name="eye_strain", kind=FactorKind.YES_NO, tracked_from=TODAY)
    seed(lambda s: store.add_factor(session=s, factor_in=factor_in))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "eye_strain" in unlogged_line(app)
        await pilot.press("[")  # the day before
        await settle(pilot)
        assert f"{(TODAY - dt.timedelta(days=1)).day}" in screen_text(app)
        assert "eye_strain" not in unlogged_line(app)
