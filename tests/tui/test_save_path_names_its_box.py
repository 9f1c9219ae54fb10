"""The chart's save dialog: a path into a folder that does not exist is refused under the path
box, in the box's own name (never the command line's -o), before the dialog closes; in the
box, the key that opened the dialog is a letter of the path and the hint no longer offers it."""

from __future__ import annotations

from textual.widgets import Input

from tests.helpers.tui import field_error, on
from tests.tui.conftest import SIZE, screen_text, settle


async def test_a_missing_folder_is_refused_in_the_path_boxs_words(app, tmp_path) -> None:
    missing = tmp_path / "nonexistent" / "chart.png"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert "s again write" in screen_text(app)
        await pilot.press("tab", "ctrl+u", *str(missing), "enter")
        await settle(pilot)
        assert on(app, "ExportForm")
        said = field_error(app, "path")
        assert said.startswith("path: ") and "-o:" not in said, said
        assert f"{missing.parent} does not exist" in said, said
        assert "s again" not in screen_text(app)  # in the box, s is text: the hint does not offer it
        await pilot.press("backspace", "s")
        await settle(pilot)
        assert app.screen.query_one("#path", Input).value == str(missing)[:-1] + "s"
    assert not missing.parent.exists()
