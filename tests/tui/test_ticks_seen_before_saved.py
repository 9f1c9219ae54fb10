"""A red flag is seen ticked before it can be saved, and the advice for it shows as it is ticked,
in the same words as `tracker log redflag`."""

from __future__ import annotations

import pytest

from tests.helpers.tui import on, rows
from tests.tui.conftest import screen_text, settle
from tracker.cli import main
from tracker.core.vocabulary import CHECKLIST_KINDS
from tracker.tui.screens.red_flags import QUESTIONS

NUMBER = {kind: n for n, (kind, _) in enumerate(QUESTIONS, start=1)}


def row_of(app, text: str) -> str:  # type: ignore[no-untyped-def]
    """The visible checklist row holding `text` ("" when it is scrolled out of sight)."""
    return next((line for line in screen_text(app).splitlines() if text in line), "")


def cli_advice(tmp_path, kind: str) -> str:  # type: ignore[no-untyped-def]
    """The advice line `tracker log redflag KIND` prints (its last line)."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--db", str(tmp_path / "cli.db"), "log", "redflag", kind]) == 0
    return out.getvalue().strip().splitlines()[-1]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_last_question_ticked_by_number_comes_into_view_ticked(app, size) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("r", "1", "3")
        await settle(pilot)
        assert "x▌" in row_of(app, "after starting a new medicine"), screen_text(app)
        await pilot.press("1")  # back to the top: question 1 in view, ticked
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert "x▌" in row_of(app, "spread to other parts"), screen_text(app)


async def test_enter_after_a_waiting_one_ticks_it_in_view_and_saves_nothing(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r", "1")
        await settle(pilot)
        assert "1: 1 or 10–13? Enter ticks 1" in screen_text(app)
        assert " ▌" in row_of(app, "spread to other parts")  # waiting: not ticked yet
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "RedFlagChecklist")  # Enter showed the tick, it did not save it
        assert "x▌" in row_of(app, "spread to other parts")
        assert "Enter ticks 1" not in screen_text(app)
        assert rows(app, "SELECT count(*) FROM red_flag") == [(0,)]
        await pilot.press("enter")  # now seen: this Enter saves
        await settle(pilot)
        assert on(app, "RedFlagAlert")
    assert rows(app, "SELECT kind FROM red_flag") == [("spreading",)]


@pytest.mark.parametrize("kind", ["speech", "drooping", "numbness"])
async def test_ticking_a_sign_shows_the_advice_the_command_line_gives_for_it(app, tmp_path, kind) -> None:
    expected = cli_advice(tmp_path, kind)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert str(app.screen.query_one("#advice").render()) == ""  # nothing ticked, nothing advised
        await pilot.press(*str(NUMBER[kind]), *(["space"] if NUMBER[kind] == 1 else []))
        await settle(pilot)
        assert on(app, "RedFlagChecklist")  # shown while ticking, before any save
        assert str(app.screen.query_one("#advice").render()) == expected
        await pilot.press("enter")
        await settle(pilot)
        assert on(app, "RedFlagAlert")
        assert expected in str(app.screen.query_one("#alert-advice").render())


async def test_an_emergency_sign_among_others_puts_the_emergency_line_first(app, tmp_path) -> None:
    urgent = cli_advice(tmp_path, "speech")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r", "9", "4")  # wasting, then difficulty speaking
        await settle(pilot)
        lines = str(app.screen.query_one("#advice").render()).splitlines()
    assert lines[0] == urgent and "book an appointment" in lines[1]


@pytest.mark.parametrize("kind", [str(kind) for kind in CHECKLIST_KINDS])
def test_the_advice_for_one_sign_is_the_command_lines(tmp_path, kind) -> None:
    from tracker.core.vocabulary import red_flag_advice

    assert red_flag_advice([kind]) == [cli_advice(tmp_path, kind)]


@pytest.mark.usefixtures("frozen")
def test_insights_grade_a_logged_sign_as_the_command_line_does(cli) -> None:
    import json

    from tracker.tui.screens.insights import red_flags_text

    logged = cli("log", "redflag", "speech")
    assert logged.code == 0
    advice = logged.out.strip().splitlines()[-1]
    result = json.loads(cli("analyze", "--json").out)
    assert advice in red_flags_text(result["red_flags"], result["as_of"])
