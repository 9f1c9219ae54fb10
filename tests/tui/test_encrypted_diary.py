"""The app on an encrypted diary: this machine's keyring opens it with nothing typed; a machine
without the key says, on screen, how to unlock it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tests.encryption.conftest import PASSPHRASE, another_machine, machine  # noqa: F401  (the keyring fixture)
from tests.tui.conftest import NOW, SIZE, settle
from tracker.storage import store
from tracker.storage.cipher import encrypt_in_place
from tracker.storage.engine import open_database, session_scope
from tracker.storage.keys import forget_all
from tracker.storage.models import EpisodeCreate, Location, Side
from tracker.tui.app import make_app
from tracker.tui.screens.database_error import DatabaseErrorScreen
from tracker.tui.screens.today import TodayScreen
from tracker.tui.widgets.day_table import DayTable


def encrypted_diary(path: Path) -> None:
    engine = open_database(path)
    with session_scope(engine) as session:
        episode_in = EpisodeCreate(started_at=NOW, location=Location.EYELID, side=Side.RIGHT, intensity=3, note="desk")
        store.add_episode(session=session, episode_in=episode_in)
    engine.dispose()
    encrypt_in_place(path, PASSPHRASE, check=lambda before, after: None)


async def test_an_encrypted_diary_opens_with_the_keyring_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tracker.db"
    encrypted_diary(path)
    forget_all()  # a new process: the key comes from the keyring, no passphrase given
    monkeypatch.delenv("TRACKER_PASSPHRASE")
    app = make_app(db_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen) and app.diary.is_open
        table = screen.query_one(DayTable)
        assert [table.get_row_at(0)[i] for i in (0, 1, 2, 6)] == ["09:30", "twitch", "eyelid", "desk"]
    app.diary.engine.dispose()


async def test_without_the_key_the_screen_says_how_to_unlock_it(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "tracker.db"
    encrypted_diary(path)
    another_machine()
    monkeypatch.delenv("TRACKER_PASSPHRASE")
    before = path.read_bytes()
    app = make_app(db_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DatabaseErrorScreen)
        reason = str(app.screen.query_one("#reason", Static).render())
        assert "this diary is encrypted: set TRACKER_PASSPHRASE or unlock it with `tracker db unlock`" in reason
        await pilot.press("space")
        await pilot.pause()
    assert path.read_bytes() == before
