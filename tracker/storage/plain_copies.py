"""Which plain copies of a diary `db encrypt` encrypts in place, and which it leaves as they are.

Encrypting a copy rewrites it, so only copies tracker wrote itself are touched: those named in
their folder's record (tracker.storage.backup.made_here), and those holding this diary's own id
(tracker.storage.diary_id), as the copies an earlier version took before the record existed do.
A file that only looks like a backup (another diary's, a file of a person's own that happens to
carry such a name) is never rewritten, nor is a copy a person put among the backups under a name
of their own: each is named as left plain, so the person knows what still holds their words in
the clear.
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from tracker.core.files import SQLITE_HEADER, read_head
from tracker.paths import backup_folders
from tracker.storage.backup import KEPT_KINDS, list_backups, made_here
from tracker.storage.backup_choice import hand_copies
from tracker.storage.diary_id import identity
from tracker.storage.first_look import database_errors, sqlite_uri
from tracker.storage.keys import is_encrypted


def backups_named(path: Path) -> list[Path]:
    """Every copy of the diary at `path` under a backup's name in the folders tracker writes
    copies to (backup_folders), thinned or kept, whoever wrote it."""
    folders = [folder for folder, _ in backup_folders(path)]
    return [copy for folder in folders for kind in ("", *KEPT_KINDS) for copy in list_backups(path, folder, kind)]


def own_plain_copies(path: Path, diary_id: str | None) -> list[Path]:
    """The plain copies of the diary at `path` (whose id is `diary_id`) that tracker wrote: to be
    encrypted with it. A copy whose id cannot be read is not taken for one."""
    plain = [copy for copy in backups_named(path) if _plain(copy)]
    recorded = set(made_here(plain))
    return [copy for copy in plain if copy in recorded or (diary_id is not None and _copy_id(copy) == diary_id)]


def plain_left(path: Path, diary_id: str | None) -> list[Path]:
    """The plain databases in the diary's backup folders that are not own_plain_copies: files
    under a backup's name tracker did not write, and copies a person put in a backup folder under
    a name of their own (beside the diary, where its other files live, only those named like its
    backups). Listed, never rewritten."""
    own = set(own_plain_copies(path, diary_id))
    named = [copy for copy in backups_named(path) if _plain(copy) and copy not in own]
    return named + [copy for copy in hand_copies(path) if _plain(copy)]


def _plain(copy: Path) -> bool:
    """A regular, plain SQLite file (an encrypted copy has its key file and no SQLite header)."""
    try:
        if not stat.S_ISREG(copy.lstat().st_mode):  # a link or a FIFO is no copy; lstat opens nothing
            return False
        return not is_encrypted(copy) and read_head(copy, len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _copy_id(copy: Path) -> str | None:
    """The diary id the plain copy holds; None when it holds none or cannot be read. Opened
    immutable: a copy is one whole file, and reading it leaves nothing beside it."""
    try:
        conn = sqlite3.connect(sqlite_uri(copy, read_only=True) + "&immutable=1", uri=True)
        try:
            return identity(conn).id
        finally:
            conn.close()
    except database_errors():
        return None
