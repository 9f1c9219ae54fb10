"""The commonest logs written with the standard library's sqlite3 alone: a twitch, a factor's
value, a "no twitches" day and the day's note.

`tracker log` is typed many times a day, often from a shell alias; the database stack
(SQLAlchemy, SQLModel, pydantic) costs about 0.3 s to import, most of such a command. This
path writes exactly the rows tracker.storage.store writes (a test holds it to them): the same
checks (tracker.core.validate, tracker.core.factor_rules), the same open check, pragmas
(synchronous=FULL), daily backup and write marker as tracker.storage.engine, one transaction,
and the same journal action (tracker.storage.journal_words), so `tracker undo` reverses it.

It writes only a diary already at the schema it was written for, with exactly that schema's
objects: anything else (a file to create or upgrade, an encrypted or foreign file, a newer
schema with columns this path does not know) gives None from open_for_writing, and the caller
goes the store's way, which creates, upgrades or explains the refusal. A stored row it cannot
read as the store would raises NotHandled, inside the transaction, which is rolled back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.core import validate
from tracker.core.daily import day_record_holds
from tracker.core.factor_rules import (
    FactorRow,
    caps_day_total,
    check_factor_value,
    refuse_foreign_definition,
    refuse_past_day_total,
)
from tracker.core.files import ensure_private_dir
from tracker.core.vocabulary import NOTHING_TO_REPEAT, Location, Side
from tracker.errors import DatabaseRefused, TrackerError
from tracker.paths import default_db_path
from tracker.storage import journal_words
from tracker.storage.daily_backup import backup_if_first_today
from tracker.storage.diary_id import mark_diary
from tracker.storage.file_checks import SCHEMA_HEAD, connect_file, inspect_file, make_private
from tracker.storage.leftovers import clear_stopped_conversion
from tracker.storage.wait import WRITE_WAIT_S, notice_if_slow
from tracker.storage.wal import advance_write_marker

# The schema whose rows this path writes, and a digest of its every object (tables, columns,
# indexes, keys: tracker.storage.schema.signature). A test holds the digest to the models. A
# diary at another revision, or with any other shape, is left to the store.
WRITTEN_FOR = "0009"
SCHEMA_DIGEST = "4ffc8f1180a040383d201be03b90e004b885e1a58d220e9238699fcd7a75554f"


class NotHandled(Exception):
    """A stored row this path cannot read as the store would: roll back and use the store."""


@dataclass(frozen=True)
class TwitchLogged:
    id: int
    local_started_at: dt.datetime
    location: str
    side: str
    intensity: int | None
    repeated: bool  # its place, side and intensity repeat an earlier twitch's
    withdrew_no_twitches: bool  # its day was answered "no twitches", withdrawn with it


@dataclass(frozen=True)
class EntryLogged:
    id: int
    local_date: dt.date
    day_values: list[float]  # the factor's values on that day, this one included


def schema_digest(signature: frozenset[tuple[object, ...]]) -> str:
    """A digest of a schema signature (tracker.storage.schema.signature), the same for the same objects."""
    return hashlib.sha256(repr(sorted(repr(item) for item in signature)).encode()).hexdigest()


def open_for_writing(path: Path) -> sqlite3.Connection | None:
    """A connection to write `path`, with the engine's pragmas, when it is a diary this path
    writes (at WRITTEN_FOR, every object as the migrations made it, passing the open check);
    None for anything else, and for any file the open check refuses (the store says why)."""
    if SCHEMA_HEAD != WRITTEN_FOR or not os.path.isfile(path):
        return None  # a newer schema, or a first run: the store creates or upgrades
    if path == default_db_path():
        ensure_private_dir(path.parent, tighten=True)
    clear_stopped_conversion(path)  # as the engine's open does
    try:
        state = inspect_file(path)
    except DatabaseRefused:
        return None  # not SQLite (encrypted, say), corrupt, read-only: the store refuses it in its words
    if state.revision != WRITTEN_FOR or schema_digest(state.schema) != SCHEMA_DIGEST:
        return None
    try:
        make_private(path)
        conn = connect_file(path)
    except (OSError, sqlite3.Error):
        return None  # the store opens it again, and says what stands in the way
    conn.isolation_level = None  # BEGIN is issued here, as the engine does
    # As tracker.storage.engine.make_engine sets them for a command-line write.
    wait_ms = int(WRITE_WAIT_S * 1000)
    try:
        for pragma in (f"busy_timeout={wait_ms}", "journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL"):
            conn.execute(f"PRAGMA {pragma}")
    except sqlite3.Error:
        conn.close()
        return None
    return conn


@contextlib.contextmanager
def write_transaction(
    conn: sqlite3.Connection, path: Path, *, on_wait: Callable[[], None] | None = None
) -> Iterator[sqlite3.Connection]:
    """One write transaction as the engine begins it: the day's first write starts the backup,
    the lock is taken up front, the write marker advanced; committed at the end of the block,
    rolled back on any error. An error that is neither a refusal (TrackerError) nor the
    database's own (sqlite3.Error) comes out as NotHandled: the store reads what this path could
    not, and names a stored value tracker never writes."""
    with notice_if_slow(on_wait):
        conn.execute("BEGIN IMMEDIATE")
    try:
        # Under the lock, as tracker.storage.engine starts it: the copy's process waits for this
        # write to end, so the day's copy always holds the write that started it.
        backup_if_first_today(path)
        advance_write_marker(conn)
        mark_diary(conn)  # the diary's id, once (tracker.storage.diary_id)
        yield conn
        conn.execute("COMMIT")
    except (TrackerError, sqlite3.Error, NotHandled):
        _roll_back(conn)
        raise
    except Exception as exc:
        _roll_back(conn)
        raise NotHandled(f"{type(exc).__name__}: {exc}") from exc
    except BaseException:  # an interrupt: nothing is kept
        _roll_back(conn)
        raise


def _roll_back(conn: sqlite3.Connection) -> None:
    """Undo the transaction, if SQLite has not already: a COMMIT the disk refused (full, failing)
    is rolled back by SQLite itself, and a ROLLBACK then would fail in its own words ("no
    transaction is active"), hiding the failure a person needs to read. A rollback that fails
    too leaves nothing committed either; the first failure is the one told."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


# --- writes ----------------------------------------------------------------------------------


def add_twitch(conn: sqlite3.Connection, *, now: dt.datetime) -> TwitchLogged:
    """A twitch now, its place, side and intensity those of the latest twitch by time before
    it (store.episode_defaults), withdrawing its day's "no twitches" answer (store.add_episode)."""
    started = validate.moment("at", now, now)
    offset = started.utcoffset()
    assert offset is not None  # checked by validate.moment
    at = stored_time(started.astimezone(dt.UTC))
    last = conn.execute(
        "SELECT location, side, intensity, id FROM episode WHERE started_at <= ? ORDER BY started_at DESC, id DESC"
        " LIMIT 1",
        (at,),
    ).fetchone()
    if last is not None and conn.execute("SELECT 1 FROM episode_site WHERE episode_id = ?", last[3:]).fetchone():
        raise NotHandled("the latest twitch has several sites: the store repeats them all")
    location, side, intensity = _repeated(last[:3] if last is not None else None)
    day = started.date()
    created = stored_time(dt.datetime.now(dt.UTC))
    episode_id = _insert(
        conn,
        "INSERT INTO episode (started_at, utc_offset_min, local_date, location, side, intensity, duration_s,"
        " context, relief, note, source, id, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, '', '', '', '', NULL, ?)",
        (at, int(offset.total_seconds() // 60), day.isoformat(), location, side, intensity, created),
    )
    local = dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC).astimezone(started.tzinfo)
    done, undo = journal_words.logged(journal_words.twitch_words(local, day))
    changes = [journal_words.added("episode", [episode_id])]
    record = _day_record(conn, day)
    if record is not None and record["checked_in"]:
        if day_record_holds(checked_in=False, note=str(record["note"])):
            conn.execute("UPDATE day SET checked_in = 0 WHERE date = ?", (day.isoformat(),))
            changes.append(_changed("day", record))
        else:  # the answer was all it held (store._withdraw_no_twitches)
            conn.execute("DELETE FROM day WHERE date = ?", (day.isoformat(),))
            changes.append({"op": "removed", "table": "day", "rows": [record]})
        withdrawn, put_back = journal_words.withdrew_no_twitches(day)
        done, undo = f"{done}; {withdrawn}", f"{put_back}; {undo}"  # undo reverses the newest first
    _record_action(conn, done, undo, changes)
    withdrew = record is not None and bool(record["checked_in"])
    repeated = (location, side, intensity) != NOTHING_TO_REPEAT
    return TwitchLogged(episode_id, local, location, side, intensity, repeated, withdrew)


def find_factor(conn: sqlite3.Connection, name: str) -> FactorRow | None:
    """A factor by its short or column name (store.get_factor) to write under; None when there
    is none. StoredValueError when its row is one tracker never writes (store.add_factor_entry
    refuses it too): its values would be read wrong, so none is written."""
    wanted = name.strip().lower()
    row = conn.execute(
        "SELECT id, name, `column`, kind, unit, min_value, max_value, daily_rule, builtin FROM factor"
        " WHERE name = ? OR `column` = ? LIMIT 1",
        (wanted, wanted),
    ).fetchone()
    if row is None:
        return None
    factor = FactorRow(*row)
    refuse_foreign_definition(factor)
    return factor


def drinks(conn: sqlite3.Connection, factor: FactorRow) -> dict[str, float]:
    """The factor's presets by name, as store.list_presets orders them."""
    rows = conn.execute("SELECT name, amount FROM preset WHERE factor_id = ? ORDER BY id", (factor.id,))
    return {name: float(amount) for name, amount in rows}


def add_factor_entry(
    conn: sqlite3.Connection, factor: FactorRow, value: float, *, note: str = "", now: dt.datetime
) -> EntryLogged:
    """A value of `factor` now, with `note`, checked as store.add_factor_entry checks it."""
    value = check_factor_value(factor, value, field=factor.name)
    at = validate.moment("at", now, now)
    offset = at.utcoffset()
    assert offset is not None  # checked by validate.moment
    day = at.date()
    if caps_day_total(factor):
        logged = conn.execute(
            "SELECT coalesce(sum(value), 0.0) FROM factor_entry WHERE factor_id = ? AND local_date = ?",
            (factor.id, day.isoformat()),
        ).fetchone()[0]
        refuse_past_day_total(factor, float(logged), value)
    entry_id = _insert(
        conn,
        "INSERT INTO factor_entry (factor_id, at, utc_offset_min, local_date, value, note, source, id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, '', NULL, ?)",
        (
            factor.id,
            stored_time(at.astimezone(dt.UTC)),
            int(offset.total_seconds() // 60),
            day.isoformat(),
            value,
            validate.note("note", note),
            stored_time(dt.datetime.now(dt.UTC)),
        ),
    )
    done, undo = journal_words.logged(journal_words.entry_words(factor.name, factor.unit, value, day, factor.kind))
    _record_action(conn, done, undo, [journal_words.added("factor_entry", [entry_id])])
    values = [
        float(row[0])
        for row in conn.execute(
            "SELECT value FROM factor_entry WHERE factor_id = ? AND local_date = ?", (factor.id, day.isoformat())
        )
    ]
    return EntryLogged(entry_id, day, values)


def check_in(conn: sqlite3.Connection, *, day: dt.date, today: dt.date) -> None:
    """The day answered "no twitches" (store.check_in): refused on a day with twitches."""
    day = validate.calendar_day("date", day, today)
    logged = conn.execute("SELECT count(*) FROM episode WHERE local_date = ?", (day.isoformat(),)).fetchone()[0]
    validate.day_without_twitches(day, logged)
    record = _day_record(conn, day)
    now = stored_time(dt.datetime.now(dt.UTC))
    if record is None:
        conn.execute(
            "INSERT INTO day (date, checked_in, note, created_at) VALUES (?, 1, '', ?)", (day.isoformat(), now)
        )
    else:
        conn.execute("UPDATE day SET checked_in = 1, created_at = ? WHERE date = ?", (now, day.isoformat()))
    done, undo = journal_words.checked_in(day, note_stays=bool(record and record["note"]))
    change = _changed("day", record) if record else journal_words.added("day", [day])
    _record_action(conn, done, undo, [change])


def day_note(conn: sqlite3.Connection, day: dt.date) -> str:
    """The day's note; "" when it has none."""
    record = _day_record(conn, day)
    return str(record["note"]) if record else ""


def set_day_note(conn: sqlite3.Connection, *, day: dt.date, note: str, today: dt.date) -> None:
    """The day's one note set, replaced or cleared, as store.set_day_note does it."""
    day = validate.calendar_day("date", day, today)
    record = _day_record(conn, day)
    text = validate.note("note", note)
    iso = day.isoformat()
    if not text and not (record and record["checked_in"]):
        if record is not None:  # a record that held only the note: the day reads as not logged again
            conn.execute("DELETE FROM day WHERE date = ?", (iso,))
            done, undo = journal_words.cleared_note(day)
            _record_action(conn, done, undo, [{"op": "removed", "table": "day", "rows": [record]}])
        return
    now = stored_time(dt.datetime.now(dt.UTC))
    if record is None:
        conn.execute("INSERT INTO day (date, checked_in, note, created_at) VALUES (?, 0, ?, ?)", (iso, text, now))
    else:
        conn.execute("UPDATE day SET note = ?, created_at = ? WHERE date = ?", (text, now, iso))
    done, undo = journal_words.noted(day, earlier=str(record["note"]) if record else "")
    change = _changed("day", record) if record else journal_words.added("day", [day])
    _record_action(conn, done, undo, [change])


# --- stored forms ----------------------------------------------------------------------------


def stored_time(utc: dt.datetime) -> str:
    """A UTC time as SQLAlchemy stores a DateTime in SQLite: naive text with microseconds."""
    return f"{utc:%Y-%m-%d %H:%M:%S}.{utc.microsecond:06d}"


def _repeated(last: tuple[object, ...] | None) -> tuple[str, str, int | None]:
    """The place, side and intensity to repeat from the latest twitch (or nothing to repeat)."""
    if last is None:
        return Location.UNSPECIFIED.value, Side.UNSPECIFIED.value, None
    location, side, intensity = last
    if not isinstance(location, str) or not isinstance(side, str):
        raise NotHandled("a stored place or side that is not text")
    if intensity is not None and type(intensity) is not int:
        raise NotHandled("a stored intensity that is not a number")  # the store names the row
    if intensity is not None:
        validate.intensity(intensity)  # a hand-edited 42 is refused as the store refuses it, never copied
    try:
        return Location(location).value, Side(side).value, intensity
    except ValueError:
        raise NotHandled("a stored place or side tracker does not write") from None


def _day_record(conn: sqlite3.Connection, day: dt.date) -> dict[str, object] | None:
    """The day's record as the journal keeps a row (store's snapshots): JSON-ready, in column order."""
    row = conn.execute(
        "SELECT date, checked_in, note, created_at FROM day WHERE date = ?", (day.isoformat(),)
    ).fetchone()
    if row is None:
        return None
    date, checked_in, note, created = row
    if checked_in not in (0, 1) or not isinstance(note, str) or not isinstance(created, str):
        raise NotHandled("a day record tracker did not write")
    return {
        "date": date,
        "checked_in": bool(checked_in),
        "note": note,
        "created_at": _utc(dt.datetime.fromisoformat(created)).isoformat(),
    }


def _unchanged(conn: sqlite3.Connection, change: journal_words.Change) -> bool:
    """Whether a "changed" change's day record still holds the values it kept."""
    if change["op"] != "changed":
        return False
    kept: list[dict[str, object]] = change["rows"]
    return all(_day_record(conn, dt.date.fromisoformat(str(row["date"]))) == row for row in kept)


def _utc(stored: dt.datetime) -> dt.datetime:
    """A stored time as the models read it back (sqlmodel's UTCDateTime): aware, in UTC."""
    return stored.replace(tzinfo=dt.UTC) if stored.utcoffset() is None else stored.astimezone(dt.UTC)


def _changed(table: str, row: dict[str, object]) -> journal_words.Change:
    return {"op": "changed", "table": table, "rows": [row]}


def _insert(conn: sqlite3.Connection, sql: str, values: tuple[object, ...]) -> int:
    cursor = conn.execute(sql, values)
    assert cursor.lastrowid is not None  # an INSERT into a table with an id
    return cursor.lastrowid


def _record_action(conn: sqlite3.Connection, done: str, undo: str, changes: list[journal_words.Change]) -> None:
    """The action journal's row for this transaction's writes (journal.record's): none when every
    change left its row as it was (undo right after reverses the write before, as with the store)."""
    if changes and all(_unchanged(conn, change) for change in changes):
        return
    conn.execute(
        "INSERT INTO action (at, done, undo, changes, undone_at) VALUES (?, ?, ?, ?, NULL)",
        (stored_time(dt.datetime.now(dt.UTC)), done, undo, json.dumps(changes)),
    )
