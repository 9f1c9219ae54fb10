"""The automatic backup: on the first write of each calendar day, a checked copy of the diary as
the day found it, in the backup folder; then the older copies are thinned.

It runs from the engine's write hook (tracker.storage.engine), before the write takes its
lock, so every writer (the command line, the TUI, an import) pays for it once a day and no
command has to remember it. The copy is tracker.storage.backup's (online backup, integrity
check, then named only once whole), so a kill leaves no half copy and never touches the diary.
A copy that cannot be made (a full disk, a folder that went away) never stops the write: it
is said once, on the "tracker.backup" logger, and tried again on the next day or run.

Thinning keeps the newest copy of each of the 7 latest days, 4 latest weeks and 12 latest
months that have one (as restic's `forget --keep-daily/weekly/monthly` does): counting
periods that hold a copy, not calendar periods, so a fortnight away loses no older copies.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from tracker.core.files import ensure_private_dir
from tracker.paths import BACKUPS_ENV_VAR, backups_dir
from tracker.storage.backup import backup_database, backup_time, list_backups

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12

notices = logging.getLogger("tracker.backup")
notices.addHandler(logging.NullHandler())  # silent unless the command line or the app listens

_lock = threading.Lock()
_checked: dict[Path, dt.date] = {}  # per database: the day its backup was last made or tried


def backup_if_first_today(path: Path) -> Path | None:
    """Take today's backup of `path` unless the backup folder already holds one; returns
    the copy written, or None. Never raises for a copy it could not make: says why, once."""
    today = dt.datetime.now().date()
    key = Path(path).absolute()
    with _lock:
        if _checked.get(key) == today:
            return None
        _checked[key] = today  # tried once a day per run, whatever comes of it
    folder = backups_dir(key)
    try:
        if any(taken.date() == today for taken in _times(list_backups(key, folder))):
            return None
        ensure_private_dir(folder, tighten=not _chosen_folder())
        written = backup_database(key, folder)
        thin_backups(key, folder)
    except Exception as exc:  # whatever stops the copy, the person's write goes on
        from tracker.errors import failure_line

        notices.warning(
            "today's backup of %s was not made (%s); the diary itself is untouched", key.name, failure_line(exc)[0]
        )
        return None
    return written


def thin_backups(path: Path, folder: Path) -> list[Path]:
    """Remove the copies of `path` in `folder` that kept_times does not keep; returns those removed."""
    copies = {copy: taken for copy in list_backups(path, folder) if (taken := backup_time(copy)) is not None}
    kept = kept_times(copies.values())
    removed = [copy for copy, taken in copies.items() if taken not in kept]
    for copy in removed:
        copy.unlink(missing_ok=True)
    return removed


def kept_times(times: Iterable[dt.datetime]) -> set[dt.datetime]:
    """The times whose copies are kept: the newest of each of the latest KEEP_DAILY days,
    KEEP_WEEKLY ISO weeks and KEEP_MONTHLY months that hold a copy."""
    newest_first = sorted(times, reverse=True)
    periods: list[tuple[int, Callable[[dt.datetime], object]]] = [
        (KEEP_DAILY, lambda t: t.date()),
        (KEEP_WEEKLY, lambda t: t.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda t: (t.year, t.month)),
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


def _times(paths: Iterable[Path]) -> list[dt.datetime]:
    return [taken for path in paths if (taken := backup_time(path)) is not None]


def _chosen_folder() -> bool:
    # A folder the person named is theirs: created owner-only if missing, never re-permissioned.
    import os

    return bool(os.environ.get(BACKUPS_ENV_VAR))
