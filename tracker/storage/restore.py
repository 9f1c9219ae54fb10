"""Going back to a backup (which one: tracker.storage.backup_choice).

A restore checks the copy first (tracker.storage.backup.copy_problem: the same check every
backup passed when it was written), keeps the diary as it is now among the backups, then puts
the copy in its place with one rename. The diary's write-ahead log is folded in and emptied
first, while the restore holds the write lock: a log left beside the restored file would belong
to another version of it (tracker.storage.wal), and a write made meanwhile would land in the
file being replaced. The restored file is a rollback-journal copy, as every backup is, so no
later log can be taken for its own either.

What a restore cannot see: its last look for other connections (in_use.refuse_if_connected) is
made while it holds the write lock, just before the rename, and a program that opens the diary
in the few microseconds between the two is not seen. That program reads the diary as it was
before the restore, and a write it starts waits for the restore's lock, then goes into the
replaced file, which no longer has a name: the write is lost though the program reports it
done. The write lock cannot close this: SQLite's locks keep out a second writer, not a new
connection, and the rename has to be made under the lock so that no write lands in the file
being replaced. Closing it would take a lock every program takes before it opens the diary;
`.NAME.open` (tracker.storage.in_use) is taken by the app only, after it opens, so it lets a
restore see an app that is open, and keeps nothing out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tracker.core.files import PRIVATE_FILE, ensure_private_dir
from tracker.errors import DatabaseRefused
from tracker.paths import backups_dir, record_backup_folder
from tracker.storage.backup import backup_database, backup_name, copy_problem
from tracker.storage.backup_choice import Contents, contents, refuse_another_diary
from tracker.storage.diary_id import identity
from tracker.storage.file_checks import connect_file, inspect_file, refuse_if_read_only
from tracker.storage.first_look import connect_copy, database_errors, not_created_yet
from tracker.storage.in_use import kept_from_use, refuse_if_connected
from tracker.storage.journal import RESTORED
from tracker.storage.keys import is_encrypted, key_file
from tracker.storage.restore_changes import changes, snapshot
from tracker.storage.stored_values import first_foreign_value
from tracker.storage.wal import wal_path


@dataclass(frozen=True)
class Restored:
    backup: Path
    saved: Path | None  # where the diary as it was went; None when there was none
    before: Contents | None
    after: Contents
    key_note: str | None = None  # what changed about what opens the diary; None: nothing did
    changes: tuple[str, ...] = ()  # what differs, by kind (tracker.storage.restore_changes)


def restore_backup(path: Path, backup: Path, *, force: bool = False) -> Restored:
    """Put `backup` in place of the diary at `path`, after checking it and keeping the diary as it was.

    Raises DatabaseRefused (nothing changed) when the copy does not check out, or the tracker
    or any other program is open on the diary; InputError when it is a copy of another diary
    (backup_choice.refuse_another_diary), unless `force`.
    """
    if path.exists():
        refuse_if_read_only(path, path.stat())  # a diary made read-only is left alone, not replaced
    image, copy_id = _checked(backup)
    if not force:
        refuse_another_diary(path, backup, copy_id)
    with kept_from_use(path):
        ensure_private_dir(backups_dir(path))
        record_backup_folder(path, backups_dir(path))  # the diary as it is is kept there
        highest = _highest_ids(path)  # read before the diary is replaced
        was_encrypted = is_encrypted(path)
        held = snapshot(path) if path.exists() else None
        saved, before = _keep_current(path)
        image = _journalled(image, backup, saved, highest)
        note = None
        if is_encrypted(backup):  # the diary becomes the encrypted copy: its key file comes with it
            from tracker.storage.cipher import copy_key_file
            from tracker.storage.encrypted_copies import same_data_key

            # Unless the diary's own key file holds the same data key: it says which passphrase
            # opens the diary now, and a copy's (wrapped before a change, or by a change stopped
            # part-way) would switch the diary to a passphrase the person is not using.
            if not same_data_key(path, backup):
                copy_key_file(backup, path)
                note = _ENCRYPTED_NOW if not was_encrypted else _OTHER_KEY
        elif was_encrypted:
            from tracker.storage.encrypted_copies import encrypted_like

            # An encrypted diary stays encrypted: the plain copy's data, encrypted with the diary's
            # key before it is written; its key file and passphrase stay as they are.
            image = encrypted_like(image, path)
            note = _STAYS_ENCRYPTED
        _replace(path, image)
        if note is not None:
            note = note.format(key=key_file(path).name)
        return Restored(backup, saved, before, contents(path), note, tuple(changes(held, snapshot(path))))


_STAYS_ENCRYPTED = (
    "that copy was not encrypted; the restored diary is encrypted all the same, with the diary's key: "
    "the same passphrase opens it"
)
_ENCRYPTED_NOW = (
    "that copy was encrypted, so the diary is now encrypted: it opens with the passphrase the copy was made "
    "with (its key file came with it as {key}); `tracker db decrypt` makes it plain again"
)
_OTHER_KEY = (
    "that copy was encrypted with another key: the diary now opens with the passphrase the copy was made "
    "with (its key file replaced {key})"
)


def _checked_copy(backup: Path) -> bytes:
    """The bytes of `backup` once it checks out (DatabaseRefused when it does not)."""
    return _checked(backup)[0]


def _checked(backup: Path) -> tuple[bytes, str | None]:
    """_checked_copy, and the id of the diary the copy is of (tracker.storage.diary_id)."""
    held: list[str | None] = [None]

    def check(copy: sqlite3.Connection) -> str | None:
        held[0] = identity(copy).id
        return copy_problem(copy) or _foreign_value(copy)

    if is_encrypted(backup):  # checked in an encrypted copy of its own (tracker.storage.cipher)
        from tracker.storage.encrypted_copies import encrypted_image

        return encrypted_image(backup, check), held[0]
    try:
        source = connect_copy(backup)
        copy = sqlite3.connect(":memory:")
        try:
            source.backup(copy)
            problem = check(copy)
            image = copy.serialize()
        finally:
            source.close()
            copy.close()
    except database_errors() as exc:
        problem = str(exc)
    if problem:
        raise DatabaseRefused(f"{backup} cannot be restored ({problem}); the diary was left as it was")
    return image, held[0]


def _highest_ids(path: Path) -> dict[str, int]:
    """The highest id each table of the diary at `path` has ever given (SQLite's AUTOINCREMENT
    record), or {} when it cannot be read (a damaged diary: nothing better is known)."""
    if not path.exists():
        return {}
    try:
        conn = connect_file(path, read_only=True)
        try:
            return dict(conn.execute("SELECT name, seq FROM sqlite_sequence").fetchall())
        finally:
            conn.close()
    except database_errors():
        return {}


def _ids_never_reused(copy: sqlite3.Connection, highest: dict[str, int]) -> None:
    """Raise the copy's id counters to the diary's it replaces: an id shown (e14 in a note, a
    list printed last week) must never name a different entry once the older copy is back."""
    tables = {name for (name,) in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, seq in highest.items():
        if table not in tables:
            continue
        updated = copy.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", (seq, table))
        if updated.rowcount == 0:
            copy.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, seq))


def _journalled(image: bytes, backup: Path, saved: Path | None, highest: dict[str, int]) -> bytes:
    """The image with the restore recorded as the newest action of its journal, so that `undo`
    right after a restore says how a restore is undone (restoring `saved`) instead of undoing
    an entry of the copy (tracker.storage.journal.RESTORED), and with ids counting on from the
    diary's it replaces (_ids_never_reused)."""

    def edit(copy: sqlite3.Connection) -> None:
        with contextlib.suppress(*database_errors()), copy:  # a copy without AUTOINCREMENT tables
            _ids_never_reused(copy, highest)
        _record_restore(copy, backup, saved)

    if is_encrypted(backup):
        from tracker.storage.encrypted_copies import edited_image

        return edited_image(image, backup, edit)
    copy = sqlite3.connect(":memory:")
    try:
        copy.deserialize(image)
        edit(copy)
        return copy.serialize()
    finally:
        copy.close()


