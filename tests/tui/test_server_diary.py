"""The app on a diary kept on a PostgreSQL server: no file to glance at, the real read instead."""

from __future__ import annotations

from functools import partial

import pytest
from sqlalchemy import text
from textual.widgets import Static

from tests.helpers import postgres as pg
from tests.helpers.tui import on
from tests.tui.conftest import NOW, SIZE, settle
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import EpisodeCreate, Location, Side
from tracker.storage.postgres import ServerAway, open_server
from tracker.tui.app import make_app
from tracker.tui.screens.database_error import DatabaseErrorScreen
from tracker.tui.screens.today import TodayScreen
from tracker.tui.widgets.day_table import DayTable


async def test_today_on_a_server_diary_shows_its_twitches(pg_cluster: pg.Cluster) -> None:
    url = pg_cluster.new_database(template="diary_head")
    engine = open_server(url)
    with session_scope(engine) as session:
        episode_in = EpisodeCreate(started_at=NOW, location=Location.EYELID, side=Side.RIGHT, intensity=3, note="desk")
        store.add_episode(session=session, episode_in=episode_in)
    engine.dispose()
    app = make_app(db_path=None, open_engine=partial(open_server, url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen) and app.diary.is_open
        table = screen.query_one(DayTable)
        assert [table.get_row_at(0)[i] for i in (0, 1, 2, 6)] == ["09:30", "twitch", "eyelid", "desk"]
        assert "1 twitch" in str(screen.query_one("#totals", Static).render())
    app.diary.engine.dispose()


async def test_a_server_that_is_away_is_said_on_screen_without_the_password() -> None:
    away = "postgresql://me:s3cret-pw@127.0.0.1:1/tracker"  # a port nothing listens on: refused at once
    app = make_app(db_path=None, open_engine=partial(open_server, away))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DatabaseErrorScreen)
        reason = str(app.screen.query_one("#reason", Static).render())
        assert "cannot reach the database postgresql://me:***@127.0.0.1:1/tracker" in reason
        assert "s3cret" not in reason
        await pilot.press("space")
        await pilot.pause()
    assert isinstance(app.open_error, ServerAway)


async def test_a_server_that_goes_away_keeps_the_twitch_in_its_form_and_says_so() -> None:
    reason = pg.missing()
    if reason is not None:
        pytest.skip(reason)
    cluster = pg.start()  # a server of its own: this test stops it
    try:
        cluster.admin('CREATE DATABASE "diary"')
        url = cluster.url("diary")
        app = make_app(db_path=None, open_engine=partial(open_server, url))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, TodayScreen)
            pg.stop_server(cluster)  # the server goes away while the app is open

            await pilot.press("t", "4", "n", *"server gone", "enter")
            await settle(pilot)

            assert not app._exit, "the app stayed up"
            assert on(app, "EpisodeForm"), "the form is open again, with what was typed"
            assert app.screen.query_one("#note").value == "server gone"
            shown = str(app.screen.query_one("#problem").render())
            assert "lost the database server" in shown and "nothing was changed" in shown
            pg.start_server(cluster)  # back again: Enter saves what was kept
            await pilot.press("enter")
            await settle(pilot)
            assert on(app, "TodayScreen")
        app.diary.engine.dispose()
        engine = open_server(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT intensity, note FROM episode")).all() == [(4, "server gone")]
        engine.dispose()
    finally:
        pg.stop(cluster)
