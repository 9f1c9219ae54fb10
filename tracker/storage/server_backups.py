"""Backups of a server diary, and going back to one, as for a diary in a file.

A server diary's backups are SQLite files (the format every backup has), kept in a folder of
its own (tracker.paths.server_backups_dir): a server has no folder beside it to put them in.
A restore checks the copy as a file's restore does (tracker.storage.restore), then, in one
transaction that holds the server's write lock (tracker.storage.postgres), keeps the diary as
it is as a backup and replaces every row with the copy's. PostgreSQL commits all of it or,
killed or cut off part-way, none of it, and no other machine's write can land in between and
be lost from the copy kept.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import URL, Engine

from tracker.core.files import ensure_private_dir
from tracker.errors import InputError
from tracker.paths import server_backups_dir
from tracker.storage.backup import KEPT_KINDS, backup_name, backup_time, list_backups
from tracker.storage.copy import replace_rows, snapshot_to_file
from tracker.storage.daily_backup import none_today
from tracker.storage.postgres import without_password

# A file's restore's own check of the copy and its journal line: one home for each.
from tracker.storage.restore import BackupCopy, Contents, Restored, contents
from tracker.storage.restore import _checked_copy as checked_copy
from tracker.storage.restore import _journalled as journalled


def backup_stand_in(url: URL) -> Path:
    """The file name a server diary's backups are named after (DATABASE.db in its backup
    folder): the backups list, thin and restore them as a file's, by that name. The folder is
    named after the URL without its password and without the connection options tracker adds."""
    address = url.set(query={name: value for name, value in url.query.items() if name == "host"})
    return server_backups_dir(without_password(address)) / f"{url.database}.db"


def server_backups(url: URL) -> list[BackupCopy]:
    """Every backup of the server diary at `url` in its backup folder, oldest first."""
    stand_in = backup_stand_in(url)
    found = {copy for kind in ("", *KEPT_KINDS) for copy in list_backups(stand_in, stand_in.parent, kind)}
    copies = [BackupCopy(copy, taken, copy.stat().st_size, _contents_or_none(copy))
              for copy in found if (taken := backup_time(copy)) is not None]  # fmt: skip
    return sorted(copies, key=lambda copy: copy.taken)


def choose_server_backup(url: URL, shown: str, *, named: str | None, day: dt.date | None) -> Path:
    """The backup to restore onto the server diary: a file named, else the newest taken on `day`, else the newest."""
    if named:
        chosen = Path(named).expanduser()
        if not chosen.is_file():
            raise InputError("BACKUP", named, "a backup file (`tracker db backups` lists them)")
        return chosen
    copies = [copy for copy in server_backups(url) if day is None or copy.taken.astimezone().date() == day]
    if not copies:
        when = f" taken on {day.isoformat()}" if day else ""
        raise InputError(
            "--date" if day else "--latest",
            day.isoformat() if day else "",
            f"a day with a backup; there is none{when} of {shown}",
        )
    return copies[-1].path


def backup_server(url: URL, engine: Engine, *, kind: str = "") -> Path:
    """A checked SQLite snapshot of the server diary on `engine` in its backup folder; returns it."""
    stand_in = backup_stand_in(url)
    ensure_private_dir(stand_in.parent)
    return snapshot_to_file(engine, stand_in.parent / backup_name(stand_in, dt.datetime.now(), kind))


def restore_server(url: URL, engine: Engine, backup: Path) -> Restored:
    """Replace every entry of the server diary on `engine` (a writing engine at the current
    schema) with those of `backup`, after checking it and keeping the diary as it was.

    Raises DatabaseRefused (nothing changed) when the copy does not check out.
    """
    from tracker.storage.engine import open_database

    image = checked_copy(backup)
    stand_in = backup_stand_in(url)
    ensure_private_dir(stand_in.parent)
    kept = stand_in.parent / backup_name(stand_in, dt.datetime.now(), "kept")
    folder = Path(tempfile.mkdtemp(prefix=".restore.", dir=stand_in.parent))
    try:
        staged = folder / "staged.db"
        staged.write_bytes(journalled(image, backup, kept))
        # Opened as a diary: a copy at an older schema is upgraded here, never on the server.
        none_today(staged)  # a copy being restored is no diary of its own: no daily backup of it
        source = open_database(staged)
        try:
            with engine.begin() as server, source.connect() as reading:  # the write lock, held to the commit
                snapshot_to_file(server, kept)
                replace_rows(reading, server)
        finally:
            source.dispose()
        return Restored(backup, kept, contents(kept), contents(staged))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _contents_or_none(path: Path) -> Contents | None:
    try:
        return contents(path)
    except sqlite3.Error:
        return None
