"""The TUI's handle on the database: each method is one transaction over tracker.store.

Methods block (SQLite), so screens call them from thread workers. Everything returned is
plain data detached from its session, safe to hand to the UI thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from tracker import store
from tracker.daily import DailyRow
from tracker.days import (
    DaySummary,
    active_dates,
    consecutive_active_days,
    daily_rows,
    day_summary,
    episode_count,
    logged_range,
)
from tracker.db import session_scope
from tracker.errors import InputError
from tracker.models import (
    Episode,
    EpisodeCreate,
    EpisodeUpdate,
    Factor,
    FactorCreate,
    FactorEntry,
    FactorEntryCreate,
    Location,
    Preset,
    PresetCreate,
    RedFlag,
    RedFlagCreate,
    RedFlagKind,
    Side,
)


@dataclass(frozen=True)
class DayView:
    """What the Today screen shows for one day."""

    summary: DaySummary
    factors: dict[int, Factor]
    status_line: str
    yesterday_empty: bool
    episode_defaults: tuple[Location, Side, int]
    presets: list[tuple[Preset, Factor]]
    last_magnesium: float | None  # the dose `g` repeats


@dataclass(frozen=True)
class History:
    factors: list[Factor]
    rows: list[DailyRow]  # newest first


class Diary:
    def __init__(self, *, engine: Engine, db_path: Path, today: dt.date | None = None) -> None:
        self.engine = engine
        self.db_path = db_path
        self._today = today

    # --- the clock ---------------------------------------------------------------------------

    def today(self) -> dt.date:
        """The fixed day the app was built with (tests), else the local date now."""
        return self._today or store.local_now().date()

    def now(self) -> dt.datetime:
        return store.local_now()

    def moment_on(self, day: dt.date) -> dt.datetime:
        """Now's wall-clock time on `day`: the default time for an entry on another day."""
        now = self.now()
        if day == now.date():
            return now
        return dt.datetime.combine(day, now.time().replace(second=0, microsecond=0)).astimezone()

    # --- reads -------------------------------------------------------------------------------

    def load_day(self, day: dt.date) -> DayView:
        today = self.today()
        with session_scope(self.engine, write=False) as session:
            summary = day_summary(session=session, day=day)
            factors = {f.id: f for f in store.list_factors(session=session) if f.id is not None}
            status = self._status_line(session, today)
            yesterday = today - dt.timedelta(days=1)
            yesterday_empty = not day_summary(session=session, day=yesterday).tracked
            defaults = store.episode_defaults(session=session)
            presets = [(p, factors[p.factor_id]) for p in store.list_presets(session=session)]
            last_dose = store.last_factor_entry(session=session, factor="magnesium")
            last = last_dose.value if last_dose else None
        return DayView(summary, factors, status, yesterday_empty, defaults, presets, last)

    def _status_line(self, session, today: dt.date) -> str:  # type: ignore[no-untyped-def]
        try:
            from tracker.analysis.persistence import persistence, persistence_status_line
        except ImportError:  # the analysis is optional for the TUI: fall back to the streak
            streak = consecutive_active_days(session=session, as_of=today)
            return f"days in a row with twitching: {streak}" if streak else "no twitching lately"
        return persistence_status_line(persistence(active_dates(session=session, until=today), as_of=today))

    def history(self) -> History:
        """Every day from the first logged one (or today) to today, newest first."""
        today = self.today()
        with session_scope(self.engine, write=False) as session:
            span = logged_range(session=session)
            start = min(span[0], today) if span else today
            rows = daily_rows(session=session, start=start, end=today)
            factors = store.list_factors(session=session)
        rows.reverse()
        return History(factors, rows)

    def episode_defaults(self) -> tuple[Location, Side, int]:
        with session_scope(self.engine, write=False) as session:
            return store.episode_defaults(session=session)

    def factors(self) -> list[Factor]:
        with session_scope(self.engine, write=False) as session:
            return store.list_factors(session=session)

    def presets(self) -> list[tuple[Preset, Factor]]:
        with session_scope(self.engine, write=False) as session:
            by_id = {f.id: f for f in store.list_factors(session=session)}
            return [(p, by_id[p.factor_id]) for p in store.list_presets(session=session)]

    # --- writes ------------------------------------------------------------------------------

    def add_episode(self, episode_in: EpisodeCreate) -> Episode:
        with session_scope(self.engine) as session:
            return store.add_episode(session=session, episode_in=episode_in, now=self.now())

    def update_episode(self, episode_id: int, changes: EpisodeUpdate) -> Episode:
        with session_scope(self.engine) as session:
            return store.update_episode(session=session, episode_id=episode_id, changes=changes)

    def add_factor_entry(self, entry_in: FactorEntryCreate) -> FactorEntry:
        with session_scope(self.engine) as session:
            return store.add_factor_entry(session=session, entry_in=entry_in, now=self.now())

    def replace_factor_entry(self, entry_id: int, entry_in: FactorEntryCreate) -> FactorEntry:
        """Edit a factor entry: the store has no update, so delete and add in one transaction."""
        with session_scope(self.engine) as session:
            store.delete_entries(session=session, ids=[f"f{entry_id}"])
            return store.add_factor_entry(session=session, entry_in=entry_in, now=self.now())

    def check_in(self, day: dt.date) -> None:
        """ "No twitches today": refused when the day already has episodes."""
        with session_scope(self.engine) as session:
            count = episode_count(session=session, day=day)
            if count:
                raise InputError("no twitches", day.isoformat(), f"a day without episodes ({count} logged)")
            store.check_in(session=session, day=day, today=self.today())

    def add_red_flags(self, day: dt.date, kinds: list[RedFlagKind]) -> list[RedFlag]:
        with session_scope(self.engine) as session:
            return [
                store.add_red_flag(
                    session=session,
                    red_flag_in=RedFlagCreate(date=day, kind=kind),
                    today=self.today(),
                )
                for kind in kinds
            ]

    def delete(self, ids: list[str]) -> list[store.Removed]:
        with session_scope(self.engine) as session:
            return store.delete_entries(session=session, ids=ids)

    def restore(self, removed: list[store.Removed]) -> None:
        with session_scope(self.engine) as session:
            store.restore(session=session, removed=removed)

    def add_factor(self, factor_in: FactorCreate) -> Factor:
        with session_scope(self.engine) as session:
            return store.add_factor(session=session, factor_in=factor_in)

    def set_preset(self, preset_in: PresetCreate) -> Preset:
        with session_scope(self.engine) as session:
            return store.set_preset(session=session, preset_in=preset_in)
