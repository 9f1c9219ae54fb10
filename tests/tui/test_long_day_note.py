"""A long day note never takes the rows the day's entries need: at 80×24 it is cut to two
lines with a hint, and the whole note is one key away."""

from __future__ import annotations

from tests.helpers.long_values import LONG_NOTE as A_LONG_SENTENCE
from tests.helpers.long_values import seed_long_values
from tests.helpers.tui import twitch
from tests.tui.conftest import TODAY, screen_text, settle
from tracker.storage import store

LONG_NOTE = " ".join(["Slept at a friend's place, two coffees before noon and a long drive home."] * 8)


async def test_a_long_note_leaves_every_entry_on_screen_at_80x24(app, seed) -> None:
    for hour in range(1, 9):
        seed(lambda s, hour=hour: twitch(s, hour))
    seed(lambda s: store.set_day_note(session=s, day=TODAY, note=LONG_NOTE, today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        for hour in range(1, 9):
            assert f"{hour:02d}:00" in shown, f"the {hour:02d}:00 twitch is hidden:\n{shown}"
        assert "N shows the whole note" in shown
        await pilot.press("N")
        await settle(pilot)
        assert app.screen.query_one("#note").value == LONG_NOTE  # nothing of it was lost


async def test_a_short_note_is_shown_whole(app, seed) -> None:
    seed(lambda s: twitch(s, 7))
    seed(lambda s: store.set_day_note(session=s, day=TODAY, note="after coffee", today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "note: after coffee" in screen_text(app) and "whole note" not in screen_text(app)


async def test_beside_long_totals_the_note_takes_a_line_of_its_own_at_80x24(app, seed) -> None:
    seed_long_values(seed)  # six totals, one of a factor with a long name, and a long note
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = [line.strip() for line in screen_text(app).splitlines()]
        note = next(line for line in lines if "note:" in line)
        assert note.startswith("note: after the long meeting at the office"), screen_text(app)  # not crushed
        said = note.removeprefix("note: ").removesuffix(" … (N shows the whole note)")
        whole = f"{A_LONG_SENTENCE}. {A_LONG_SENTENCE}"
        assert note.endswith("… (N shows the whole note)") and whole.startswith(said)
        assert whole[len(said)] == " "  # cut between words, never inside one
        assert "1 twitch  ·  caffeine 95 mg" in screen_text(app)  # the totals above it, whole
        await pilot.press("N")
        await settle(pilot)
        assert app.screen.query_one("#note").value == f"{A_LONG_SENTENCE}. {A_LONG_SENTENCE}"


async def test_beside_short_totals_a_long_note_ends_at_a_whole_word(app, seed) -> None:
    seed(lambda s: twitch(s, 7))
    seed(lambda s: store.set_day_note(session=s, day=TODAY, note=A_LONG_SENTENCE * 3, today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = " ".join(line.strip() for line in screen_text(app).splitlines())
        beside = shown.split("1 twitch  ·  note: ")[1].split(" … (N shows the whole note)")[0]
        whole = A_LONG_SENTENCE * 3
        assert whole.startswith(beside) and whole[len(beside)] == " ", shown  # cut between words
