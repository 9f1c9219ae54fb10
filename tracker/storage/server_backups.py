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
import logging
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL, Engine

from tracker.core.files import ensure_private_dir
from tracker.paths import BACKUPS_ENV_VAR, BACKUPS_OFF, server_backups_dir
from tracker.storage.backup import KEPT_KINDS, backup_name, backup_time, list_backups
from tracker.storage.copy import replace_rows, snapshot_to_file
from tracker.storage.daily_backup import (
    _local_day,
    clear_failure,
    failure_note,
    none_today,
    note_failure,
    notices,
    thin_backups,
)
from tracker.storage.postgres import without_password

if TYPE_CHECKING:
    from tracker.storage.backup_choice import BackupCopy, Contents
    from tracker.storage.restore import Restored

_lock = threading.Lock()
_checked: dict[Path, dt.date] = {}  # per server diary: the day its backup was last started or found


def backup_stand_in(url: URL) -> Path:
    """The file name a server diary's backups are named after (DATABASE.db in its backup
    folder): the backups list, thin and restore them as a file's, by that name. The folder is
    named after the URL without its password and without the connection options tracker adds."""
    address = url.set(query={name: value for name, value in url.query.items() if name == "host"})
    return server_backups_dir(without_password(address)) / f"{url.database}.db"


def server_backups(url: URL) -> list[BackupCopy]:
    """Every backup of the server diary at `url` in its backup folder, oldest first."""
    from tracker.storage.backup_choice import BackupCopy  # deferred, as restore_server's imports

    stand_in = backup_stand_in(url)
    found = {(copy, kind) for kind in ("", *KEPT_KINDS) for copy in list_backups(stand_in, stand_in.parent, kind)}
    copies = [BackupCopy(copy, taken, copy.stat().st_size, _contents_or_none(copy), kind=kind)
              for copy, kind in found if (taken := backup_time(copy)) is not None]  # fmt: skip
    return sorted(copies, key=lambda copy: copy.taken)


def choose_server_backup(url: URL, shown: str, *, named: str | None, day: dt.date | None) -> Path:
    """The backup to restore onto the server diary: a file named, else the newest taken on `day`,
    else the newest, as for a file (tracker.storage.backup_choice.newest_copy)."""
    from tracker.storage.backup_choice import named_backup, newest_copy  # deferred, as restore_server's imports

    if named:
        return named_backup(named)
    return newest_copy(server_backups(url), day=day, shown=shown)


def backup_server(url: URL, engine: Engine, *, kind: str = "", taken: dt.datetime | None = None) -> Path:
    """A checked SQLite snapshot of the server diary on `engine` in its backup folder, named
    `taken` (default: now); returns it."""
    stand_in = backup_stand_in(url)
    ensure_private_dir(stand_in.parent)
    return snapshot_to_file(engine, stand_in.parent / backup_name(stand_in, taken or dt.datetime.now(), kind))


def server_backup_if_first_today(url: URL, password: str | None) -> None:
    """Start today's backup of the server diary at `url` unless its backup folder holds one
    (checked once a day per process), as a file's first write of the day does
    (tracker.storage.daily_backup): in a process of its own, so the write does not wait. The
    password, if any, goes to that process in its environment, never on its command line."""
    if os.environ.get(BACKUPS_ENV_VAR) == BACKUPS_OFF:
        return
    now = dt.datetime.now()
    stand_in = backup_stand_in(url)
    _say_failure(stand_in)  # a stat per write, as for a file: the app, open for days, says it at its next write
    with _lock:
        if _checked.get(stand_in) == now.date():
            return
        _checked[stand_in] = now.date()
    if any(_local_day(taken) == now.date() for taken in _taken(stand_in)):
        return
    import subprocess  # deferred: only the day's first write starts a process

    env = dict(os.environ)
    secret = password if password is not None else url.password
    if secret is not None:
        env["PGPASSWORD"] = str(secret)
    try:
        subprocess.Popen(
            [sys.executable, "-m", "tracker.storage.server_backups", without_password(url), now.isoformat()],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, env=env,  # outlives the command, and a Ctrl-C meant for it
        )  # fmt: skip
    except OSError as exc:  # no process to spare: the write goes on, and says so
        notices.warning("today's backup of %s was not started (%s); the diary itself is untouched", url.database, exc)


