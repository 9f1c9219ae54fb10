"""Start-up: the first screen paints before the database stack is imported or the file opened."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import threading

from textual.widgets import Static

from tests.tui.conftest import SIZE, TODAY, settle
from tracker.db import open_database
from tracker.errors import DatabaseRefused
from tracker.models import Location, RedFlagKind, Side
from tracker.tui.app import make_app
from tracker.tui.screens.database_error import DatabaseErrorScreen
from tracker.tui.screens.episode_form import LOCATION_KEYS, SIDE_KEYS, EpisodeForm
from tracker.tui.screens.red_flags import QUESTIONS
from tracker.tui.screens.today import TodayScreen

DATABASE_STACK = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "tracker.models", "tracker.store", "tracker.db")
ANALYSIS = ("pandas", "matplotlib", "statsmodels", "scipy")


def test_the_app_is_built_without_the_database_stack(tmp_path):
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from tracker.tui.app import make_app
        make_app(db_path=Path({str(tmp_path / "tracker.db")!r}))
        print(",".join(m for m in {DATABASE_STACK + ANALYSIS!r} if m in sys.modules))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
    assert not (tmp_path / "tracker.db").exists()  # opened by the app's worker, not the factory


def test_the_key_maps_are_the_models_values():
    assert sorted(LOCATION_KEYS.values()) == sorted(Location)
    assert sorted(SIDE_KEYS.values()) == sorted(Side)
    assert {kind for kind, _ in QUESTIONS} == set(RedFlagKind) - {RedFlagKind.OTHER}


async def test_today_paints_before_the_database_opens_then_loads(migrated_db, tmp_path):
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    may_open = threading.Event()

    def open_engine():
        may_open.wait(10)
        return open_database(path)

    app = make_app(db_path=path, open_engine=open_engine, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TodayScreen) and not app.diary.is_open
        assert "loading" in str(screen.query_one("#unlogged", Static).render())
        await pilot.press("t", "h")  # keys that need the database wait for it
        assert app.screen is screen and app.current_mode == "today"
        may_open.set()
        await settle(pilot)
        assert app.diary.is_open and screen.view is not None
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, EpisodeForm)
    app.diary.engine.dispose()


async def test_a_refused_database_is_shown_then_quits(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a database\n")
    app = make_app(db_path=path, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DatabaseErrorScreen)
        assert "not a tracker database" in str(app.screen.query_one("#reason", Static).render())
        await pilot.press("space")
        await pilot.pause()
    assert isinstance(app.open_error, DatabaseRefused)
    assert app.return_code == 1
    assert path.read_text() == "not a database\n"  # left untouched


def test_the_command_reports_a_refused_database_in_one_line(tmp_path, monkeypatch, capsys):
    """`tracker` on a terminal: what the app could not open comes back as cli's one line."""
    from tracker import cli
    from tracker.commands import home

    path = tmp_path / "notes.db"
    path.write_text("not a database\n")

    class Quits:
        def __init__(self, **kwargs):
            self.open_error = DatabaseRefused(f"{kwargs['db_path']} is not a tracker database")
            self.return_code = 1

        def run(self) -> None:
            pass

    monkeypatch.setattr(home.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(home.sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("tracker.tui.app.make_app", lambda **kwargs: Quits(**kwargs))
    assert cli.main(["--db", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"tracker: error: {path} is not a tracker database"]
