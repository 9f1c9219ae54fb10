"""Which diary a file is: a random id written once into the diary, carried by every copy of it.

A backup's name says when it was taken and of which file name, never of which diary: a copy of
another diary called the same, put by hand among the backups (brought from another machine, a
partner's), would be restored by `db restore --latest` as this diary's newest copy. So the first
write to a diary records a random id in its settings (the `diary_setting` row DIARY_ID, with the
moment it was recorded), every copy taken since holds it, and a restore compares the two.

Copies taken before a diary had an id (by an earlier version of tracker) hold none. Such a copy
is taken as this diary's when it was taken before the diary's id was recorded, as every copy the
diary's own earlier life left was: a copy of another diary dated after that is the case the id
exists to catch, and is refused. A diary with no id yet (nothing written since this version) takes
every copy, as before.

Standard library only: the quick write path (tracker.storage.quick_log) records the id too.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

from tracker.storage.first_look import database_errors

DIARY_ID = "diary_id"
READ = "SELECT value, updated_at FROM diary_setting WHERE key = ?"


@dataclass(frozen=True)
class Identity:
    """A diary's id and when it was recorded (UTC); both None for a diary that has none yet."""

    id: str | None = None
    since: dt.datetime | None = None

    def owns(self, copy_id: str | None, taken: dt.datetime | None) -> bool:
        """Whether a copy holding `copy_id`, taken at `taken` (None: not known from its name),
        is a copy of this diary (the module's docstring says why each case goes the way it does)."""
        if self.id is None or copy_id == self.id:
            return True
        if copy_id is not None:
            return False  # another diary's id
        return taken is not None and self.since is not None and taken < self.since


def mark_diary(conn: Any) -> None:
    """Record a new random id in the diary on `conn` (a DB-API connection inside a write
    transaction) unless it has one. One statement, which changes nothing once the id is there;
    at a revision before the settings table a copy is never compared, and nothing is recorded."""
    now = dt.datetime.now(dt.UTC)
    try:
        conn.execute(
            "INSERT OR IGNORE INTO diary_setting (key, value, updated_at) VALUES (?, ?, ?)",
            (DIARY_ID, os.urandom(16).hex(), f"{now:%Y-%m-%d %H:%M:%S}.{now.microsecond:06d}"),
        )
    except database_errors() as exc:
        if "no such table" not in str(exc):
            raise  # a full disk, say: the write it came with fails as it would have, in its words
        # No settings table yet (an upgrade's earlier steps): the next write records it.


def identity(conn: Any) -> Identity:
    """The id the diary (or copy) on `conn` holds, and since when; Identity() when none, or
    when it cannot be read (an older revision's tables)."""
    try:
        row = conn.execute(READ, (DIARY_ID,)).fetchone()
    except database_errors():
        return Identity()
    if not row:
        return Identity()
    try:
        since = dt.datetime.fromisoformat(str(row[1])).replace(tzinfo=dt.UTC)
    except ValueError:
        since = None
    return Identity(str(row[0]), since)
