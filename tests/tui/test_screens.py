"""History, Factors, help, the command palette and the start-up imports."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

from sqlmodel import select
from textual.widgets import DataTable

from tests.helpers.tui import caffeine, twitch
from tests.tui.conftest import SIZE, TODAY, settle
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import Episode, Preset
from tracker.tui.app import TODAY_COMMANDS
from tracker.tui.screens.help import HelpScreen
from tracker.tui.screens.history import HistoryScreen
from tracker.tui.screens.today import TodayScreen


async def test_history_shows_an_untracked_day_as_unknown(app, seed):
    three_days_ago = TODAY - dt.timedelta(days=3)
    seed(lambda s: twitch(s, 8, day=three_days_ago, intensity=4))
    seed(lambda s: caffeine(s, 190, TODAY - dt.timedelta(days=1)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(DataTable)
        rows = {key.value: table.get_row(key) for key in table.rows}
        assert next(iter(rows)) == TODAY.isoformat()  # newest first
        untracked = rows[(TODAY - dt.timedelta(days=2)).isoformat()]
        assert untracked[1] == "no" and set(untracked[2:]) == {"—"}
        assert rows[three_days_ago.isoformat()][1:4] == ["yes", "1", "4"]
        assert rows[(TODAY - dt.timedelta(days=1)).isoformat()][4] == "190"  # caffeine
        # Enter opens the day moved to, on Today
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen) and app.screen.day == three_days_ago


async def test_history_reloads_after_a_new_entry(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert app.screen.query_one(DataTable).get_row(TODAY.isoformat())[1] == "no"
        await pilot.press("escape", "t", "enter", "h")
        await settle(pilot)
        assert app.screen.query_one(DataTable).get_row(TODAY.isoformat())[1:3] == ["yes", "1"]


async def test_factors_screen_sets_a_preset(app, engine):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        await pilot.press("p", *"flat-white", "tab", "tab", *"130", "enter")
        await settle(pilot)
    with session_scope(engine, write=False) as session:
        preset = session.exec(select(Preset).where(Preset.name == "flat-white")).one()
    assert preset.amount == 130


async def test_help_and_palette_list_every_action(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        titles = {command.title for command in app.get_system_commands(app.screen)}
    screens = {"open_mode('history')": "History", "open_mode('factors')": "Factors", "open_insights": "Insights",
               "open_trends": "Trends"}  # fmt: skip
    today_actions = {b.action for b in TodayScreen.BINDINGS if not b.action.startswith("app.")}
    assert today_actions - screens.keys() <= {action for _, _, action in TODAY_COMMANDS}
    assert {title for title, _, _ in TODAY_COMMANDS} | {*screens.values(), "Help", "Quit"} <= titles


def test_the_palette_runs_a_today_action(app, engine):
    import asyncio

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("h")
            await settle(pilot)
            app._on_today("log_twitch")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)

    asyncio.run(run())
    with session_scope(engine, write=False) as session:
        assert session.exec(select(Episode)).all()  # an episode exists now
        assert store.undo_last(session=session) is not None


def test_start_up_imports_no_heavy_libraries(migrated_db):
    # The database already exists at head, so opening it must not need Alembic either.
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from tracker.storage.engine import open_database
        from tracker.tui.app import make_app
        make_app(engine=open_database(Path({str(migrated_db)!r})), db_path=Path("x"))
        heavy = sorted(m for m in ("pandas", "matplotlib", "statsmodels", "alembic", "scipy") if m in sys.modules)
        print(",".join(heavy))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_without_a_terminal_tracker_prints_the_summary(migrated_db, capsys):
    from tracker.cli import main

    assert main(["--db", str(migrated_db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Today, ") and "usage: tracker" in out