def take_server_backup(value: str, taken: dt.datetime) -> Path | None:
    """The day's copy of the server diary at `value` (a URL without its password), then its
    folder thinned as a file's is; None when the day has one already or it could not be made."""
    from tracker.storage.postgres import open_server, server_url

    url = server_url(value)
    stand_in = backup_stand_in(url)
    if any(_local_day(when) == _local_day(taken) for when in _taken(stand_in)):
        return None
    try:
        engine = open_server(value, read_only=True)
        try:
            written = backup_server(url, engine, taken=taken)
        finally:
            engine.dispose()
        thin_backups(stand_in, stand_in.parent)
    except Exception as exc:  # whatever stopped the copy is told at the next write, never raised: no one is waiting
        note_failure(stand_in, taken, exc)
        return None
    clear_failure(stand_in)
    return written


def _say_failure(stand_in: Path) -> None:
    """Say, once, on the "tracker.backup" logger, why an earlier day's copy was not made."""
    if all(isinstance(handler, logging.NullHandler) for handler in notices.handlers):
        return  # nobody would read it (the app): the note waits for a command that says it
    note = failure_note(stand_in)
    try:
        said = note.read_text(errors="replace").strip()
    except OSError:
        return
    notices.warning("the backup of %s was not made (%s); the diary itself is untouched", stand_in.stem, said)
    note.unlink(missing_ok=True)


def _taken(stand_in: Path) -> list[dt.datetime]:
    return [taken for copy in list_backups(stand_in, stand_in.parent) if (taken := backup_time(copy)) is not None]


def restore_server(url: URL, engine: Engine, backup: Path) -> Restored:
    """Replace every entry of the server diary on `engine` (a writing engine at the current
    schema) with those of `backup`, after checking it and keeping the diary as it was.

    Raises DatabaseRefused (nothing changed) when the copy does not check out.
    """
    # Deferred (about 50 ms): every write to a server diary imports this module for its daily
    # backup; only a restore needs a file's restore's own check of the copy and its journal line.
    from tracker.storage.backup_choice import contents
    from tracker.storage.engine import open_database
    from tracker.storage.restore import Restored
    from tracker.storage.restore import _checked_copy as checked_copy
    from tracker.storage.restore import _journalled as journalled

    image = checked_copy(backup)
    stand_in = backup_stand_in(url)
    ensure_private_dir(stand_in.parent)
    kept = stand_in.parent / backup_name(stand_in, dt.datetime.now(), "kept")
    folder = Path(tempfile.mkdtemp(prefix=".restore.", dir=stand_in.parent))
    try:
        staged = folder / "staged.db"
        staged.write_bytes(journalled(image, backup, kept, {}))  # the server's sequences: copy.replace_rows
        # Opened as a diary: a copy at an older schema is upgraded here, never on the server.
        none_today(staged)  # a copy being restored is no diary of its own: no daily backup of it
        source = open_database(staged)
        written = replaced = False
        try:
            with engine.begin() as server, source.connect() as reading:  # the write lock, held to the commit
                snapshot_to_file(server, kept)
                written = True
                replace_rows(reading, server)
                replaced = True
        except BaseException:
            # Failed before the commit: nothing was replaced, so the copy kept is the diary as it
            # still is. A commit that failed may have happened on the server: the copy stays.
            if written and not replaced:
                kept.unlink(missing_ok=True)
            raise
        finally:
            source.dispose()
        return Restored(backup, kept, contents(kept), contents(staged))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _contents_or_none(path: Path) -> Contents | None:
    from tracker.storage.backup_choice import contents

    try:
        return contents(path)
    except sqlite3.Error:
        return None


if __name__ == "__main__":
    os.umask(0o077)
    take_server_backup(sys.argv[1], dt.datetime.fromisoformat(sys.argv[2]))