def _record_restore(copy: sqlite3.Connection, backup: Path, saved: Path | None) -> None:
    done = f"restored {backup.name}"
    undo = f"tracker db restore {saved}" if saved else "nothing: there was no diary before"
    change = {"op": RESTORED, "backup": str(backup), "kept": str(saved) if saved else None}
    at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    with contextlib.suppress(*database_errors()), copy:  # an older revision has no journal
        copy.execute(
            "INSERT INTO action (at, done, undo, changes) VALUES (?, ?, ?, ?)",
            (at, done, undo, json.dumps([change])),
        )


def _foreign_value(copy: sqlite3.Connection) -> str | None:
    """A value the copy holds that tracker never writes (hand-edited, say): every command would
    refuse the diary it became, so the copy is refused instead, naming the value."""
    try:
        found = first_foreign_value(copy)
    except database_errors():  # an older revision's tables: checked once it is upgraded
        return None
    return found.split("; fix or delete")[0] if found else None


def _keep_current(path: Path) -> tuple[Path | None, Contents | None]:
    """The diary as it is now, kept among the backups: a checked copy, or, for a diary that
    does not check out (the reason to restore, often), its files as they are."""
    if not path.exists() or not_created_yet(path):  # an empty file a stopped first run left: no diary to keep
        return None, None
    folder = backups_dir(path)
    try:
        inspect_file(path)
        return backup_database(path, folder, kind="kept"), contents(path)
    except database_errors(DatabaseRefused):
        kept = folder / backup_name(path, dt.datetime.now(), "damaged")
        for suffix in ("", "-wal"):
            with contextlib.suppress(FileNotFoundError):
                _copy_private(path.with_name(path.name + suffix), kept.with_name(kept.name + suffix))
        with contextlib.suppress(FileNotFoundError):  # an encrypted diary's files open only with its key file
            _copy_private(key_file(path), key_file(kept))
        for side in (wal_path(path), path.with_name(path.name + "-shm")):
            side.unlink(missing_ok=True)  # kept above; never to be replayed onto the restored file
        return kept, None


