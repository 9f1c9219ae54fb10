"""The red-flag checklist opened again on a day already answered shows the answers given (the
"no" answers each with its day, the flags logged), and saving again changes only what changed."""

from __future__ import annotations

import datetime as dt

from tests.helpers.tui import on, rows
from tests.tui.conftest import TODAY, screen_text, settle
from tracker.storage import diary_facts


def line_of(app, question: str) -> str:  # type: ignore[no-untyped-def]
    return next(line for line in screen_text(app).splitlines() if question in line)


async def test_reopened_the_checklist_shows_the_no_answers_and_saving_again_changes_nothing(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r", "enter")  # "no" to every sign
        await settle(pilot)
        noes = rows(app, "SELECT id, kind, date FROM red_flag_no ORDER BY id")
        actions = rows(app, "SELECT count(*) FROM action")
        await pilot.press("r")
        await settle(pilot)
        assert on(app, "RedFlagChecklist")
        assert line_of(app, "difficulty speaking").rstrip(" ▎█").endswith(f"— no on {TODAY.day} {TODAY:%b}")
        await pilot.press("enter")  # nothing changed
        await settle(pilot)
    assert rows(app, "SELECT id, kind, date FROM red_flag_no ORDER BY id") == noes
    assert rows(app, "SELECT count(*) FROM action") == actions


async def test_ticking_one_sign_on_an_answered_day_changes_only_that_sign(app) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r", "enter")
        await settle(pilot)
        before = rows(app, "SELECT id, kind FROM red_flag_no WHERE kind != 'speech' ORDER BY id")
        await pilot.press("r", "4", "enter")  # speech, answered "no" before
        await settle(pilot)
        await pilot.press("escape")  # the advice shown for it
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert "logged" in line_of(app, "difficulty speaking")
        assert f"— no on {TODAY.day} {TODAY:%b}" in line_of(app, "weakness in the face")
    assert rows(app, "SELECT kind FROM red_flag") == [("speech",)]
    assert rows(app, "SELECT id, kind FROM red_flag_no ORDER BY id") == before


async def test_earlier_noes_show_with_their_days(app, seed) -> None:
    earlier, later = TODAY - dt.timedelta(days=7), TODAY - dt.timedelta(days=2)
    seed(lambda s: diary_facts.answer_checklist(session=s, day=earlier, no=["speech"], today=TODAY))
    seed(lambda s: diary_facts.answer_checklist(session=s, day=later, no=["swallowing"], today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert f"no on {earlier.day} {earlier:%b}" in line_of(app, "difficulty speaking")
        assert f"no on {later.day} {later:%b}" in line_of(app, "difficulty swallowing")
        assert "no" not in line_of(app, "weakness in the face").split("face")[1]  # never asked: no answer shown
