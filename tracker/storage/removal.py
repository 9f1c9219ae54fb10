"""Entries by the ids people type (e12, f7, r3, i2, d2026-11-20): finding them, deleting them
as one action, and undoing. Part of the storage API: call them through tracker.storage.store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar, cast

from sqlmodel import Session, SQLModel, col, select

from tracker.core.formatting import day_words
from tracker.core.ids import ALLOWED as ID_ALLOWED
from tracker.core.ids import DAY, EPISODE, FACTOR_ENTRY, INTERVENTION, RED_FLAG, format_id, parse_id
from tracker.errors import InputError
from tracker.storage import episode_sites, journal
from tracker.storage.factors import list_factors
from tracker.storage.models import Day, Episode, FactorEntry, Intervention, RedFlag

ID_MODELS: dict[str, type[SQLModel]] = {
    EPISODE: Episode,
    FACTOR_ENTRY: FactorEntry,
    RED_FLAG: RedFlag,
    INTERVENTION: Intervention,
}
Entry = Episode | FactorEntry | RedFlag | Intervention | Day


@dataclass(frozen=True)
class Removed:
    """A deleted row, and the journal action that deleted it (what the TUI's Undo reverses)."""

    entry_id: str
    row: Entry
    action_id: int
    what: str = ""  # in words: "twitch at 08:12 on Mon 30 Nov"


def entry_id(row: Entry) -> str:
    """The id a person types: e12 (episode), f7 (factor entry), r3, i2, d2026-11-20 (day)."""
    if isinstance(row, Day):
        return format_id(DAY, row.date)
    kind = next(kind for kind, model in ID_MODELS.items() if isinstance(row, model))
    assert row.id is not None  # a stored row
    return format_id(kind, row.id)


def find_entry(*, session: Session, entry: str) -> Entry:
    """The row an id names; InputError for an id that is malformed, or names nothing (then
    with ids that do exist as the hint)."""
    try:
        ref = parse_id(entry)
    except InputError as exc:  # malformed: what an id looks like, with ids that exist as the examples
        raise InputError("id", entry, exc.allowed.replace(ID_ALLOWED, _id_hint(session))) from None
    # Each kind names one model, so the row is an Entry (a dict of classes types as SQLModel).
    model: type[SQLModel] = Day if ref.kind == DAY else ID_MODELS[ref.kind]
    row = cast("Entry | None", session.get(model, ref.key))
    if row is None:
        deleted = journal.deleting_action(session, str(model.__tablename__), ref.key)
        if deleted is not None:
            undo = "; `tracker undo` brings it back" if deleted[1] else ""
            raise InputError("id", entry, f"an entry that exists: {entry} was deleted{undo}")
        raise InputError("id", entry, _id_hint(session))
    return row


def _id_hint(session: Session) -> str:
    """What to type instead: ids that exist (the newest few), never made-up examples."""
    newest: list[Entry] = [
        *_newest(session, Episode),
        *_newest(session, FactorEntry),
        *_newest(session, RedFlag),
        *_newest(session, Intervention),
        *_newest(session, Day),
    ]
    newest.sort(key=lambda row: row.created_at, reverse=True)
    if not newest:
        return "an id shown by `tracker list` (nothing is logged yet)"
    return f"an id shown by `tracker list`, such as {', '.join(entry_id(row) for row in newest[:3])}"


def delete_entries(*, session: Session, ids: list[str]) -> list[Removed]:
    """Delete every id or none (an unknown id fails the whole call), as one action that undo restores."""
    rows = list({entry_id(row): row for row in (find_entry(session=session, entry=entry) for entry in ids)}.values())
    # A day's id names its "no twitches" answer; the day's note has its own key and command.
    # Deleting the answer keeps the note: the record stays, withdrawn ("removes only what it says").
    withdrawn = [row for row in rows if isinstance(row, Day) and row.checked_in and row.note]
    gone = [row for row in rows if row not in withdrawn]
    factors = {factor.id: factor for factor in list_factors(session=session)}
    phrases = [
        f"the no-twitches check-in on {day_words(row.date)}"
        if row in withdrawn
        else journal.words(row, factor=factors.get(row.factor_id) if isinstance(row, FactorEntry) else None)
        for row in rows
    ]
    # A twitch's further sites go with it, first (each names its twitch); undo, newest first,
    # puts the twitch back before them.
    twitches = [row.id for row in gone if isinstance(row, Episode) and row.id is not None]
    sites = episode_sites.remove_sites(session, twitches) if twitches else None
    changes = [*([sites] if sites else [])] + [
        journal.removed(session, table, [_key(row) for row in gone if _table(row) == table])
        for table in dict.fromkeys(_table(row) for row in gone)
    ]
    if withdrawn:
        changes.append(journal.changed(session, "day", [row.date for row in withdrawn if isinstance(row, Day)]))
    for row in gone:
        session.delete(row)
    for row in withdrawn:
        if isinstance(row, Day):
            row.checked_in = False
            session.add(row)
    session.flush()
    listed = journal.listing(phrases)
    action_id = journal.record(session, done=f"deleted {listed}", undo=f"restored {listed}", changes=changes)
    return [Removed(entry_id(row), row, action_id, what) for row, what in zip(rows, phrases, strict=True)]


def restore(*, session: Session, removed: list[Removed]) -> str:
    """Put deleted rows back with their ids (the TUI's Undo): undoes the delete's action, even if
    later actions followed it. Returns what was done, in words."""
    done = [journal.undo_action(session, action_id) for action_id in dict.fromkeys(item.action_id for item in removed)]
    session.flush()
    return "; ".join(done)


def last_action(*, session: Session) -> tuple[int, str] | None:
    """What `undo_last` would reverse now: the action's id and what it did, in words ("logged
    stress 4 on Mon 30 Nov"); None when there is nothing to undo."""
    return journal.last_action(session)


def undo_action(*, session: Session, action_id: int) -> str:
    """Reverse this one action (the one a person was shown and confirmed), all of it or none
    (InputError if it was undone already); returns what was done, in words."""
    done = journal.undo_action(session, action_id)
    session.flush()
    return done


def undo_last(*, session: Session) -> str | None:
    """Reverse the last action not yet undone (a log, a delete, an import, ...); returns what was
    done, in words ("restored stress 4 on Mon 30 Nov"), or None when there is nothing to undo."""
    return journal.undo_last(session)


def _key(row: Entry) -> object:
    return row.date if isinstance(row, Day) else row.id


def _table(row: Entry) -> str:
    return str(row.__tablename__)  # a plain string on every model (SQLModel types it as maybe a callable)


EntryRow = TypeVar("EntryRow", Episode, FactorEntry, RedFlag, Intervention, Day)


def _newest(session: Session, model: type[EntryRow]) -> list[EntryRow]:
    return list(session.exec(select(model).order_by(col(model.created_at).desc()).limit(3)))
