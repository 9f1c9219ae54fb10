"""Backups: a checked, complete copy that appears at its name whole, or no file at all.

The copy is taken with SQLite's online backup into memory (a consistent snapshot, safe while
the tracker is in use), checked there (integrity, our revision, our schema), then written
through tracker.core.files: unnamed until synced, then linked to its name without ever replacing a
file. A backup killed part-way therefore leaves nothing that looks like a backup, blocks no
later one and is never counted among the BACKUPS_KEPT.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from tracker.core.files import output_target, private_atomic_file
from tracker.errors import DatabaseRefused, InputError
from tracker.storage.file_checks import FileState, connect_file, inspect_file
from tracker.storage.schema import signature

BACKUPS_KEPT = 5
# Header bytes 18 and 19 say which journal a file uses: 1 rollback, 2 write-ahead log. A
# backup is one self-contained file, so it is marked as a rollback-journal database, as
# `PRAGMA journal_mode=DELETE` would leave it.
JOURNAL_BYTES = slice(18, 20)


def backup_database(path: Path, dest: Path | None = None, *, state: FileState | None = None) -> Path:
    """A consistent, checked copy of `path`, owner-only; returns where it was written.

    Without `dest` the copy is timestamped beside the database and only the newest
    BACKUPS_KEPT such copies are kept. `dest` may be a folder (a timestamped name inside it)
    or a file name that is not taken yet. `state` is the file's inspection, if just made.
    """
    rotate = dest is None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    name = f"{path.stem}.{stamp}.backup{path.suffix}"
    if dest is None:
        dest = path.with_name(name)
    elif dest.is_dir():
        dest = dest / name
    elif dest.is_symlink():
        raise InputError("DEST", str(dest), "a new file name or a folder; it is a symbolic link (never replaced)")
    if dest.exists():
        raise DatabaseRefused(f"backup destination {dest} already exists; choose another")
    output_target(dest, field="DEST", backup=True)
    image = _checked_image(path, state or inspect_file(path))
    with private_atomic_file(dest, replace=False, field="DEST", backup=True) as handle:
        handle.write(image)
    if rotate:
        prune_backups(path)
    return dest


def _checked_image(path: Path, state: FileState) -> bytes:
    """The database's bytes as one consistent snapshot, checked before anything is written."""
    source = connect_file(path, read_only=True)
    copy = sqlite3.connect(":memory:")
    try:
        source.backup(copy)
        check = "; ".join(row[0] for row in copy.execute("PRAGMA integrity_check"))
        revision = copy.execute("SELECT version_num FROM alembic_version").fetchone()
        problem = (
            f"integrity check: {check}"
            if check != "ok"
            else f"its revision is {revision[0] if revision else 'missing'}, the file's is {state.revision}"
            if not revision or revision[0] != state.revision
            else "its tables differ from the file's"
            if signature(copy) != state.schema
            else None
        )
        if problem:
            raise DatabaseRefused(f"the copy of {path} did not check out ({problem}); no backup was written")
        image = bytearray(copy.serialize())
    finally:
        source.close()
        copy.close()
    image[JOURNAL_BYTES] = b"\x01\x01"
    return bytes(image)


def list_backups(path: Path) -> list[Path]:
    """The timestamped backups beside `path`, oldest first."""
    return sorted(path.parent.glob(f"{path.stem}.*.backup{path.suffix}"))


def prune_backups(path: Path, keep: int = BACKUPS_KEPT) -> None:
    for old in list_backups(path)[:-keep]:
        old.unlink(missing_ok=True)
