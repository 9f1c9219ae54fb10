"""Started from the command line (the database stack still loading), the first frame the app
draws already holds today's rows: they used to come a whole frame later, from a worker started
only once that frame was drawn."""

from __future__ import annotations

import shutil
import threading

from sqlalchemy import Engine

from tests.tui.conftest import NOW, SIZE, settle
from tracker.core.vocabulary import FactorKind
from tracker.storage import store
from tracker.storage.engine import open_database, session_scope
from tracker.storage.models import EpisodeCreate, FactorCreate, FactorEntryCreate, Location, Side
from tracker.tui.app import make_app
from tracker.tui.screens.today import TodayScreen
from tracker.tui.widgets.day_table import DayTable


async def test_the_first_frame_shows_todays_twitch(migrated_db, tmp_path) -> None:
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    engine = open_database(path)
    with session_scope(engine) as session:
        twitch = EpisodeCreate(started_at=NOW, location=Location.EYELID, side=Side.RIGHT, intensity=3, note="at desk")
        store.add_episode(session=session, episode_in=twitch)
    engine.dispose()
    may_open = threading.Event()

    def open_engine() -> Engine:
        may_open.wait(10)  # the database stack still loading, as from the command line
        return open_database(path)

    app = make_app(db_path=path, open_engine=open_engine)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, TodayScreen) and not app.diary.is_open
        table = screen.query_one(DayTable)
        assert table.row_count == 1 and table.get_row_at(0)[6] == "at desk"  # no frame without it
        may_open.set()
        await settle(pilot)
    app.diary.engine.dispose()


async def test_the_first_frame_reads_a_yes_no_answer_as_the_next_frame_does(migrated_db, tmp_path) -> None:
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    engine = open_database(path)
    with session_scope(engine) as session:
        store.add_factor(session=session, factor_in=FactorCreate(name="late_screens", kind=FactorKind.YES_NO))
        entry = FactorEntryCreate(factor="late_screens", value=1, at=NOW)
        store.add_factor_entry(session=session, entry_in=entry)
    engine.dispose()
    may_open = threading.Event()

    def open_engine() -> Engine:
        may_open.wait(10)
        return open_database(path)

    app = make_app(db_path=path, open_engine=open_engine)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DayTable)
        first = [str(cell) for cell in table.get_row_at(0)]
        may_open.set()
        await settle(pilot)
        loaded = [str(cell) for cell in app.screen.query_one(DayTable).get_row_at(0)]
    app.diary.engine.dispose()
    assert first == loaded
    assert "yes" in " ".join(first) and " 1" not in " ".join(first)
