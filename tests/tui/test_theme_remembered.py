"""The light theme, once chosen, is the theme of the next run; a broken settings file is
ignored with one notice, never a crash."""

from __future__ import annotations

import stat

from tests.tui.conftest import settle
from tracker.paths import settings_path
from tracker.tui.app import make_app


async def choose_light(app) -> None:  # type: ignore[no-untyped-def]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Dark or light", "enter")  # as a person does: the palette
        await settle(pilot)
        assert app.theme == "textual-light"


async def test_the_light_theme_is_remembered_for_the_next_run(app, engine, tmp_path) -> None:
    await choose_light(app)
    assert stat.S_IMODE(settings_path().stat().st_mode) == 0o600  # private, like the diary
    again = make_app(engine=engine, db_path=tmp_path / "tracker.db")
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "textual-light" and not again._notifications


async def test_a_broken_settings_file_is_ignored_with_one_notice(engine, tmp_path) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('{"theme": "textual-li')  # cut off mid-write by an older program
    app = make_app(engine=engine, db_path=tmp_path / "tracker.db")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        notices = [n.message for n in app._notifications]
        assert len(notices) == 1 and "settings" in notices[0].lower()
    await choose_light(make_app(engine=engine, db_path=tmp_path / "tracker.db"))  # rewritten whole on change
    assert '"textual-light"' in settings_path().read_text()
