"""The backups of a diary a person can go back to, what each holds, and which one `db restore
--latest` or `--date` takes (tracker.storage.restore puts it back)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tracker.core.files import BACKUP_NAME, DATABASE_SIDE_FILES, SQLITE_HEADER, read_head
from tracker.core.formatting import plural
from tracker.errors import DatabaseRefused, InputError
from tracker.paths import backup_folders
from tracker.storage.backup import KEPT_KINDS, backup_time, list_backups, regular_file
from tracker.storage.diary_id import Identity, identity
from tracker.storage.file_checks import connect_file, refuse_if_read_only
from tracker.storage.first_look import connect_copy, database_errors
from tracker.storage.journal import RESTORED
from tracker.storage.keys import is_encrypted

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
    diary_id: str | None = None  # the id of the diary it is a copy of (tracker.storage.diary_id); None: none held

    def label(self) -> str:
        """What `db backups` says of the copy besides its date: "" for a copy taken of the diary."""
        if not self.kind:
            return ""
        if self.kind == BY_HAND:
            return f"placed here by hand, last changed {self.taken.astimezone():%Y-%m-%d %H:%M}"
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
    found |= {(copy, False, BY_HAND) for copy in hand_copies(path)}
    copies = []
    for copy, in_shared, kind in found:
        taken = backup_time(copy) if kind != BY_HAND else _modified(copy)
        if taken is not None:
            held, diary = _read_copy(copy)
            copies.append(BackupCopy(copy, taken, copy.stat().st_size, held, in_shared, kind, diary))
    return sorted(copies, key=lambda copy: copy.taken)


# The kind of a copy a person put in a backup folder under a name of their own: listed, restored
# when named, never thinned (tracker.storage.backup.made_here), and passed over by --latest and
# --date, which take the copies tracker dated by their names.
BY_HAND = "hand"


def hand_copies(path: Path) -> list[Path]:
    """The databases a person put in the diary's backup folders (not beside the diary, where its
    other files live, nor in the shared folder, where every diary's are) under names tracker
    does not give: a plain SQLite file, or an encrypted one with its key file beside it. Side
    files, hidden files and anything else in those folders are not copies."""
    folders = [folder for folder, shared in backup_folders(path) if not shared and folder != path.parent]
    found = []
    for folder in folders:
        try:
            names = sorted(entry for entry in folder.iterdir() if not entry.name.startswith("."))
        except OSError:
            continue
        for copy in names:
            if BACKUP_NAME.search(copy.name) or copy.name.endswith(DATABASE_SIDE_FILES) or not regular_file(copy):
                continue
            if is_encrypted(copy) or read_head(copy, len(SQLITE_HEADER)) == SQLITE_HEADER:
                found.append(copy)
    return found


def _modified(copy: Path) -> dt.datetime | None:
    """When a copy with no date in its name last changed: what a person copying it kept, if anything."""
    try:
        return dt.datetime.fromtimestamp(copy.stat().st_mtime, dt.UTC)
    except OSError:
        return None


@dataclass(frozen=True)
class Choice:
    path: Path  # the copy to restore
    passed_over: tuple[Path, ...] = ()  # newer copies, of another diary, that --latest or --date did not take
    ahead: tuple[Path, ...] = ()  # copies dated after now (the clock set wrong when taken): --latest passed them over


def choose_backup(path: Path, *, named: str | None, day: dt.date | None) -> Choice:
    """The backup to restore: a file named, else the newest of this diary's copies taken on
    `day`, else the newest (newest_copy says which copies those two choose among), with the
    newer copies of another diary passed over (tracker.storage.diary_id)."""
    if named:
        return Choice(named_backup(named))
    if path.exists():
        refuse_if_read_only(path, path.stat())  # refused by the restore anyway: before the diary is read
    found, mine = backups_of(path), diary_identity(path)
    others = [c for c in found if c.contents is not None and not mine.owns(c.diary_id, c.taken)]
    candidates = [c for c in found if c not in others]
    restored = _last_restore(path)
    if restored is not None and restored.at is not None:
        # Right after a restore (nothing written since), a copy taken since holds the restored
        # diary itself (the day's first copy, started by any later write, a refused one too):
        # "latest" is the newest copy from before the restore, so a second --latest changes
        # nothing and says so (newest_copy), and never undoes the first.
        candidates = [c for c in candidates if c.taken < restored.at]
    # A copy dated after now was taken with the clock set wrong: "latest" until that date came,
    # it would roll back every day logged since. --latest passes it over (and says so); --date
    # that day, or its path, restores it.
    ahead = [c for c in candidates if c.taken > dt.datetime.now(dt.UTC)] if day is None else []
    candidates = [c for c in candidates if c not in ahead]
    passed = restorable(others, day)
    try:
        chosen = newest_copy(
            candidates, day=day, shown=str(path), restored=(restored.copy, restored.kept) if restored else None
        )
    except InputError as exc:
        if not passed:
            raise
        names = ", ".join(c.path.name for c in passed)
        raise InputError(exc.field, exc.value, f"{exc.allowed}; {names}: {ANOTHER_DIARY}") from None
    taken = next(c.taken for c in candidates if c.path == chosen)
    return Choice(
        chosen, tuple(c.path for c in passed if c.taken > taken), tuple(c.path for c in restorable(ahead, None))
    )


ANOTHER_DIARY = "a copy of another diary (`tracker db restore FILE --force` restores it anyway)"
AHEAD = "dated after now (taken with the clock set wrong?); `tracker db restore FILE` restores it"


def diary_identity(path: Path) -> Identity:
    """Which diary the file at `path` is (tracker.storage.diary_id); Identity() when it has no id
    yet, is missing, or cannot be read (a damaged diary: any copy may mend it)."""
    if not path.exists():
        return Identity()
    try:
        conn = connect_file(path, read_only=True)
        try:
            return identity(conn)
        finally:
            conn.close()
    except database_errors(DatabaseRefused):
        return Identity()


def refuse_another_diary(path: Path, backup: Path, copy_id: str | None) -> None:
    """InputError when `backup`, holding `copy_id`, is not a copy of the diary at `path`
    (Identity.owns), unless it is the diary as a restore kept it in one of its backup folders
    (what `undo` after a restore names, whichever diary was restored over it)."""
    mine = diary_identity(path)
    if mine.owns(copy_id, backup_time(backup)):
        return
    folders = [folder for folder, shared in backup_folders(path) if not shared]
    if any(
        _same_file(backup, kept)
        for folder in folders
        for kind in KEPT_KINDS
        for kept in list_backups(path, folder, kind)
    ):
        return
    why = (
        ""
        if copy_id is not None
        else f"; it holds no diary id, which every copy of this diary taken since {mine.since:%Y-%m-%d} holds"
    )
    raise InputError("BACKUP", str(backup), f"a copy of this diary; it is {ANOTHER_DIARY}{why}")


def restorable(found: list[BackupCopy], day: dt.date | None) -> list[BackupCopy]:
    """Those of `found` --latest (day None) or --date `day` may restore: copies taken of the
    diary on that day, never one a restore kept (BackupCopy.kind) nor one in the shared folder."""
    return [c for c in found if not c.shared and not c.kind and (day is None or c.taken.astimezone().date() == day)]


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
    copies = restorable(found, day)
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


@dataclass(frozen=True)
class LastRestore:
    copy: Path  # the copy restored
    kept: Path | None  # where the diary it replaced was kept
    at: dt.datetime | None  # when (UTC); None when the record does not say


def _last_restore(path: Path) -> LastRestore | None:
    """The restore that is the newest action in the diary at `path` (nothing written since);
    None otherwise, or when the diary cannot be read."""
    if not path.exists():
        return None
    try:
        conn = connect_file(path, read_only=True)
        try:
            row = conn.execute(
                "SELECT changes, at FROM action WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"
            ).fetchone()
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
    try:
        at = dt.datetime.fromisoformat(str(row[1])).replace(tzinfo=dt.UTC)
    except ValueError:
        at = None
    return LastRestore(Path(str(change.get("backup"))), Path(kept) if kept else None, at)


def contents(path: Path) -> Contents:
    """The days and entries in the database at `path`, read-only."""
    conn = connect_file(path, read_only=True)
    try:
        return _contents_on(conn)
    finally:
        conn.close()


def _contents_on(conn: sqlite3.Connection) -> Contents:
    entries = sum(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in DATED)
    dated = " UNION ".join(f"SELECT {column} FROM {table}" for table, column in DATED.items())
    days = conn.execute(
        f"SELECT count(*) FROM ({dated} UNION SELECT date FROM day WHERE checked_in OR note != '')"
    ).fetchone()[0]
    answered = conn.execute(
        "SELECT count(*) FROM (SELECT local_date FROM episode UNION SELECT date FROM day WHERE checked_in)"
    ).fetchone()[0]
    return Contents(days=days, entries=entries, answered=answered)


def _read_copy(path: Path) -> tuple[Contents | None, str | None]:
    """What the copy at `path` holds, and the id of the diary it is of; (None, None) when it
    cannot be read (DatabaseRefused: an encrypted copy with no key here)."""
    try:
        conn = connect_copy(path)
        try:
            return _contents_on(conn), identity(conn).id
        finally:
            conn.close()
    except database_errors(DatabaseRefused):
        return None, None
