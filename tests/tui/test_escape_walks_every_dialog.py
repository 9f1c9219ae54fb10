"""Esc in every dialog: one Esc closes it; when it holds an entry typed but not saved, it asks
first, and Enter on that question closes it. The exceptions are the ones the app says on screen:
the twitch form's first Esc leaves a text box ("Esc leave a box, cancel"), and a date or a file
name typed is not asked about (nothing of the diary is lost)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from textual.widgets import Input

from tests.helpers.tui import caffeine, on
from tests.tui.conftest import TODAY, screen_text, settle
from tracker.storage.engine import open_database
from tracker.tui.app import make_app
from tracker.tui.screens.dialog import Dialog

# Each dialog, by the keys that open it from Today (a caffeine entry logged, so a row to delete).
OPENERS = {
    "twitch": ("t",),
    "caffeine": ("c",),
    "water": ("w",),
    "sleep": ("s",),
    "stress": ("x",),
    "magnesium": ("g",),
    "any factor": ("f",),
    "day note": ("N",),
    "onset": ("O",),
    "red flags": ("r",),
    "red flag alert": ("r", "2", "enter"),
    "no twitches": ("n",),
    "delete": ("delete",),
    "go to date": ("j",),
    "help": ("question_mark",),
    "save chart": ("T", "s"),
    "visit packet": ("T", "v"),
    "new factor": ("F", "a"),
    "edit factor": ("F", "e"),
    "new preset": ("F", "p"),
    "new medication": ("M", "a"),
}
# Where Esc first leaves the box typed in (the form's hint says so): one Esc more closes.
LEAVES_A_BOX_FIRST = {"twitch"}


async def opened(app, pilot, keys) -> int:  # type: ignore[no-untyped-def]
    """Open the dialog `keys` open; the number of screens under it."""
    await settle(pilot)
    await pilot.press(*keys)
    await settle(pilot)
    assert isinstance(app.screen, Dialog), screen_text(app)
    return len(app.screen_stack) - 1


@pytest.mark.parametrize("name", list(OPENERS))
async def test_one_escape_closes_a_dialog_with_nothing_typed(app, seed, name) -> None:
    seed(lambda s: caffeine(s, 95, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        under = await opened(app, pilot, OPENERS[name])
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.screen_stack) == under, screen_text(app)


@pytest.mark.parametrize("name", [name for name in OPENERS if name not in ("twitch",)])
async def test_escape_on_text_typed_asks_and_enter_then_closes(app, seed, name) -> None:
    seed(lambda s: caffeine(s, 95, TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        under = await opened(app, pilot, OPENERS[name])
        dialog = app.screen
        boxes = [box for box in dialog.query(Input) if box.display]
        if not boxes:
            pytest.skip("nothing to type into")
        dialog.set_focus(boxes[0])
        await pilot.press("1")
        await settle(pilot)
        typed = boxes[0].value
        await pilot.press("escape")
        await settle(pilot)
        if dialog.ASK_BEFORE_DISCARD:
            assert on(app, "DiscardTyped"), (name, typed)
            await pilot.press("escape")  # back to what was typed
            await settle(pilot)
            assert app.screen is dialog and boxes[0].value == typed
            await pilot.press("escape", "enter")
            await settle(pilot)
        assert len(app.screen_stack) == under, screen_text(app)


async def test_the_twitch_form_says_its_first_escape_leaves_a_box(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(app, pilot, ("t",))
        assert "Esc leave a box, cancel" in screen_text(app)
        await pilot.press("n", *"lip", "escape")
        await settle(pilot)
        assert on(app, "EpisodeForm")  # the box left, the form open
        await pilot.press("escape")
        await settle(pilot)
        assert on(app, "DiscardTyped")


async def test_a_dialog_reopened_after_a_failed_save_asks_before_esc_loses_it(
    migrated_db, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr("tracker.storage.engine.BUSY_TIMEOUT_S", 1)  # give up after 1 s, not 10, in this test
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    app = make_app(engine=open_database(path), db_path=path)
    other = sqlite3.connect(path, isolation_level=None)  # another program holding the write lock
    other.execute("BEGIN IMMEDIATE")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for keys in (("c", *"150", "enter"), ("t", "4", "n", *"locked", "enter")):
            await pilot.press(*keys)
            await settle(pilot)
            reopened = app.screen
            assert isinstance(reopened, Dialog) and reopened.problem  # kept, with why
            await pilot.press("escape")
            await settle(pilot)
            assert on(app, "DiscardTyped"), screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is reopened
            await pilot.press("escape", "enter")
            await settle(pilot)
            assert on(app, "TodayScreen")
    other.execute("ROLLBACK")
    other.close()


def said(widget) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(widget.render()).split())


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
@pytest.mark.parametrize("name", list(OPENERS))
async def test_every_dialog_opens_with_its_title_and_how_to_save_or_close_in_view(app, seed, name, size) -> None:
    seed(lambda s: caffeine(s, 95, TODAY))
    async with app.run_test(size=size) as pilot:
        await opened(app, pilot, OPENERS[name])
        shown = " ".join(screen_text(app).split())
        titles = [said(w) for w in app.screen.query(".form-title, #alert-title")]
        assert titles and all(title[:25] in shown for title in titles), (titles, shown)
        hints = [said(w) for w in app.screen.query(".form-title, .form-hint")]
        keys = [hint for hint in hints if "Enter" in hint or "Esc" in hint]
        assert any(hint[:30] in shown for hint in keys), (keys, shown)
