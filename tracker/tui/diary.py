"""The TUI's handle on the database: each method is one transaction over tracker.storage.store.

Methods block (SQLite), so screens call them from thread workers. Everything returned is
plain data detached from its session, safe to hand to the UI thread. The app builds the
Diary closed and opens it in a worker, so the first screen paints before the database stack
is even imported.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.tui.diary_outputs import DiaryOutputs
from tracker.tui.views import DayShown, DayView, HistoryView, status_line

# Nothing from the database stack at module level: the app paints its first screen before a
# thread worker opens the database (sqlalchemy, sqlmodel and pydantic cost ~0.5 s to import).
if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sqlalchemy import Engine
    from sqlmodel import Session

    from tracker.core.vocabulary import Location, Side
    from tracker.storage.models import (
        Episode,
        EpisodeCreate,
        EpisodeUpdate,
        Factor,
        FactorCreate,
        FactorEntry,
        FactorEntryCreate,
        FactorUpdate,
        Medication,
        MedicationCreate,
        MedicationUpdate,
        Preset,
        PresetCreate,
        RedFlag,
    )
    from tracker.storage.store import Removed


def open_database_file(path: Path) -> Engine:
    """The engine on `path`, created or upgraded (backed up first) if need be. Blocks."""
    from tracker.storage.engine import open_database  # deferred: the whole database stack
    from tracker.storage.in_use import mark_in_use

    engine = open_database(path)
    mark_in_use(path)  # a restore is refused while the app is open on the diary
    return engine


class Diary(DiaryOutputs):
    """Open with `engine`, or closed until `open()` runs `open_engine` (in a thread worker).

    The analysis, the trends and the files the app writes are DiaryOutputs' (tracker.tui.diary_outputs)."""

    def __init__(
        self,
        *,
        db_path: Path | None,
        engine: Engine | None = None,
        open_engine: Callable[[], Engine] | None = None,
        server: str | None = None,
    ) -> None:
        self.db_path = db_path  # None: a diary on a server, with no file to glance at or watch
        self.server = server  # that server's URL, for a first look through its driver alone
        self._engine = engine
        if open_engine is None:
            if db_path is None:
                raise ValueError("a server diary is opened by the caller's open_engine")
            open_engine = partial(open_database_file, db_path)
        self._open_engine = open_engine
        self._open_lock = threading.Lock()
        self._open_error: Exception | None = None

    # --- the database ------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    def open(self) -> None:
        """Open the database (may migrate it) once, for whichever thread asks first; the others
        wait for it. A failure is raised again to every later caller, never retried. Blocks, so
        call it from a thread."""
        with self._open_lock:
            if self._engine is not None:
                return
            if self._open_error is not None:
                raise self._open_error
            try:
                self._engine = self._open_engine()
            except Exception as exc:
                self._open_error = exc
                raise

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("the diary is used before its database is open")
        return self._engine

    def _session(self, *, write: bool = True) -> AbstractContextManager[Session]:
        from tracker.storage.engine import session_scope

        return session_scope(self.engine, write=write)

    # --- the clock: read each time, never kept, so an app left open past midnight follows it ---

    def now(self) -> dt.datetime:
        """Now, aware, in the local timezone: the clock every write of the app passes to the store."""
        from tracker.core.clock import local_now  # not core.when: its parsers wait for the first frame

        return local_now()

    def today(self) -> dt.date:
        """The local date now."""
        return self.now().date()

    def moment_on(self, day: dt.date) -> dt.datetime:
        """Now's wall-clock time on `day`: the default time for an entry on another day."""
        from tracker.core.when import moment_on

        return moment_on(day, now=self.now())

    def repeat_from(self, day: dt.date) -> dt.datetime:
        """The moment `t` repeats the latest twitch before: now, today; on an earlier day its
        last minute, so a twitch logged there at 14:05 is repeated when the clock reads 09:30
        (now's time on that day came before it, and `t` came up all unspecified)."""
        from tracker.core.when import local_moment

        if day >= self.today():
            return self.moment_on(day)
        try:
            return local_moment(dt.datetime.combine(day, dt.time(23, 59))).at
        except ValueError:  # a zone that skips that minute that day
            return self.moment_on(day)

    # --- reads -------------------------------------------------------------------------------

    def glance(self, day: dt.date) -> DayShown | None:
        """`day` read with sqlite3 (or a server's driver) alone, before the database stack is
        imported (tracker.storage.glance); None when the diary is not yet readable that way
        (missing, older schema, refused, a server not named)."""
        from tracker.storage.glance import glance_day, glance_server

        today = self.today()
        if self.db_path is not None:
            glance = glance_day(self.db_path, day, active_until=today)
        elif self.server is not None:
            glance = glance_server(self.server, day, active_until=today)
        else:
            return None
        if glance is None:
            return None
        return DayShown(glance.summary, glance.factors, status_line(glance.active_dates, today))

    def load_day(self, day: dt.date) -> DayView:
        from tracker.storage import store
        from tracker.storage.queries import active_dates, answered_dates, day_summary, logged_range

        today = self.today()
        with self._session(write=False) as session:
            summary = day_summary(session=session, day=day)
            factors = {f.id: f for f in store.list_factors(session=session) if f.id is not None}
            status = status_line(active_dates(session=session, until=today), today)
            span = logged_range(session=session)  # days before the diary began are not "unanswered"
            recent = [today - dt.timedelta(days=n) for n in range(1, RECENT_DAYS + 1)]
            recent = [d for d in recent if span and d >= span[0]]
            answered = answered_dates(session=session, start=recent[-1], end=recent[0]) if recent else set()
            unanswered = [d for d in recent if d not in answered]
            # What `t` and `g` repeat: the latest by time up to the moment a new entry gets.
            defaults = store.episode_defaults(session=session, at=self.repeat_from(day))
            sites = store.repeated_sites(session=session, at=self.repeat_from(day))
            presets = [(p, factors[p.factor_id]) for p in store.list_presets(session=session)]
            last_dose = store.last_factor_entry(session=session, factor="magnesium", day=day)
            last = last_dose.value if last_dose else None
        return DayView(summary, factors, status, unanswered, defaults, presets, last, sites)

    def episode_defaults(self, at: dt.datetime) -> tuple[Location, Side, int | None, list[tuple[Location, Side]]]:
        """What a twitch at `at` starts from: the latest twitch at or before it, its further
        sites last (store.episode_defaults, store.repeated_sites)."""
        from tracker.storage import store

        with self._session(write=False) as session:
            location, side, intensity = store.episode_defaults(session=session, at=at)
            return location, side, intensity, store.repeated_sites(session=session, at=at)

    def history(self) -> HistoryView:
        """Every day from the first logged one (or today) to today, newest first. A tracked day
        whose twitches were not answered has `episodes` None, never 0."""
        from tracker.storage import store
        from tracker.storage.queries import daily_rows, logged_range

        today = self.today()
        with self._session(write=False) as session:
            span = logged_range(session=session)
            start = min(span[0], today) if span else today
            rows = daily_rows(session=session, start=start, end=today)
            factors = store.list_factors(session=session)
        rows.reverse()
        return HistoryView(factors, rows, today)

    def factors(self) -> list[Factor]:
        from tracker.storage import store

        with self._session(write=False) as session:
            return store.list_factors(session=session)

    def presets(self) -> list[tuple[Preset, Factor]]:
        from tracker.storage import store

        with self._session(write=False) as session:
            by_id = {f.id: f for f in store.list_factors(session=session)}
            return [(p, by_id[p.factor_id]) for p in store.list_presets(session=session)]

    def answered_no_twitches(self, day: dt.date) -> bool:
        """Whether `day` is answered "no twitches" (a twitch saved on it would change that)."""
        from tracker.storage.queries import answered_no_twitches

        with self._session(write=False) as session:
            return answered_no_twitches(session=session, day=day)

    # --- writes ------------------------------------------------------------------------------

    def add_episode(self, episode_in: EpisodeCreate) -> Episode:
        from tracker.storage import store

        with self._session() as session:
            return store.add_episode(session=session, episode_in=episode_in, now=self.now())

    def update_episode(self, episode_id: int, changes: EpisodeUpdate) -> Episode:
        from tracker.storage import store

        with self._session() as session:
            return store.update_episode(session=session, episode_id=episode_id, changes=changes, now=self.now())

    def add_factor_entry(self, entry_in: FactorEntryCreate, *, in_place: bool = False) -> FactorEntry:
        """The entry as stored; with `in_place`, in place of the day's entries of its factor (undo puts them back)."""
        from tracker.storage import store

        with self._session() as session:
            return store.add_factor_entry(session=session, entry_in=entry_in, now=self.now(), in_place=in_place)

    def update_factor_entry(self, entry_id: int, value: float, note: str | None = None) -> FactorEntry:
        """A factor entry's new value (and note, when given); everything else about it stays."""
        from tracker.storage import store

        with self._session() as session:
            return store.update_factor_entry(session=session, entry_id=entry_id, value=value, note=note)

    def set_day_note(self, day: dt.date, note: str) -> None:
        """The day's own note (the daily CSV's `note` column); an empty note clears it."""
        from tracker.storage import store

        with self._session() as session:
            store.set_day_note(session=session, day=day, note=note, today=self.today())

    def onset(self) -> dt.date | None:
        """The day the twitching began as the person gave it (`tracker onset`), or None."""
        from tracker.storage import diary_facts

        with self._session(write=False) as session:
            return diary_facts.onset(session=session)

    def set_onset(self, day: dt.date | None) -> dt.date | None:
        """Give, change or (None) forget the onset date, journalled for undo as the command
        line's is; returns what is stored now."""
        from tracker.storage import diary_facts

        with self._session() as session:
            return diary_facts.set_onset(session=session, day=day, today=self.today())

    def check_in(self, day: dt.date) -> None:
        """ "No twitches today": refused (InputError) when the day already has episodes."""
        from tracker.storage import store

        with self._session() as session:
            store.check_in(session=session, day=day, today=self.today())

    def checklist_noes(self, day: dt.date) -> dict[str, dt.date]:
        """Each red-flag question answered "no" up to `day` and still standing (no flag for it
        that day), with the latest day it was answered so: what the checklist shows beside it."""
        from tracker.storage import diary_facts

        with self._session(write=False) as session:
            return diary_facts.checklist_noes(session=session, end=day)

    def add_red_flags(self, day: dt.date, kinds: list[str]) -> list[RedFlag]:
        """The checklist saved: `kinds` (RedFlagKind values; the checklist works in plain
        strings) are logged, every other sign is stored as answered "no" that day. Returns the
        red flags logged."""
        from tracker.core.vocabulary import RedFlagKind
        from tracker.storage import diary_facts, store
        from tracker.storage.models import RedFlagCreate

        with self._session() as session:
            flags = [
                store.add_red_flag(
                    session=session,
                    red_flag_in=RedFlagCreate(date=day, kind=RedFlagKind(kind)),
                    today=self.today(),
                )
                for kind in kinds
            ]
            diary_facts.answer_checklist(session=session, day=day, no=["all"], today=self.today())
            return flags

    def delete(self, ids: list[str]) -> list[Removed]:
        from tracker.storage import store

        with self._session() as session:
            return store.delete_entries(session=session, ids=ids)

    def last_action(self) -> tuple[int, str] | None:
        """The last thing done that `u` would undo: its id and words; None if nothing."""
        from tracker.storage import store

        with self._session(write=False) as session:
            return store.last_action(session=session)

    def undo(self, action_id: int) -> str:
        """Undo that action (as `tracker undo` does); returns what was done, in words."""
        from tracker.storage import store

        with self._session() as session:
            return store.undo_action(session=session, action_id=action_id)

    def add_factor(self, factor_in: FactorCreate) -> Factor:
        from tracker.storage import store

        with self._session() as session:
            return store.add_factor(session=session, factor_in=factor_in)

    def set_preset(self, preset_in: PresetCreate) -> Preset:
        from tracker.storage import store

        with self._session() as session:
            return store.set_preset(session=session, preset_in=preset_in)

    def update_factor(self, name: str, changes: FactorUpdate) -> Factor:
        """A factor's new absent-means-none rule, or a user factor's new range or daily rule (a built-in
        factor's range or rule is refused, InputError)."""
        from tracker.storage import store

        with self._session() as session:
            return store.update_factor(session=session, name=name, changes=changes)

    # --- the medication list (tracker.storage.medications) ----------------------------------

    def medications(self) -> list[Medication]:
        from tracker.storage.medications import list_medications

        with self._session(write=False) as session:
            return list_medications(session=session)

    def add_medication(self, medication_in: MedicationCreate) -> Medication:
        from tracker.storage.medications import add_medication

        with self._session() as session:
            return add_medication(session=session, medication_in=medication_in, today=self.today())

    def update_medication(self, medication_id: int, changes: MedicationUpdate) -> Medication:
        from tracker.storage.medications import update_medication

        with self._session() as session:
            return update_medication(session=session, medication_id=medication_id, changes=changes, today=self.today())

    def stop_medication(self, medication_id: int) -> Medication:
        """The medication stopped on the diary's today."""
        from tracker.storage.medications import stop_medication

        with self._session() as session:
            return stop_medication(session=session, medication_id=medication_id, on=self.today(), today=self.today())

    def remove_medication(self, medication_id: int) -> Medication:
        from tracker.storage.medications import remove_medication

        with self._session() as session:
            return remove_medication(session=session, medication_id=medication_id)


RECENT_DAYS = 7  # how far back Today offers to answer "no twitches" for a day
