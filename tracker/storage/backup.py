"""Backups: a checked, complete copy that appears at its name whole, or no file at all.

The copy is taken with SQLite's online backup into memory (a consistent snapshot, safe while
the tracker is in use), checked there (integrity, our revision, our schema), then written
through tracker.core.files: unnamed until synced, then linked to its name without ever replacing a
file. A backup killed part-way therefore leaves nothing that looks like a backup, blocks no
later one and is never counted among the BACKUPS_KEPT.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import re
import sqlite3
import stat
from pathlib import Path

from tracker.core.files import BACKUP_NAME, BACKUP_RECORD_NAME, output_target, private_atomic_file, write_private
from tracker.errors import DatabaseRefused, InputError
from tracker.storage.file_checks import KNOWN_REVISIONS, FileState, connect_file
from tracker.storage.first_look import database_errors
from tracker.storage.keys import is_encrypted, key_file
from tracker.storage.schema import signature

BACKUPS_KEPT = 5
# Copies no thinning ever removes, named apart (NAME.TIME.backup.KIND.db): the diary as it was
# before a restore, checked ("kept") or as its files were ("damaged"). Each may be the only copy
# of what a person logged, so only they remove one.
KEPT_KINDS = ("kept", "damaged")
# The names of the copies tracker itself wrote into a folder, one a line, kept in that folder.
# Thinning removes only copies named there: a file a person put beside the diary or among the
# backups (a copy brought back from another disk, say) is never removed, however it is named.
RECORD_NAME = BACKUP_RECORD_NAME
# Header bytes 18 and 19 say which journal a file uses: 1 rollback, 2 write-ahead log. A
# backup is one self-contained file, so it is marked as a rollback-journal database, as
# `PRAGMA journal_mode=DELETE` would leave it.
JOURNAL_BYTES = slice(18, 20)


def backup_database(
    path: Path,
    dest: Path | None = None,
    *,
    state: FileState | None = None,
    taken: dt.datetime | None = None,
    kind: str = "",
) -> Path:
    """A consistent, checked copy of `path`, owner-only; returns where it was written.

    Without `dest` the copy is timestamped beside the database and only the newest
    BACKUPS_KEPT such copies are kept. `dest` may be a folder (a timestamped name inside it)
    or a file name that is not taken yet. `state` is the file's inspection, if just made;
    without it the copy is checked against what tracker's migrations make (copy_problem).
    `taken` names the copy's moment (default: now); `kind` (one of KEPT_KINDS) a copy never thinned.
    """
    rotate = dest is None
    name = backup_name(path, taken or dt.datetime.now(), kind)
    named_here = dest is None or dest.is_dir()  # a name tracker chose, not one the person gave
    if dest is None:
        dest = path.with_name(name)
    elif dest.is_dir():
        dest = dest / name
    elif dest.is_symlink():
        raise InputError("DEST", str(dest), "a new file name or a folder; it is a symbolic link (never replaced)")
    if dest.exists():
        raise DatabaseRefused(f"backup destination {dest} already exists; choose another")
    output_target(dest, field="DEST", backup=True)
    encrypted = is_encrypted(path)
    if encrypted:  # the copy stays encrypted, with the diary's key (tracker.storage.cipher)
        from tracker.storage.cipher import copy_key_file
        from tracker.storage.encrypted_copies import encrypted_image

        image = encrypted_image(path, lambda copy: copy_problem(copy, state))
    else:
        image = _checked_image(path, state)
    if named_here:
        _record(dest)  # before the copy: a copy killed part-way leaves only a name with no file
    try:
        with private_atomic_file(dest, replace=False, field="DEST", backup=True) as handle:
            handle.write(image)
    except BaseException:
        if named_here:  # the name goes with the copy that was never written (a full disk, say)
            with contextlib.suppress(OSError):
                remove_copies([dest])
        raise
    if encrypted:
        copy_key_file(path, dest)  # the copy opens with the passphrase wherever it goes
    if rotate:
        prune_backups(path)
    return dest


def _checked_image(path: Path, state: FileState | None) -> bytes:
    """The database's bytes as one consistent snapshot, checked before anything is written.

    Against `state` (the file's inspection) when given; otherwise the copy must be at a
    revision tracker knows, with the tables its migrations make there.
    """
    source = connect_file(path, read_only=True)
    copy = sqlite3.connect(":memory:")
    try:
        source.backup(copy)
        problem = copy_problem(copy, state)
        if problem:
            raise DatabaseRefused(f"the copy of {path} did not check out ({problem}); no backup was written")
        image = bytearray(copy.serialize())
    finally:
        source.close()
        copy.close()
    image[JOURNAL_BYTES] = b"\x01\x01"
    return bytes(image)


def copy_problem(copy: sqlite3.Connection, state: FileState | None = None) -> str | None:
    """What is wrong with a copy of a diary, in words; None when it is whole and ours.

    The one check every copy passes: a backup before it is written, a backup before it is
    restored. SQLite's full integrity check, then the revision and the tables: the file's own
    (`state`) while the copy is at its revision, otherwise those tracker's migrations make at
    the copy's revision.
    """
    check = "; ".join(row[0] for row in copy.execute("PRAGMA integrity_check"))
    if check != "ok":
        return f"integrity check: {check}"
    try:
        row = copy.execute("SELECT version_num FROM alembic_version").fetchone()
    except database_errors():
        row = None
    revision = row[0] if row else None
    if state is not None and revision == state.revision:
        return "its tables differ from the file's" if signature(copy) != state.schema else None
    # No inspection, or the file moved on since it (another tracker upgraded it meanwhile, a
    # `db backup` run beside a write): the copy must be what the migrations make at its revision.
    if revision not in KNOWN_REVISIONS:
        return f"its schema revision is {revision or 'missing'}; this version knows {', '.join(KNOWN_REVISIONS)}"
    from tracker.storage.schema import expected_signature

    return "its tables are not the ones tracker makes" if signature(copy) != expected_signature(revision) else None


def backup_name(path: Path, moment: dt.datetime, kind: str = "") -> str:
    """The name a backup of `path` taken at `moment` gets, in UTC (a naive `moment` is local
    time): a clock set back (the autumn change, another time zone) never names a newer copy
    as older. A `kind` from KEPT_KINDS sets it apart from the copies thinned. BACKUP_NAME in
    tracker.core.files knows it."""
    utc = moment.astimezone(dt.UTC)
    return f"{path.stem}.{utc:%Y%m%d-%H%M%S-%f}Z.backup{'.' + kind if kind else ''}{path.suffix}"


def backup_time(path: Path) -> dt.datetime | None:
    """When the backup at `path` was taken, read from its name, time-zone aware; None for
    another file. A name made before backups were named in UTC holds the local clock time:
    it is read in today's time zone, so its order among copies taken in the hour a clock went
    back, or before a move to another zone, is uncertain."""
    found = BACKUP_NAME.search(path.name)
    if not found:
        return None
    taken = dt.datetime.strptime(found.group(1), "%Y%m%d-%H%M%S-%f")
    return taken.replace(tzinfo=dt.UTC) if found.group(2) else taken.astimezone()


def list_backups(path: Path, folder: Path | None = None, kind: str = "") -> list[Path]:
    """The timestamped backups of `path` in `folder` (default: beside it), oldest first by the
    moment each was taken: those thinned, or with `kind` those of that kind (KEPT_KINDS). Only
    copies of this very name (`diary.old.db`'s are not `diary.db`'s), and only regular files."""
    tail = r"\.backup" + (re.escape("." + kind) if kind else "")
    pattern = re.compile(re.escape(path.stem) + r"\.\d{8}-\d{6}-\d{6}Z?" + tail + re.escape(path.suffix))
    found = [
        (taken, copy)
        for copy in (folder or path.parent).glob(f"{glob.escape(path.stem)}.*{glob.escape(path.suffix)}")
        if pattern.fullmatch(copy.name) and regular_file(copy) and (taken := backup_time(copy)) is not None
    ]
    return [copy for _, copy in sorted(found)]


def regular_file(path: Path) -> bool:
    # Only a regular file can be a copy: opening a FIFO named like one would wait forever, and a
    # link (to nothing, or to anything) is not a copy the tracker made. lstat opens nothing.
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def prune_backups(path: Path, keep: int = BACKUPS_KEPT) -> None:
    """Remove all but the newest `keep` of the copies tracker wrote beside `path` (made_here)."""
    remove_copies(made_here(list_backups(path))[:-keep])


def made_here(copies: list[Path]) -> list[Path]:
    """Those of `copies` that tracker wrote itself: named in their folder's record (RECORD_NAME)."""
    records: dict[Path, set[str]] = {}
    for copy in copies:
        if copy.parent not in records:
            records[copy.parent] = _recorded(copy.parent)
    return [copy for copy in copies if copy.name in records[copy.parent]]


def remove_copies(copies: list[Path]) -> None:
    """Remove `copies` (each one tracker wrote), the key files encrypted ones have beside them,
    and their names from their folders' records."""
    for copy in copies:
        copy.unlink(missing_ok=True)
        key_file(copy).unlink(missing_ok=True)  # an encrypted copy's key file goes with it
    for folder in {copy.parent for copy in copies}:
        # Names whose file is gone are dropped. A name another process records meanwhile may be
        # lost with them: its copy is then never thinned, which keeps a copy rather than losing one.
        kept = sorted(name for name in _recorded(folder) if (folder / name).exists())
        if kept:
            record = "".join(f"{name}\n" for name in kept).encode()
            write_private(folder / RECORD_NAME, record, field="DEST", backup=True)
        else:
            (folder / RECORD_NAME).unlink(missing_ok=True)  # no copy of tracker's left: nothing beside the diary


def _record(copy: Path) -> None:
    # One short line appended (O_APPEND): two processes recording at once both keep theirs.
    fd = os.open(copy.parent / RECORD_NAME, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        os.write(fd, f"{copy.name}\n".encode())
    finally:
        os.close(fd)


def _recorded(folder: Path) -> set[str]:
    try:
        return set((folder / RECORD_NAME).read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:  # none yet: no copy in this folder was written by tracker
        return set()
