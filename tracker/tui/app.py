"""The tracker app and the one factory that builds it, for `tracker` and for the tests.

Three modes (Today, History, Factors), each a screen of its own; the database comes in as a
Diary, so tests hand in a temporary file and a fixed day. From the command line the Diary
arrives closed: today is read with sqlite3 alone (DayGlanced) as the app mounts, so the
first frame shows its rows; then a worker imports the database stack and
opens the file (DiaryOpened, or DiaryFailed shown on screen), and the day loads in full.
Nothing here imports sqlalchemy, sqlmodel or tracker.storage.models at start-up. The command
palette's commands are tracker.tui.palette's; the files the app writes, tracker.tui.file_exports'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tracker.errors import failure_line
from tracker.tui.diary import Diary
from tracker.tui.file_exports import ask_and_write, written_words
from tracker.tui.key_order import ESCAPE_MARK, KeyOrder, read_escapes_as_typed
from tracker.tui.messages import DayGlanced, DiaryFailed, DiaryOpened, FilesWritten, WriteWaiting
from tracker.tui.palette import FILE_COMMANDS, TODAY_COMMANDS, app_commands
from tracker.tui.screens.today import TodayScreen
from tracker.tui.settings import load_settings, save_settings
from tracker.tui.writing import Writes

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from textual.notifications import Notify
    from textual.widget import AwaitMount

    from tracker.tui.diary_watch import DiaryWatch
    from tracker.tui.screens.history import HistoryScreen

# The palette's lists live in tracker.tui.palette; tests and callers still find them here.
__all__ = ["FILE_COMMANDS", "TODAY_COMMANDS", "TrackerApp", "make_app"]

THEMES = ("textual-dark", "textual-light")  # the two the app switches between


class TrackerApp(KeyOrder, Writes, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "tracker"
    DEFAULT_MODE = "today"  # the first frame is Today itself, not a blank screen switched away from
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(self, *, diary: Diary) -> None:
        self.diary = diary
        # Screens shorter than 30 rows (80x24) get "-short": a dialog with a long list then fits
        # its list to the rows left (app.tcss) rather than running past the bottom.
        self.VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
        self.open_error: Exception | None = None  # why the database could not be opened
        self.diary_watch: DiaryWatch | None = None  # set once the database is open
        super().__init__()
        self._key_order_init()
        read_escapes_as_typed()
        self.today_screen = TodayScreen(diary)
        self.history_screen: HistoryScreen | None = None  # built on first visit
        self.add_mode("today", lambda: self.today_screen)
        self.add_mode("history", self._make_history)
        self.add_mode("factors", self._make_factors)
        self._built_modes = {self.DEFAULT_MODE}
        self._switching_to_built_mode = False
        self._settings, self._settings_problem = load_settings()
        if self._settings.get("theme") in THEMES:
            self.theme = self._settings["theme"]  # before the first frame: no flash of the other theme
        elif "theme" in self._settings:
            self._settings_problem = f"Unknown theme {self._settings['theme']!r} in the settings; using the dark one."

    # Screens other than Today are imported on first visit: the first frame needs none of them.

    def _make_history(self) -> HistoryScreen:
        from tracker.tui.screens.history import HistoryScreen

        self.history_screen = HistoryScreen(self.diary)
        return self.history_screen

    def _make_factors(self) -> Screen[None]:
        from tracker.tui.screens.factors import FactorsScreen

        return FactorsScreen(self.diary)

    def switch_mode(self, mode: str) -> AwaitMount:
        self._switching_to_built_mode = mode in self._built_modes
        try:
            return super().switch_mode(mode)
        finally:
            self._switching_to_built_mode = False
            self._built_modes.add(mode)

    def delay_update(self, delay: float = 0.05) -> None:
        # Textual holds a mode switch back 50 ms so a screen composing for the first time
        # does not flash half-built. A mode visited before is built already: for it the wait
        # would only be latency, half of a switch's time.
        super().delay_update(0.001 if self._switching_to_built_mode else delay)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and event.key == "ctrl+j" and not event.is_forwarded:
            # Keys typed while the app starts reach it through the terminal's line mode, which
            # turns Enter into a newline: `t` Enter typed at once must still save the twitch.
            event = events.Key("enter", "\r")
        if isinstance(event, events.Key) and event.character == ESCAPE_MARK and not event.is_forwarded:
            event = events.Key("escape", "\x1b")  # typed right before another key (key_order)
            if not self.hold_key(event):
                await super().on_event(event)
                self.escape_sent()  # the keys typed behind it wait until it is handled
            return
        if isinstance(event, events.Key) and not event.is_forwarded and self.hold_key(event):
            return  # replayed in typed order once the closing dialog is gone (key_order)
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.typed_on_screen(event)
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        if self.typed_for_another_screen(event):  # the screen changed under it (key_order)
            event.stop()
            event.prevent_default()
            return
        if event.key == "escape":
            self.escape_handled()  # the key typed behind it waits for it (key_order)

    def on_mount(self) -> None:
        if self._settings_problem:
            self.notify(self._settings_problem, title="Settings", severity="warning", timeout=8, markup=False)
        if not self.diary.is_open:
            # Today's rows in the first frame: the first look is a few milliseconds of sqlite3,
            # where a worker started after the first frame put them a whole frame later. Drawn
            # here, not through a message: the first frame is drawn as soon as mounting ends.
            if self.diary.db_path is not None:
                self.on_day_glanced(self._glance_now())
            else:  # a server: psycopg's import and a connection would hold the first frame back
                self.call_after_refresh(self.run_worker, self._glance, thread=True, group="open")
        else:
            self._watch_diary()

    def _watch_diary(self) -> None:
        """From now on, notice entries written by another program (tracker.tui.diary_watch)."""
        from tracker.tui.diary_watch import WATCH_SECONDS, DiaryWatch

        if self.diary.db_path is None:
            return  # a server diary: what other machines write shows at the next refresh
        try:
            self.diary_watch = DiaryWatch(self.diary.db_path)
        except Exception:  # a convenience: without it the app works, only changes elsewhere wait for a key
            return
        self.set_interval(WATCH_SECONDS, self._check_diary, name="diary watch")

    def _check_diary(self) -> None:
        if self.diary_watch is None or not self.diary_watch.changed():
            return
        self.mark_history_stale()
        if self.today_screen.is_mounted:
            self.today_screen.load()  # the cursor stays on the entry it was on
        if self.history_screen is not None and self.screen is self.history_screen:
            self.history_screen.on_screen_resume()  # stale now: reads the days again

    def on_unmount(self) -> None:
        if self.diary_watch is not None:
            self.diary_watch.close()

    def _glance(self) -> None:
        """A server diary's first look, with its driver alone, in a thread soon after the first
        frame: connecting may take a while (DayGlanced)."""
        self.post_message(self._glance_now())

    def _glance_now(self) -> DayGlanced:
        """Today's rows read with sqlite3 alone (or a server's driver), for the first frame."""
        day = self.today_screen.day
        try:
            shown = self.diary.glance(day)
        except Exception:  # only a first look: the full open below says what is wrong, if anything
            shown = None
        return DayGlanced(day, shown)

    def on_day_glanced(self, message: DayGlanced) -> None:
        if message.shown is not None:
            self.today_screen.show_glance(message.day, message.shown)
        # After the glance is drawn: importing the database stack holds the GIL for ~0.3 s,
        # and sharing it would hold the drawing back as long.
        self.call_after_refresh(self.run_worker, self._open_diary, thread=True, group="open")

    def _open_diary(self) -> None:
        """In a thread: import the database stack and open (maybe migrate) the file."""
        try:
            self.diary.open()
        except Exception as exc:  # reported on screen, then in one line by the command
            self.post_message(DiaryFailed(exc))
        else:
            self.post_message(DiaryOpened())

    def on_diary_opened(self, _message: DiaryOpened) -> None:
        self._watch_diary()
        if self.today_screen.is_mounted:
            self.today_screen.diary_opened()  # else its on_mount loads the day

    def on_diary_failed(self, message: DiaryFailed) -> None:
        self.open_error = message.error
        from tracker.tui.screens.database_error import DatabaseErrorScreen

        reason, _code = failure_line(message.error)  # the line the command prints after the app quits
        self.push_screen(DatabaseErrorScreen(reason), lambda _: self.exit(return_code=1))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.diary.is_open or action in ("quit", "help", "toggle_dark", "command_palette"):
            return True
        if action == "switch_mode" and parameters == ("today",):
            return True
        return None  # every other screen reads the database: shown, but disabled until it is open

    def _refresh_notifications(self) -> None:
        # Notices go to the line of their own on each screen (NoticeLine), never to Textual's
        # toasts: those covered the rows at 80x24, and showed twice under a dialog.
        from tracker.tui.widgets.notice_line import NoticeLine, newest_notice

        newest = newest_notice(self._notifications)
        for screen in self.screen_stack:
            for line in screen.query(NoticeLine):
                line.show(newest)

    def _on_notify(self, event: Notify) -> None:
        # One notice at a time: a new one replaces the last, so "Press u to undo" does not
        # linger under "Undone", and notices never pile up over the list. (App._on_notify runs
        # next and adds the new one: Textual calls the handler of every class in the MRO.)
        self._notifications.clear()

    def write_waiting(self) -> None:
        """From any thread: a write has waited a second for another program's write to finish."""
        self.post_message(WriteWaiting())

    def on_write_waiting(self, _message: WriteWaiting) -> None:
        from tracker.storage.wait import WAITING, WRITE_WAIT_S

        self.notify(WAITING, title="Waiting", timeout=WRITE_WAIT_S, markup=False)

    def diary_written(self) -> None:
        """The app itself has just written: History is stale, and the watch for other
        programs' writes takes this one as seen, so it does not read the day again for it."""
        if self.diary_watch is not None:
            self.diary_watch.changed()  # the screen that wrote reads the day next, seeing all until now
        self.mark_history_stale()
        if self.screen is not self.today_screen and self.today_screen.is_mounted:
            # Written from History, Factors or a screen over Today (a day answered, a preset or
            # factor added, an undo from Medications): Today's keys and dialogs read what they
            # offer from its view, so it is read again now.
            self.today_screen.load()

    def mark_history_stale(self) -> None:
        if self.history_screen is not None:
            self.history_screen.stale = True

    def show_day(self, day: dt.date) -> None:
        """Open `day` on the Today screen (History's Enter)."""
        self.switch_mode("today")
        self.today_screen.show_day(day)

    async def action_quit(self) -> None:
        """Quit, but first ask when a dialog holds text the person typed: it would be lost."""
        from tracker.tui.screens.confirm import DiscardAndQuit
        from tracker.tui.screens.dialog import Dialog

        if isinstance(self.screen, DiscardAndQuit):
            self.exit()  # the question is open: ctrl+q again answers it
            return
        if any(isinstance(screen, Dialog) and screen.holds_typed_text() for screen in self.screen_stack):
            self.push_screen(DiscardAndQuit(), lambda quit_now: self.exit() if quit_now else None)
            return
        self.exit()

    def action_help(self) -> None:
        from tracker.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"
        self._settings["theme"] = self.theme
        if problem := save_settings(self._settings):  # remembered for the next run
            self.notify(problem, title="Settings", severity="warning", markup=False)

    def action_open_insights(self) -> None:
        from tracker.tui.screens.insights import InsightsScreen  # deferred: only when opened

        self._open_view(InsightsScreen(self.diary))

    def action_open_trends(self) -> None:
        from tracker.tui.screens.trends import TrendsScreen  # deferred: only when opened

        self._open_view(TrendsScreen(self.diary))

    def action_open_medications(self) -> None:
        from tracker.tui.screens.medications import MedicationsScreen  # deferred: only when opened

        if not isinstance(self.screen, MedicationsScreen):
            self.push_screen(MedicationsScreen(self.diary))

    def _open_view(self, screen: Screen[None]) -> None:
        """Insights and Trends sit on top of the current mode; one replaces the other."""
        from tracker.tui.screens.insights import InsightsScreen
        from tracker.tui.screens.trends import TrendsScreen

        if isinstance(self.screen, InsightsScreen | TrendsScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_go(self, mode: str) -> None:
        """Another of the app's screens (Today, History, Factors), closing Insights or Trends on the way."""
        from tracker.tui.screens.insights import InsightsScreen
        from tracker.tui.screens.trends import TrendsScreen

        if isinstance(self.screen, InsightsScreen | TrendsScreen):
            self.pop_screen()
        if self.current_mode != mode:
            self.switch_mode(mode)

    def _on_today(self, action: str) -> None:
        if self.current_mode != "today":
            self.switch_mode("today")
        self.call_after_refresh(self.today_screen.run_action, action)

    # --- files and the command palette (tracker.tui.file_exports, tracker.tui.palette) --------

    def action_export(self, kind: str, problem: str = "", path: Path | None = None, key: str = "") -> None:
        """Ask where (the exports folder by default), then write the file(s) in a thread."""
        ask_and_write(self, kind, problem, path, key)

    def on_files_written(self, message: FilesWritten) -> None:
        self.notify(written_words(message), timeout=15, markup=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from app_commands(self, screen)


def make_app(
    *,
    db_path: Path | None,
    engine: Engine | None = None,
    open_engine: Callable[[], Engine] | None = None,
    server: str | None = None,
) -> TrackerApp:
    """The app on `db_path` (None: a server diary, opened by `open_engine`). Its day is the
    clock's (tests and snapshots freeze the clock).

    With `engine` (tests) the database is open from the start. Without it the app paints
    first and opens the file in a thread worker, with `open_engine` if given (the command
    line's, which also makes the default data directory private), else tracker.storage.engine's.
    A `server` URL (with db_path None) gives the first screen a first look through psycopg alone.
    """
    return TrackerApp(diary=Diary(db_path=db_path, engine=engine, open_engine=open_engine, server=server))
