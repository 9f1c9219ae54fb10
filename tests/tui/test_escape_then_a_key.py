"""Esc and a key typed right behind it reach the app as one read ("Alt and the key"): both act,
in the order typed, whether the Esc leaves a box, closes a dialog or does nothing."""

from __future__ import annotations

from textual.drivers import linux_driver

from tests.helpers.tui import episodes, on
from tests.tui.conftest import SIZE, screen_text, settle


def escape_and(app, character: str) -> None:  # type: ignore[no-untyped-def]
    """Esc and `character` typed at once: one read from the terminal, parsed by the parser the
    app's terminal driver uses."""
    parser = linux_driver.XTermParser()
    for event in [*parser.feed("\x1b" + character), *parser.feed("")]:
        app.post_message(event)


async def test_a_strength_typed_right_after_leaving_the_note_is_kept(app, engine) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "n", *"after coffee")
        await settle(pilot)
        escape_and(app, "4")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    [saved] = episodes(engine)
    assert saved.note == "after coffee" and saved.intensity == 4


async def test_a_key_typed_right_after_closing_a_dialog_reaches_the_screen_under_it(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert on(app, "PresetPicker")
        escape_and(app, "x")  # Esc closes the picker, x opens stress
        await settle(pilot)
        assert on(app, "StressPicker"), screen_text(app)


async def test_a_capital_behind_an_escape_is_that_capital(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        escape_and(app, "N")  # Esc closes stress, N opens the day's note
        await settle(pilot)
        assert on(app, "NoteForm"), screen_text(app)
