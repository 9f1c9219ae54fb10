"""Start-up: the first screen paints before the database stack is imported or the file opened."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from sqlalchemy import Engine
from textual.widgets import Static

from tests.helpers.tui import burst
from tests.tui.conftest import NOW, SIZE, pause_until, settle
from tracker.errors import DatabaseRefused
from tracker.storage import store
from tracker.storage.engine import open_database, session_scope
from tracker.storage.file_checks import SCHEMA_HEAD
from tracker.storage.models import EpisodeCreate, Location, RedFlagKind, Side
from tracker.tui.app import TrackerApp, make_app
from tracker.tui.screens.database_error import DatabaseErrorScreen
from tracker.tui.screens.episode_form import LOCATION_KEYS, SIDE_KEYS, EpisodeForm
from tracker.tui.screens.red_flags import QUESTIONS
from tracker.tui.screens.today import TodayScreen
from tracker.tui.widgets.day_table import DayTable
from tracker.tui.widgets.keys_footer import FooterKey

DATABASE_STACK = (
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "alembic",
    "tracker.storage.models",
    "tracker.storage.store",
    "tracker.storage.engine",
)
ANALYSIS = ("pandas", "matplotlib", "statsmodels", "scipy")


def test_the_app_is_built_without_the_database_stack(tmp_path):
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from tracker.tui.app import TrackerApp, make_app
        make_app(db_path=Path({str(tmp_path / "tracker.db")!r}))
        print(",".join(m for m in {DATABASE_STACK + ANALYSIS!r} if m in sys.modules))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
    assert not (tmp_path / "tracker.db").exists()  # opened by the app's worker, not the factory


def test_the_key_maps_are_the_models_values():
    # Every place and side has a key, but "unspecified": it is what a twitch is when none was chosen.
    assert sorted(LOCATION_KEYS.values()) == sorted(set(Location) - {Location.UNSPECIFIED})
    assert sorted(SIDE_KEYS.values()) == sorted(set(Side) - {Side.UNSPECIFIED})
    assert {kind for kind, _ in QUESTIONS} == set(RedFlagKind) - {RedFlagKind.OTHER}


def app_opening_later(path: Path) -> tuple[TrackerApp, threading.Event]:
    """The app as the command line builds it, its database opening held until the event is set."""
    may_open = threading.Event()

    def open_engine() -> Engine:
        may_open.wait(10)
        return open_database(path)

    return make_app(db_path=path, open_engine=open_engine), may_open


async def test_today_shows_its_twitches_before_the_database_opens_then_loads(migrated_db, tmp_path):
    """The first look (sqlite3 alone) draws today's rows; the keys wait for the full read."""
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    engine = open_database(path)
    with session_scope(engine) as session:
        episode_in = EpisodeCreate(
            started_at=NOW, location=Location.EYELID, side=Side.RIGHT, intensity=3, note="at desk"
        )
        store.add_episode(session=session, episode_in=episode_in)
    engine.dispose()
    app, may_open = app_opening_later(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        table = screen.query_one(DayTable)
        await pause_until(pilot, lambda: table.row_count > 0)
        assert isinstance(screen, TodayScreen) and not app.diary.is_open
        assert [table.get_row_at(0)[i] for i in (0, 1, 2, 6)] == ["09:30", "twitch", "eyelid", "at desk"]
        assert "1 twitch" in str(screen.query_one("#totals", Static).render())
        assert "spell day 1" in str(screen.query_one("#status", Static).render())
        await pause_until(pilot, lambda: "Twitch" in footer_keys(screen))
        keys = footer_keys(screen)
        assert keys["Twitch"] and keys["History"]  # these wait for the database when pressed
        assert not keys["Day back"] and not keys["Undo"]  # shown, dimmed until it is open
        may_open.set()
        await settle(pilot)
        assert app.diary.is_open and screen.view is not None
        assert footer_keys(screen)["Day back"] is True
        assert table.row_count == 1 and table.get_row_at(0)[6] == "at desk"
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, EpisodeForm)
    app.diary.engine.dispose()


async def test_t_enter_typed_while_the_database_opens_saves_the_twitch(migrated_db, tmp_path):
    """Typed the moment the screen appears: `t` waits for the database, Enter waits for the form."""
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    app, may_open = app_opening_later(path)
    async with app.run_test(size=SIZE) as pilot:
        await pause_until(pilot, lambda: "Twitch" in footer_keys(app.screen))
        burst(app, "t", "e", "4", ("enter", "\r"))
        await asyncio.sleep(0.2)  # not pilot.pause: that waits for the app, which is waiting
        assert not app.diary.is_open  # the keys are waiting, not lost
        threading.Timer(0.1, may_open.set).start()
        await settle(pilot)
        saved = sqlite3.connect(path).execute("SELECT location, intensity, started_at FROM episode").fetchall()
        assert saved == [("eyelid", 4, "2026-03-10 09:30:00.000000")]
    app.diary.engine.dispose()


async def test_h_pressed_while_the_database_opens_opens_history(migrated_db, tmp_path):
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    app, may_open = app_opening_later(path)
    async with app.run_test(size=SIZE) as pilot:
        await pause_until(pilot, lambda: "History" in footer_keys(app.screen))
        burst(app, "h")
        await asyncio.sleep(0.2)
        assert app.current_mode == "today" and not app.diary.is_open
        may_open.set()
        await settle(pilot)
        assert app.current_mode == "history"
    app.diary.engine.dispose()


def footer_keys(screen: TodayScreen) -> dict[str, bool]:
    """The footer's keys by label: True when the key works now."""
    return {key.description: not key.has_class("-disabled") for key in screen.query(FooterKey)}


async def test_a_database_to_upgrade_shows_loading_until_it_is_open(migrated_db, tmp_path):
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    with sqlite3.connect(path) as conn:  # as if written by an older version: the glance stands aside
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    conn.close()
    may_open = threading.Event()

    def open_engine():
        may_open.wait(10)
        with sqlite3.connect(path) as conn:
            conn.execute(f"UPDATE alembic_version SET version_num = '{SCHEMA_HEAD}'")
        conn.close()
        return open_database(path)

    app = make_app(db_path=path, open_engine=open_engine)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, TodayScreen) and not app.diary.is_open
        assert "loading" in str(screen.query_one("#unlogged", Static).render())
        may_open.set()
        await settle(pilot)
        assert "Not logged yet: twitches" in str(screen.query_one("#unlogged", Static).render())
    app.diary.engine.dispose()


async def test_a_refused_database_is_shown_then_quits(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not a database\n")
    app = make_app(db_path=path)
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

        def write_waiting(self) -> None:  # the app's notice that a write waits for another
            pass

    monkeypatch.setattr(home.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(home.sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("tracker.tui.app.make_app", lambda **kwargs: Quits(**kwargs))
    assert cli.main(["--db", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"tracker: error: {path} is not a tracker database"]


async def test_a_database_that_fails_to_open_is_shown_in_the_command_lines_words(tmp_path):
    """The screen says what the command prints after the app quits (one wording for both), not
    SQLite's own text: a database another program keeps locked is "busy"."""

    def open_engine():  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("database is locked")

    app = make_app(db_path=tmp_path / "tracker.db", open_engine=open_engine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DatabaseErrorScreen)
        reason = str(app.screen.query_one("#reason", Static).render())
        await pilot.press("space")
        await pilot.pause()
    assert reason == "the database is busy: another program kept it locked; nothing was changed"
