"""Every action is in the command palette, and files go to the exports folder (or where you
say), with the path shown."""

from __future__ import annotations

import os

import pytest
from textual.binding import Binding

from tests.helpers.tui import field_error, on, twitch
from tests.tui.conftest import SIZE, TODAY, settle
from tracker.paths import exports_dir


def titles(app) -> set[str]:  # type: ignore[no-untyped-def]
    return {command.title.lower() for command in app.get_system_commands(app.screen)}


async def test_the_palette_finds_visit_export_report_and_chart(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        found = titles(app)
    for word in ("visit", "export", "report", "chart", "note", "no twitches"):
        assert any(word in title for title in found), word


@pytest.mark.parametrize("key", ["h", "F", "T", "i"])
async def test_every_key_of_every_screen_is_in_the_palette(app, key) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        screen, found = app.screen, titles(app)
    for binding in screen.BINDINGS:
        if isinstance(binding, Binding) and binding.description and not binding.action.startswith("app."):
            assert any(binding.description.lower() in title for title in found), (type(screen).__name__, binding)


async def test_export_from_the_palette_goes_to_the_exports_folder_and_says_where(
    app, seed, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    seed(lambda s: twitch(s, 8))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        [export] = [c for c in app.get_system_commands(app.screen) if c.title == "Export CSV: episodes"]
        export.callback()
        await settle(pilot)
        assert on(app, "ExportForm")
        await pilot.press("enter")
        await settle(pilot)
        written = exports_dir() / f"episodes-{TODAY}.csv"
        assert any(str(written) in n.message for n in app._notifications)
    assert written.read_text().startswith("started_at,date,location")
    assert os.stat(written.parent).st_mode & 0o777 == 0o700
    assert not list(tmp_path.glob("*.csv"))


async def test_a_path_that_cannot_be_written_keeps_the_dialog_with_the_reason(app, tmp_path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_export("daily")
        await settle(pilot)
        await pilot.press("ctrl+a", "ctrl+k", *str(tmp_path / "no-such-folder" / "x.csv"), "enter")
        await settle(pilot)
        assert on(app, "ExportForm"), "kept open with the path typed"
        assert app.screen.query_one("#path").value.endswith("no-such-folder/x.csv")
        assert "does not exist" in field_error(app, "path")
