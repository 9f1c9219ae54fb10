"""The automatic backup: on the first write of each calendar day, a checked copy of the diary
in the backup folder; then the older copies are thinned.

The engine's write hook (tracker.storage.engine) calls backup_if_first_today once the write
holds the diary's lock, so every writer (the command line, the TUI, an import) starts it once a
day, no command has to remember it, and the copy holds the write that started it.
The copy and its full integrity check take about half a second on ten years of entries, so the
hook only starts it, in a process of its own that outlives a quick command, and the write goes
on at once. That process makes the copy tracker.storage.backup makes (online backup, integrity
check, then named only once whole): killed, it leaves no half copy and never touches the diary.
A copy that cannot be made (a full disk, a folder gone) leaves a note beside the diary, and the
next write says it once, on the "tracker.backup" logger, then removes it.

Thinning keeps the newest copy of each of the 7 latest days, 4 latest weeks and 12 latest
months that have one (as restic's `forget --keep-daily/weekly/monthly` does): counting
periods that hold a copy, not calendar periods, so a fortnight away loses no older copies.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from tracker.core.files import ensure_private_dir, write_private
from tracker.paths import BACKUPS_ENV_VAR, BACKUPS_OFF, backups_dir, record_backup_folder
from tracker.storage.backup import backup_database, backup_time, list_backups, made_here, remove_copies

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12

notices = logging.getLogger("tracker.backup")
notices.addHandler(logging.NullHandler())  # silent unless the command line or the app listens

_lock = threading.Lock()
_checked: dict[Path, dt.date] = {}  # per database: the day its backup was last started or found


def backup_if_first_today(path: Path) -> None:
    """Start today's backup of `path` unless the backup folder holds one already (checked
    once a day per process); first say, once, why an earlier one was not made."""
    if os.environ.get(BACKUPS_ENV_VAR) == BACKUPS_OFF:
        return
    now = dt.datetime.now()
    key = Path(path).absolute()
    if not _has_diary(key):
        return  # nothing to copy yet: the diary's first write, checked again at the next
    _say_failure(key)  # a stat per write: the app, open for days, says it at its next write
    with _lock:
        if _checked.get(key) == now.date():
            return
        _checked[key] = now.date()
    if now.date() not in _days(list_backups(key, backups_dir(key))) and _begun_before(key, now):
        _start(key, now)


# Whatever a person writes has its creation time (UTC, as SQLAlchemy writes it): a diary that
# holds one from before today was begun before today.
_WRITTEN = ("action", "at"), ("episode", "created_at"), ("factor_entry", "created_at"), ("day", "created_at"), (
    "red_flag", "created_at")  # fmt: skip


def _begun_before(path: Path, now: dt.datetime) -> bool:
    """Whether the diary at `path` holds anything written before today (local). A diary begun
    today has nothing a copy would keep that the diary itself does not, and a copy of an empty
    diary is noise among the backups: its first copy comes the next day it is written, whichever
    process writes it (none_today covers the process that created it). True when it cannot be
    told (an older schema, a file that cannot be read): a copy too many costs less than one missing."""
    from tracker.storage.first_look import connect_file, database_errors

    midnight = dt.datetime.combine(now.date(), dt.time()).astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    try:
        conn = connect_file(path, read_only=True)
        try:
            # EXISTS stops at the first older row: on a diary of years, the first it reads.
            return any(
                conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE {column} < ?)", (midnight,)).fetchone()[0]
                for table, column in _WRITTEN
            )
        finally:
            conn.close()
    except database_errors(OSError):
        return True


def none_today(path: Path) -> None:
    """Take no backup of `path` today: the diary was just created, so nothing was there before
    today's writes to keep (and a copy that failed would warn about a diary that never was).
    The first write of another day backs it up."""
    with _lock:
        _checked[Path(path).absolute()] = dt.date.today()


def take_daily_backup(path: Path, taken: dt.datetime) -> Path | None:
    """The day's copy of `path`, taken now and named `taken`, then the folder thinned; returns
    the copy, or None when the day has one already. A failure leaves the note the next write says."""
    folder = backups_dir(path)
    if not _has_diary(path):
        return None  # the first write made no diary (a full disk): no copy, and nothing to say
    try:
        if _local_day(taken) in _days(list_backups(path, folder)):
            return None
        # Created owner-only; a folder the person made or linked keeps the mode they gave it.
        ensure_private_dir(folder)
        record_backup_folder(path, folder)
        written = backup_database(path, folder, taken=taken)
        thin_backups(path, folder)
    except Exception as exc:  # whatever stopped the copy is told, never raised: no one is waiting
        note_failure(path, taken, exc, folder)
        return None
    clear_failure(path)
    return written


def note_failure(path: Path, taken: dt.datetime, exc: Exception, folder: Path | None = None) -> None:
    """Leave the note the next write says once: why the copy of `path` taken at `taken` failed."""
    from tracker.errors import failure_line

    where = f" in {folder}" if folder is not None else ""
    why = f"{exc.strerror.lower()}{where}" if isinstance(exc, OSError) and exc.strerror else failure_line(exc)[0]
    with contextlib.suppress(Exception):  # a full disk may refuse even the note
        write_private(failure_note(path), f"{taken:%a %d %b}: {why}".encode())


def clear_failure(path: Path) -> None:
    """Remove the note of an older failure: today's copy made it good."""
    with contextlib.suppress(FileNotFoundError):
        failure_note(path).unlink()


