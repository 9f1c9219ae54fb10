"""What the TUI tests share: seeding the store, reading it back, typing as a terminal does,
and asking which dialog is on top."""

from __future__ import annotations

import datetime as dt
import sqlite3

from sqlmodel import select
from textual import events
from textual.widgets import Input

from tests.tui.conftest import TODAY, at, settle
from tracker.core.vocabulary import Location, Side
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import Episode, EpisodeCreate, Factor, FactorEntry, FactorEntryCreate


def episodes(engine) -> list[Episode]:
    with session_scope(engine, write=False) as session:
        return list(session.exec(select(Episode).order_by(Episode.id)))


def entries(engine) -> dict[str, list[float]]:
    with session_scope(engine, write=False) as session:
        names = {f.id: f.name for f in session.exec(select(Factor))}
        found: dict[str, list[float]] = {}
        for entry in session.exec(select(FactorEntry).order_by(FactorEntry.id)):
            found.setdefault(names[entry.factor_id], []).append(entry.value)
        return found


def twitch(session, hour: int, day: dt.date = TODAY, **changes) -> Episode:
    fields = {"location": Location.EYELID, "side": Side.LEFT, "intensity": 3} | changes
    return store.add_episode(session=session, episode_in=EpisodeCreate(started_at=at(hour, day=day), **fields))


def caffeine(session, mg: float, day: dt.date):
    entry_in = FactorEntryCreate(factor="caffeine", value=mg, date=day)
    return store.add_factor_entry(session=session, entry_in=entry_in)


def on(app, screen: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the screen on top is `screen` (by name: these tests also run on older code)."""
    return type(app.screen).__name__ == screen


def field_error(app, field: str) -> str:  # type: ignore[no-untyped-def]
    """The line under a field of the dialog on top ("" when there is none)."""
    return str(app.screen.query_one(f"#{field}-error").render())


ENTER = ("enter", "\r")


def burst(app, *keys: str | tuple[str, str | None]) -> None:  # type: ignore[no-untyped-def]
    """Post every key at once, as a terminal read would, without waiting in between."""
    for key in keys:
        name, char = key if isinstance(key, tuple) else (key, key if len(key) == 1 else None)
        app.post_message(events.Key(name, char))


def pressing(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        steady_cursors(pilot.app)

    return run_before


def steady_cursors(app) -> None:  # type: ignore[no-untyped-def]
    """Stop every text box's cursor blinking, shown: a snapshot taken half a second late on a
    busy machine would otherwise catch the cursor hidden."""
    for box in app.screen.query(Input):
        box.cursor_blink = False


def rows(app, sql: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    """What the app's diary file holds, read with sqlite3 alone (as another program would)."""
    return sqlite3.connect(app.diary.db_path).execute(sql).fetchall()


async def open_factor(app, pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    """From Today: `f`, the factor `name` chosen in the picker, and Enter (its value form opens)."""
    await settle(pilot)
    await pilot.press("f")
    await settle(pilot)
    picker = app.screen.query_one("OptionList")
    picker.highlighted = next(i for i in range(picker.option_count) if picker.get_option_at_index(i).id == name)
    await pilot.press("enter")
    await settle(pilot)