def _copy_private(source: Path, dest: Path) -> None:
    """Copy `source` to a new file `dest` made owner-only (0600) from the start, as every backup is,
    whatever the mode of `source`."""
    with open(source, "rb") as reading:
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), PRIVATE_FILE)
        os.fchmod(fd, PRIVATE_FILE)  # the umask may have narrowed it; never anything wider
        with os.fdopen(fd, "wb") as writing:
            shutil.copyfileobj(reading, writing)
            writing.flush()
            os.fsync(writing.fileno())


def _replace(path: Path, image: bytes) -> None:
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".restore")
    try:
        os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(image)
            handle.flush()
            os.fsync(handle.fileno())
        if not path.exists():
            os.replace(temp, path)
            return
        conn = connect_file(path)
        try:
            conn.isolation_level = None
            conn.execute("PRAGMA busy_timeout=10000")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the log folded in and emptied
            conn.execute("BEGIN IMMEDIATE")  # no write lands in the file being replaced
            refuse_if_connected(path)  # nor did any program open the diary since the first look
            os.replace(temp, path)
            conn.execute("ROLLBACK")
        finally:
            conn.close()  # the last connection out removes the old, empty log
        try:
            refuse_if_connected(path)
        except DatabaseRefused:
            pass  # a program opened the restored file this instant: the side files are its own now
        else:
            for side in (wal_path(path), path.with_name(path.name + "-shm")):
                side.unlink(missing_ok=True)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