def failure_note(path: Path) -> Path:
    return path.with_name(f".{path.name}.backup-failed")


def thin_backups(path: Path, folder: Path) -> list[Path]:
    """Remove the copies of `path` in `folder` that kept_times does not keep; returns those removed.
    Only copies tracker wrote there (tracker.storage.backup.made_here) are counted or removed."""
    own = made_here(list_backups(path, folder))
    copies = {copy: taken for copy in own if (taken := backup_time(copy)) is not None}
    kept = kept_times(copies.values())
    removed = [copy for copy, taken in copies.items() if taken not in kept]
    remove_copies(removed)
    return removed


def kept_times(times: Iterable[dt.datetime]) -> set[dt.datetime]:
    """The times whose copies are kept: the newest of each of the latest KEEP_DAILY days,
    KEEP_WEEKLY ISO weeks and KEEP_MONTHLY months that hold a copy."""
    newest_first = sorted(times, reverse=True)
    periods: list[tuple[int, Callable[[dt.datetime], object]]] = [
        (KEEP_DAILY, _local_day),
        (KEEP_WEEKLY, lambda t: _local_day(t).isocalendar()[:2]),
        (KEEP_MONTHLY, lambda t: (_local_day(t).year, _local_day(t).month)),
    ]
    kept: set[dt.datetime] = set()
    for count, period_of in periods:
        seen: set[object] = set()
        for taken in newest_first:
            period = period_of(taken)
            if period not in seen and len(seen) < count:
                seen.add(period)
                kept.add(taken)
    return kept


def _start(path: Path, now: dt.datetime) -> None:
    import subprocess  # deferred: only the day's first write starts a process

    try:
        subprocess.Popen(
            [sys.executable, "-m", "tracker.storage.daily_backup", str(path), now.isoformat()],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,  # outlives the command, and a Ctrl-C meant for it
        )  # fmt: skip
    except OSError as exc:  # no process to spare: the write goes on, and says so
        notices.warning("today's backup of %s was not started (%s); the diary itself is untouched", path.name, exc)


def _say_failure(path: Path) -> None:
    if all(isinstance(handler, logging.NullHandler) for handler in notices.handlers):
        return  # nobody would read it (the app): the note waits for a command that says it
    note = failure_note(path)
    if not _has_diary(path):
        note.unlink(missing_ok=True)  # no diary was there to copy: nothing was lost
        return
    try:
        said = note.read_text(errors="replace").strip()
    except OSError:
        return
    notices.warning("the backup of %s was not made (%s); the diary itself is untouched", path.name, said)
    note.unlink(missing_ok=True)


def _days(paths: Iterable[Path]) -> set[dt.date]:
    return {_local_day(taken) for path in paths if (taken := backup_time(path)) is not None}


def _local_day(moment: dt.datetime) -> dt.date:
    """The day on this machine's calendar (backups are named in UTC; days are the person's)."""
    return moment.astimezone().date()


def _has_diary(path: Path) -> bool:
    """A diary with something in it: a file a failed first write never created, or left empty, has nothing to copy."""
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def after_the_write(path: Path) -> None:
    """Return once the write that started this copy has ended. That write holds the diary's
    write lock while it starts the copy's process (tracker.storage.engine), so taking the lock
    once, and letting it go at once, waits for its commit: the copy then always holds it, where
    a copy started beside it could hold it or not. Best effort: a diary that cannot be locked
    (read-only, say) is copied as it is."""
    import sqlite3

    from tracker.storage.first_look import connect_file

    with contextlib.suppress(sqlite3.Error):
        conn = connect_file(path)
        try:
            conn.isolation_level = None
            conn.execute("PRAGMA busy_timeout=600000")  # a long import: the copy waits for its commit
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()


if __name__ == "__main__":
    os.umask(0o077)
    after_the_write(Path(sys.argv[1]))
    take_daily_backup(Path(sys.argv[1]), dt.datetime.fromisoformat(sys.argv[2]))
