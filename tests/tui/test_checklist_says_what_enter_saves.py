"""The red-flag checklist stores every box left empty as a dated "no": the line above the list
says what Enter will store as the ticks change, and a sign ticked now shows as ticked only, its
earlier "no" no longer beside it."""

from __future__ import annotations

import datetime as dt

from tests.helpers.tui import rows
from tests.tui.conftest import TODAY, screen_text, settle
from tracker.storage import diary_facts


def line_of(app, words: str) -> str:  # type: ignore[no-untyped-def]
    return next(line for line in screen_text(app).splitlines() if words in line)


async def test_the_line_above_the_list_says_the_empty_boxes_are_saved_as_no(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert "Enter saves: all 13 as answered no today" in line_of(app, "Enter saves")
        await pilot.press("1", "space")  # question 1: spreading
        await settle(pilot)
        said = line_of(app, "Enter saves")
        assert "Enter saves: 1 ticked as noticed today; the 12 others as answered no today" in said
        # Said above the questions, where it is read before Enter, even on a short terminal.
        lines = screen_text(app).splitlines()
        assert lines.index(said) < lines.index(line_of(app, "weakness in the face"))
        await pilot.press("enter")
        await settle(pilot)
    assert rows(app, "SELECT kind FROM red_flag") == [("spreading",)]
    assert len(rows(app, "SELECT kind FROM red_flag_no")) == 12


async def test_a_sign_ticked_now_shows_no_earlier_no_beside_it(app, seed) -> None:
    earlier = TODAY - dt.timedelta(days=5)
    seed(lambda s: diary_facts.answer_checklist(session=s, day=earlier, no=["bells-palsy", "speech"], today=TODAY))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert line_of(app, "ear pain").rstrip(" ▎█").endswith(f"— no on {earlier.day} {earlier:%b}")
        await pilot.press("1", "2")  # tick 12, answered no five days ago
        await settle(pilot)
        ticked = line_of(app, "ear pain")
        assert "▐x▌" in ticked and "no" not in ticked.split("close")[1]
        assert line_of(app, "difficulty speaking").rstrip(" ▎█").endswith(f"— no on {earlier.day} {earlier:%b}")
        await pilot.press("1", "2")  # untick: the earlier answer is shown again
        await settle(pilot)
        assert line_of(app, "ear pain").rstrip(" ▎█").endswith(f"— no on {earlier.day} {earlier:%b}")


async def test_the_longest_question_keeps_its_day_at_80_columns(app, seed) -> None:
    earlier = TODAY - dt.timedelta(days=5)
    seed(lambda s: diary_facts.answer_checklist(session=s, day=earlier, no=["bells-palsy"], today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert f"won't close — no on {earlier.day} {earlier:%b}" in line_of(app, "ear pain")
