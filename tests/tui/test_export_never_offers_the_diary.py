"""An export typed onto the diary's own file (or another database) is refused at once by the
command line's rule, naming the path box: never "Enter again replaces it"."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.helpers.tui import field_error, on
from tests.tui.conftest import SIZE, settle


async def test_exporting_a_csv_onto_the_diary_is_refused_not_offered(app, engine) -> None:
    diary = Path(engine.url.database)
    before = diary.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_export("daily")
        await settle(pilot)
        app.screen.query_one("#path", Input).value = str(diary)
        await pilot.press("enter")
        await settle(pilot)
        said = field_error(app, "path")
        assert on(app, "ExportForm")
        assert "SQLite database" in said and "an export never replaces a database" in said
        assert said.startswith("path: ") and "Enter again" not in said and "-o:" not in said
        await pilot.press("enter")  # pressed again: still refused, nothing written
        await settle(pilot)
        assert on(app, "ExportForm")
    assert diary.read_bytes()[:16] == before[:16] == b"SQLite format 3\x00"
