"""The first frame does only what it draws: no parser, report wording or restyling it does not show."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

from textual.dom import DOMNode
from textual.screen import Screen

from tests.tui.conftest import NOW, SIZE, pause_until
from tests.tui.test_startup import app_opening_later
from tracker.storage import store
from tracker.storage.engine import open_database, session_scope
from tracker.storage.models import EpisodeCreate, Location, Side
from tracker.tui.messages import DayGlanced
from tracker.tui.screens.today import TodayScreen
from tracker.tui.widgets.day_table import DayTable
from tracker.tui.widgets.keys_footer import FooterKey

# Loaded later (typing a time, a report, Insights): the Today screen's first frame draws none of them.
NOT_FOR_THE_FIRST_FRAME = ("tracker.core.when", "tracker.report.wording", "tracker.analysis.findings")


def test_todays_rows_are_drawn_before_the_parsers_and_the_report_wording_load(migrated_db, tmp_path):
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    engine = open_database(path)
    with session_scope(engine) as session:
        episode_in = EpisodeCreate(started_at=NOW, location=Location.EYELID, side=Side.RIGHT, intensity=3)
        store.add_episode(session=session, episode_in=episode_in)
    engine.dispose()
    # In a process of its own: this one has loaded everything already. The modules are read as
    # the first look at the day (today's rows, the persistence line) reaches the screen, before
    # the database stack starts loading in its worker.
    code = textwrap.dedent(f"""
        import asyncio, sys
        from pathlib import Path
        from tracker.tui.app import TrackerApp, make_app

        loaded = []
        shown = TrackerApp.on_day_glanced

        def on_day_glanced(self, message):
            loaded.extend(m for m in {NOT_FOR_THE_FIRST_FRAME!r} if m in sys.modules)
            loaded.append("glanced" if message.shown is not None else "not glanced")
            shown(self, message)
            self.exit()

        TrackerApp.on_day_glanced = on_day_glanced

        async def main():
            app = make_app(db_path=Path({str(path)!r}))
            async with app.run_test(size={SIZE!r}):
                await asyncio.sleep(10)  # the exit above ends it first

        asyncio.run(main())
        print(",".join(loaded))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "glanced"


async def test_the_footers_keys_are_not_restyled_as_they_mount(migrated_db, tmp_path, monkeypatch):
    """Each restyle of a key costs a few milliseconds: a dozen keys restyled twice each were a
    third of the style work before the first frame."""
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    app, may_open = app_opening_later(path)
    restyled: list[DOMNode] = []
    restyle = app.update_styles

    def counting(node: DOMNode, animate: bool = True) -> None:
        restyled.append(node)
        restyle(node, animate=animate)

    monkeypatch.setattr(app, "update_styles", counting)
    async with app.run_test(size=SIZE) as pilot:
        await pause_until(pilot, lambda: len(app.screen.query(FooterKey)) > 5)
        keys = list(app.screen.query(FooterKey))
        assert app.screen.query_one(DayTable) is not None
        bound = [key for key in keys if not key.has_class("-command-palette")]  # the palette's is Textual's own
        assert [key for key in restyled if key in bound] == []
        assert bound and not any(key.has_class("-compact") for key in bound)  # as Footer draws them
        may_open.set()
        await pause_until(pilot, lambda: app.diary_watch is not None)  # open, so closing it below is real
    app.diary.engine.dispose()


async def test_the_first_frame_drawn_holds_todays_rows_and_the_footers_keys_come_after_it(migrated_db, tmp_path):
    """Mounting, styling and drawing a dozen footer keys was a third of what the first frame cost
    beyond a bare Textual app's; the keys work from the first frame, drawn or not, and are drawn next."""
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    engine = open_database(path)
    with session_scope(engine) as session:
        episode_in = EpisodeCreate(started_at=NOW, location=Location.EYELID, side=Side.RIGHT, intensity=3)
        store.add_episode(session=session, episode_in=episode_in)
    engine.dispose()
    app, may_open = app_opening_later(path)
    frames: list[tuple[int, int]] = []  # (today's rows, footer keys) in each frame drawn
    display = app._display  # where a frame goes to the terminal (a headless run draws it nowhere)

    def drawing(screen: Screen[object], update: object) -> None:
        if update is not None and not app._batch_count and isinstance(screen, TodayScreen):
            frames.append((screen.query_one(DayTable).row_count, len(screen.query(FooterKey))))
        display(screen, update)  # type: ignore[arg-type]

    app._display = drawing  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pause_until(pilot, lambda: len(app.screen.query(FooterKey)) > 5)  # then the keys come
        assert frames[0] == (1, 0)
        may_open.set()
        await pause_until(pilot, lambda: app.diary_watch is not None)
    app.diary.engine.dispose()


def test_messages_are_told_apart_by_identity_as_events():
    """A message is one event: two days glanced alike are two messages (and Textual may keep
    them in a set). Each class generating its own __eq__ and __repr__ cost ~11 ms of CPU before
    the first frame."""
    first, second = DayGlanced(NOW.date(), None), DayGlanced(NOW.date(), None)
    assert first != second and len({first, second}) == 2


async def test_the_today_screen_is_styled_once_before_its_first_frame(migrated_db, tmp_path, monkeypatch):
    """Restyling the screen restyles every widget on it. Textual does it once as the screen is
    shown; the size classes only dialogs read (-short, -tall) did it again as it first sized itself."""
    path = tmp_path / "tracker.db"
    shutil.copy(migrated_db, path)
    app, may_open = app_opening_later(path)
    restyled: list[DOMNode] = []
    restyle = app.update_styles
    drawn: list[bool] = []
    display = app._display

    def counting(node: DOMNode, animate: bool = True) -> None:
        if not drawn:
            restyled.append(node)
        restyle(node, animate=animate)

    def drawing(screen: Screen[object], update: object) -> None:
        if update is not None and not app._batch_count:
            drawn.append(True)
        display(screen, update)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "update_styles", counting)
    app._display = drawing  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pause_until(pilot, lambda: bool(drawn))
        assert len([node for node in restyled if isinstance(node, TodayScreen)]) == 1
        may_open.set()
        await pause_until(pilot, lambda: app.diary_watch is not None)
    app.diary.engine.dispose()
