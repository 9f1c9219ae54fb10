"""The action journal: every write to the diary records one action, so `undo` reverses exactly it.

An action is what one transaction did, in words ("logged stress 4 on Mon 30 Nov"; undoing it
"removed stress 4 on Mon 30 Nov") and as the changes it made to rows, in order:

    {"op": "added", "table": "episode", "keys": [12]}                  undo deletes those rows
    {"op": "added_range", "table": "episode", "first": 13, "last": 99}  the same for an import's rows
    {"op": "removed", "table": "day", "rows": [{...}]}                  undo puts the rows back, ids and all
    {"op": "changed", "table": "factor", "rows": [{...}]}               undo puts the old values back

The store records its own writes here, so the command line and the TUI both get them; the
importer records its one action itself. Several store writes in one transaction make one
action. Undoing marks an action undone and records nothing (an undo is not itself undone).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

import sqlalchemy as sa
from sqlalchemy import Column, Connection, Table
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

if TYPE_CHECKING:
    from sqlalchemy import CursorResult

from tracker.core import ids
from tracker.core.formatting import day_words
from tracker.errors import InputError

# Change and added are part of this module's API too (the importer and the demo writer journal with them).
from tracker.storage.journal_words import Change as Change
from tracker.storage.journal_words import added as added
from tracker.storage.journal_words import (
    day_record_words,
    entry_words,
    logged,
    to_json,
    twitch_words,
)
from tracker.storage.models import (
    Day,
    DiarySetting,
    Episode,
    EpisodeSite,
    Factor,
    FactorEntry,
    Intervention,
    Medication,
    Preset,
    RedFlag,
    RedFlagNo,
    metadata,
    utc_now,
)

Database = Session | Connection

ACTIONS: Table = metadata.tables["action"]
JOURNALLED = (
    Episode,
    EpisodeSite,
    FactorEntry,
    RedFlag,
    Intervention,
    Day,
    Factor,
    Preset,
    RedFlagNo,
    DiarySetting,
    Medication,
)
TABLES: dict[str, Table] = {name: metadata.tables[name] for name in (str(model.__tablename__) for model in JOURNALLED)}
ID_KINDS = {"episode": ids.EPISODE, "factor_entry": ids.FACTOR_ENTRY, "red_flag": ids.RED_FLAG,
            "intervention": ids.INTERVENTION, "day": ids.DAY, "medication": ids.MEDICATION}  # fmt: skip
_OPEN_ACTION = "tracker.storage.journal.open_action"
# A restore (tracker.storage.restore) records itself in the restored file: {"op": RESTORED,
# "backup": ..., "kept": the diary as it was}. It replaced the whole file, so undoing it is
# restoring the kept copy, never something undo does row by row.
RESTORED = "restored"


# --- changes ---------------------------------------------------------------------------------


def added_range(table: str, first: int, last: int) -> Change:
    """Rows with ids first..last that this action inserted (an import's, without listing a million ids)."""
    return {"op": "added_range", "table": table, "first": first, "last": last}


def removed(db: Database, table: str, keys: Sequence[object]) -> Change:
    """Rows about to be deleted, copied whole (undo inserts them again). Call before deleting."""
    return {"op": "removed", "table": table, "rows": snapshots(db, table, keys)}


def changed(db: Database, table: str, keys: Sequence[object]) -> Change:
    """Rows about to be changed, as they are now (undo puts these values back). Call before changing."""
    return {"op": "changed", "table": table, "rows": snapshots(db, table, keys)}


def insert_rows(db: Database, model: Any, rows: list[dict[str, Any]]) -> tuple[int, int]:
    """Insert many rows of an id-keyed table in one executemany; returns the first and last new id.

    Under the write lock nobody else inserts, so the new rows are exactly those above the highest
    id before (AUTOINCREMENT may skip ids of deleted rows, so the last one is read, not counted).
    """
    table = model.__table__
    before = db.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0
    db.execute(sa.insert(table), rows)
    return before + 1, db.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0


def snapshots(db: Database, table: str, keys: Sequence[object]) -> list[dict[str, Any]]:
    """The stored rows with these keys, as JSON-ready dicts (dates and times as ISO text)."""
    found = TABLES[table]
    result = db.execute(sa.select(found).where(_key(found).in_(list(keys))))
    return [{name: to_json(value) for name, value in row.items()} for row in result.mappings()]


# --- recording -------------------------------------------------------------------------------


def record(session: Session, *, done: str, undo: str, changes: list[Change]) -> int:
    """Add one write to the action of the session's transaction (started by the first write in
    it); returns the action's id, or 0 when the write changed nothing and so is no action (undo
    right after it reverses the write before, not a reversal of nothing)."""
    kept = [change for change in changes if not _unchanged(session, change)]
    if changes and not kept:
        return 0
    changes = kept  # (an import that adds nothing passes no changes, and is still its own action)
    transaction = session.get_transaction()
    held = session.info.get(_OPEN_ACTION)
    if held is None or held["transaction"] is not transaction:
        action_id = write_action(session, done=done, undo=undo, changes=changes)
        session.info[_OPEN_ACTION] = {
            "transaction": transaction, "id": action_id, "done": [done], "undo": [undo], "changes": list(changes),
        }  # fmt: skip
        return action_id
    # A later write in the same transaction (an edit that deletes and adds) joins the action;
    # undoing reverses the writes newest first, so its words are in that order too.
    held["done"].append(done)
    held["undo"].insert(0, undo)
    held["changes"].extend(changes)
    session.execute(
        sa.update(ACTIONS)
        .where(ACTIONS.c.id == held["id"])
        .values(done="; ".join(held["done"]), undo="; ".join(held["undo"]), changes=held["changes"])
    )
    return int(held["id"])


def _unchanged(session: Session, change: Change) -> bool:
    """Whether a "changed" record's rows still hold the values it kept (the write set them again)."""
    if change["op"] != "changed":
        return False
    key = _key(TABLES[change["table"]])
    kept: list[dict[str, Any]] = change["rows"]
    # The kept rows are JSON-ready (a day's date as text): typed again before they are compared
    # with the column, which a server, unlike SQLite, will not compare with text.
    return snapshots(session, change["table"], [_from_json(key, row[key.name]) for row in kept]) == kept


def record_added(session: Session, table: str, key: object, what: str, *, verb: str = "logged") -> int:
    """Record a write that added one row: "logged X", undone by "removed X"."""
    done, undo = logged(what, verb=verb)
    return record(session, done=done, undo=undo, changes=[added(table, [key])])


def write_action(db: Database, *, done: str, undo: str, changes: list[Change]) -> int:
    """A new action row in the caller's transaction; returns its id."""
    result = cast(
        "CursorResult[Any]", db.execute(sa.insert(ACTIONS).values(at=utc_now(), done=done, undo=undo, changes=changes))
    )
    key = result.inserted_primary_key
    assert key is not None  # an INSERT always has one
    return int(key[0])


def deleting_action(db: Database, table: str, key: object) -> tuple[str, bool] | None:
    """The action that removed this row and is not undone, as (what it did, whether it is the
    last action undo would reverse); None when no action removed it."""
    wanted = to_json(key)
    newest = None
    for action in db.execute(
        sa.select(ACTIONS.c.id, ACTIONS.c.done, ACTIONS.c.changes)
        .where(ACTIONS.c.undone_at.is_(None))
        .order_by(ACTIONS.c.id.desc())
    ):
        newest = newest or action.id
        name = _key(TABLES[table]).name
        for change in action.changes:
            removed_here = change["op"] == "removed" and change["table"] == table
            if removed_here and any(row[name] == wanted for row in change["rows"]):
                return str(action.done), action.id == newest
    return None


# --- undoing ---------------------------------------------------------------------------------


def last_action(db: Database) -> tuple[int, str] | None:
    """The newest action not yet undone: its id and what it did, in words; None if there is none."""
    newest = db.execute(
        sa.select(ACTIONS.c.id, ACTIONS.c.done)
        .where(ACTIONS.c.undone_at.is_(None))
        .order_by(ACTIONS.c.id.desc())
        .limit(1)
    ).first()
    return None if newest is None else (int(newest.id), str(newest.done))


def undo_last(db: Database) -> str | None:
    """Reverse the newest action not yet undone; returns what was done, in words, or None."""
    newest = last_action(db)
    return None if newest is None else undo_action(db, newest[0])


def undo_action(db: Database, action_id: int) -> str:
    """Reverse one action, all of it or (InputError) none of it; returns what was done, in words."""
    action = db.execute(sa.select(ACTIONS).where(ACTIONS.c.id == action_id)).one()
    if action.undone_at is not None:
        raise InputError("undo", action.done, "something not undone already")
    restore = next((change for change in action.changes if change["op"] == RESTORED), None)
    if restore is not None:
        how = f"`tracker db restore {restore['kept']}`" if restore["kept"] else "removing it (there was no diary)"
        raise InputError("undo", action.done, f"a restore is undone by {how} (the diary as it was); nothing changed")
    try:
        for change in reversed(action.changes):
            _reverse(db, change)
    except IntegrityError:
        raise InputError("undo", action.done, "an action that later entries do not depend on") from None
    db.execute(sa.update(ACTIONS).where(ACTIONS.c.id == action_id).values(undone_at=utc_now()))
    if isinstance(db, Session):
        db.expire_all()  # rows changed underneath the ORM's objects
    return str(action.undo)


def _reverse(db: Database, change: Change) -> None:
    table = TABLES[change["table"]]
    key = _key(table)
    match change["op"]:
        case "added":
            db.execute(sa.delete(table).where(key.in_([_from_json(key, k) for k in change["keys"]])))
        case "added_range":
            db.execute(sa.delete(table).where(key.between(change["first"], change["last"])))
        case "removed":
            for row in change["rows"]:
                values = {column.name: _from_json(column, row[column.name]) for column in table.columns}
                if db.execute(sa.select(key).where(key == values[key.name])).first() is not None:
                    raise InputError("undo", _label(change["table"], values), "an entry not logged again since")
                db.execute(sa.insert(table).values(values))
        case "changed":
            for row in change["rows"]:
                values = {column.name: _from_json(column, row[column.name]) for column in table.columns}
                updated = cast(
                    "CursorResult[Any]", db.execute(sa.update(table).where(key == values[key.name]).values(values))
                )
                if updated.rowcount == 0:
                    raise InputError("undo", _label(change["table"], values), "an entry that still exists")
        case other:
            raise AssertionError(other)


def _key(table: Table) -> Column[Any]:
    [key] = table.primary_key.columns  # a day's date, a setting's name, every other row's id
    return key


def _label(table: str, values: dict[str, Any]) -> str:
    if table in ID_KINDS:
        return ids.format_id(ID_KINDS[table], values[_key(TABLES[table]).name])
    return f"{table} {values.get('name', '')}".strip()


def _from_json(column: Column[Any], value: object) -> object:
    if value is None:
        return None
    # sqlmodel's UTCDateTime decorates DateTime (and wants aware times, which the snapshot kept).
    kind = column.type.impl if isinstance(column.type, sa.TypeDecorator) else column.type
    if isinstance(kind, sa.DateTime):
        return dt.datetime.fromisoformat(str(value))
    if isinstance(kind, sa.Date):
        return dt.date.fromisoformat(str(value))
    return value


# --- words -----------------------------------------------------------------------------------


def words(row: Episode | FactorEntry | RedFlag | Intervention | Day, *, factor: Factor | None = None) -> str:
    """An entry as people name it: "stress 4 on Mon 30 Nov", "twitch at 08:15 on Mon 30 Nov"."""
    match row:
        case Episode():
            return twitch_words(row.local_started_at, row.local_date)
        case FactorEntry():
            name, unit, kind = (factor.name, factor.unit, factor.kind) if factor else ("factor", "", "")
            return entry_words(name, unit, row.value, row.local_date, kind)
        case RedFlag():
            return f"red flag {row.kind} on {day_words(row.date)}"
        case Intervention():
            return f"intervention {row.name} from {day_words(row.start_date)}"
        case Day():
            return day_record_words(row.date, checked_in=row.checked_in, note=row.note)
    raise AssertionError(row)


def listing(phrases: Sequence[str], *, most: int = 3) -> str:
    """Phrases as "a, b and c", or the first few and how many more."""
    if len(phrases) > most:
        return ", ".join(phrases[:most]) + f" and {len(phrases) - most} more"
    return " and ".join([", ".join(phrases[:-1]), phrases[-1]]) if len(phrases) > 1 else "".join(phrases)
