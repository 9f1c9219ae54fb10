"""The red-flag checklist can be read without colour, and knows what was logged that day."""

from __future__ import annotations

from tests.helpers.tui import rows
from tests.tui.conftest import TODAY, screen_text, settle
from tracker.core.vocabulary import RedFlagKind
from tracker.storage import store
from tracker.storage.models import RedFlagCreate


async def test_ticked_and_unticked_boxes_differ_in_text(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r", "2")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        weakness = next(line for line in lines if "weakness in the face" in line)
        spreading = next(line for line in lines if "spread to other parts" in line)
        assert "x▌" in weakness and " ▌" in spreading and "x▌" not in spreading


async def test_a_flag_logged_that_day_shows_as_logged_and_is_not_logged_twice(app, seed) -> None:
    seed(lambda s: store.add_red_flag(session=s, red_flag_in=RedFlagCreate(date=TODAY, kind=RedFlagKind.DROOPING)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        drooping = next(
            line for line in screen_text(app).splitlines() if "drooping of the face" in line and "▌" in line
        )
        assert "x▌" in drooping and "logged" in drooping
        await pilot.press("3", "2", "enter")  # 3 is the logged one: pressing it changes nothing
        await settle(pilot)
    assert sorted(rows(app, "SELECT kind FROM red_flag")) == [("drooping",), ("weakness",)]
    assert rows(app, "SELECT count(*) FROM action WHERE done LIKE '%drooping%'") == [(1,)]


async def test_saving_with_nothing_ticked_keeps_every_sign_as_answered_no(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r", "enter")
        await settle(pilot)
    assert rows(app, "SELECT count(*) FROM red_flag") == [(0,)]
    noes = rows(app, "SELECT kind, date FROM red_flag_no")
    assert len(noes) == 13 and {day for _, day in noes} == {TODAY.isoformat()}


async def test_cancelling_the_checklist_answers_nothing(app) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r", "escape")
        await settle(pilot)
    assert rows(app, "SELECT count(*) FROM red_flag_no") == [(0,)]
