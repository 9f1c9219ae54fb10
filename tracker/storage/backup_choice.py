"""The backups of a diary a person can go back to, what each holds, and which one `db restore
--latest` or `--date` takes (tracker.storage.restore puts it back)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from tracker.core.formatting import plural
from tracker.errors import DatabaseRefused, InputError
from tracker.paths import backup_folders
from tracker.storage.backup import KEPT_KINDS, backup_time, list_backups
from tracker.storage.file_checks import connect_file, refuse_if_read_only
from tracker.storage.first_look import database_errors
from tracker.storage.journal import RESTORED

# What a person logged, by table and the column that dates it.
DATED = {"episode": "local_date", "factor_entry": "local_date", "red_flag": "date"}


@dataclass(frozen=True)
class Contents:
    days: int  # days with anything logged: a twitch, a factor, a red flag, a check-in or a note
    entries: int  # twitches, factor entries and red flags
    answered: int  # days whose twitches were answered: a twitch, or "no twitches"

    def words(self) -> str:
        """'12 days, 40 entries, 10 days answered'."""
        return f"{plural(self.days, 'day')}, {plural(self.entries, 'entry', 'entries')}, {self.answered} answered"


@dataclass(frozen=True)
class BackupCopy:
    path: Path
    taken: dt.datetime
    size: int
    contents: Contents | None  # None: the copy cannot be read
    # Found straight in the shared backup folder, where earlier versions put every diary's
    # copies: it may be another diary's of the same file name, so only restored when named.
    shared: bool = False
    # "" for a copy taken of the diary; one of KEPT_KINDS for the diary as a restore found it
    # (taken when that restore ran), which --latest and --date pass over: restored, it would undo
    # the restore that kept it, and a second --latest would swap the two back and forth.
    kind: str = ""

    def label(self) -> str:
        """What `db backups` says of the copy besides its date: "" for a copy taken of the diary."""
        if not self.kind:
            return ""
        what = "the diary as it was" if self.kind == "kept" else "the damaged diary"
        return f"{what}, kept before the restore on {self.taken.astimezone():%Y-%m-%d %H:%M}"


def backups_of(path: Path) -> list[BackupCopy]:
    """Every backup of `path`, oldest first: the daily ones, those beside it (before an upgrade,
    by hand), and those an earlier setting left elsewhere: in `backups/` beside it before
    TRACKER_BACKUPS named another folder, and straight in that folder (shared) before each
    diary had a folder of its own there. No copy is left out because a setting changed."""
    found = {
        (copy, in_shared, kind)
        for folder, in_shared in backup_folders(path)
        for kind in ("", *KEPT_KINDS)
        for copy in list_backups(path, folder, kind)
    }
    copies = [BackupCopy(copy, taken, copy.stat().st_size, _contents_or_none(copy), in_shared, kind)
              for copy, in_shared, kind in found if (taken := backup_time(copy)) is not None]  # fmt: skip
    return sorted(copies, key=lambda copy: copy.taken)


def choose_backup(path: Path, *, named: str | None, day: dt.date | None) -> Path:
    """The backup to restore: a file named, else the newest taken on `day`, else the newest
    (newest_copy says which copies those two choose among)."""
    if named:
        return named_backup(named)
    if path.exists():
        refuse_if_read_only(path, path.stat())  # refused by the restore anyway: before the diary is read
    return newest_copy(backups_of(path), day=day, shown=str(path), restored=_last_restore(path))


def named_backup(named: str) -> Path:
    """The backup file a person named (InputError when there is none)."""
    chosen = Path(named).expanduser()
    if not chosen.is_file():
        raise InputError("BACKUP", named, "a backup file (`tracker db backups` lists them)")
    return chosen


def newest_copy(
    found: list[BackupCopy], *, day: dt.date | None, shown: str, restored: tuple[Path, Path | None] | None = None
) -> Path:
    """The newest of `found` taken on `day` (any day: None) that --latest and --date restore: a
    copy taken of the diary, never one a restore kept (BackupCopy.kind) nor one in the shared
    folder. When it is the very copy the diary's last action `restored` (the copy, and where the
    diary it replaced was kept), restoring it again would change nothing and lose the way back,
    so InputError says so and names the kept diary."""
    option, value = ("--date", day.isoformat()) if day else ("--latest", "")
    copies = [c for c in found if not c.shared and not c.kind and (day is None or c.taken.astimezone().date() == day)]
    if not copies:
        when = f" taken on {day.isoformat()}" if day else ""
        raise InputError(
            option,
            value,
            f"a day with a backup; there is none{when} of {shown}"
            + ("; a copy in the shared backup folder is restored by its path" if any(c.shared for c in found) else ""),
        )
    chosen = copies[-1]
    if restored is not None and _same_file(chosen.path, restored[0]):
        back = f"; `tracker db restore {restored[1]}` goes back to the diary it replaced" if restored[1] else ""
        raise InputError(
            option,
            chosen.path.name,
            f"a copy the diary is not already (that one, taken {chosen.taken.astimezone():%Y-%m-%d %H:%M}, was "
            f"restored and nothing was written since){back}",
        )
    return chosen.path


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def _last_restore(path: Path) -> tuple[Path, Path | None] | None:
    """(the copy restored, the diary kept) when the newest action in the diary at `path` is a
    restore (nothing written since); None otherwise, or when the diary cannot be read."""
    if not path.exists():
        return None
    try:
        conn = connect_file(path, read_only=True)
        try:
            row = conn.execute("SELECT changes FROM action WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1").fetchone()
        finally:
            conn.close()
    except database_errors(DatabaseRefused):  # an encrypted diary, a damaged one: nothing known
        return None
    try:
        change = json.loads(row[0])[0] if row else None
    except (ValueError, TypeError, IndexError, KeyError):
        return None
    if not isinstance(change, dict) or change.get("op") != RESTORED:
        return None
    kept = change.get("kept")
    return Path(str(change.get("backup"))), Path(kept) if kept else None


def contents(path: Path) -> Contents:
    """The days and entries in the database at `path`, read-only."""
    conn = connect_file(path, read_only=True)
    try:
        entries = sum(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in DATED)
        dated = " UNION ".join(f"SELECT {column} FROM {table}" for table, column in DATED.items())
        days = conn.execute(
            f"SELECT count(*) FROM ({dated} UNION SELECT date FROM day WHERE checked_in OR note != '')"
        ).fetchone()[0]
        answered = conn.execute(
            "SELECT count(*) FROM (SELECT local_date FROM episode UNION SELECT date FROM day WHERE checked_in)"
        ).fetchone()[0]
    finally:
        conn.close()
    return Contents(days=days, entries=entries, answered=answered)


def _contents_or_none(path: Path) -> Contents | None:
    try:
        return contents(path)
    except database_errors(DatabaseRefused):  # DatabaseRefused: an encrypted copy with no key here
        return None
