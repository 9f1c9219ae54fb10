"""What a stopped `db encrypt` or `db decrypt` leaves beside a diary, and its removal.

The other form of the diary is written to a hidden name beside it (`.NAME.converting`, with its
key file and SQLite's side files), then one rename swaps it in (tracker.storage.cipher). Killed
before the rename, the hidden file holds the whole diary, encrypted (a stopped encrypt: with its
key file beside it, so it opens) or plain (a stopped decrypt): a second diary a person might
take for theirs, or copy. The next command that opens the diary for writing removes it, and says
so, once no conversion is running (no other program has the diary open): the name is tracker's
own, made only by a conversion, and the diary itself was never touched by it.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from tracker.core.files import DATABASE_SIDE_FILES
from tracker.core.key_names import key_file_name

notices = logging.getLogger("tracker.backup")  # said on stderr by each command that writes


def converting(path: Path) -> Path:
    """The hidden name the other form of `path` is written to before one rename swaps it in."""
    return path.with_name(f".{path.name}.converting")


def parts(temp: Path) -> tuple[Path, ...]:
    """The hidden file `temp` and what may be left beside it: its key file, its log and journal."""
    return (temp, Path(key_file_name(temp)), *(temp.with_name(temp.name + suffix) for suffix in DATABASE_SIDE_FILES))


def remove(temp: Path) -> list[Path]:
    """Remove `temp` and its parts; returns those that were there."""
    removed = []
    for name in parts(temp):
        with contextlib.suppress(FileNotFoundError):
            name.unlink()
            removed.append(name)
    return removed


def clear_stopped_conversion(path: Path) -> list[Path]:
    """Remove what a stopped conversion left beside the diary at `path`, and say so; returns what
    was removed. Nothing is removed while any program has the diary open (a conversion running
    holds it): the next command tries again. A stat when nothing is there."""
    temp = converting(path)
    if not any(os.path.lexists(name) for name in parts(temp)):
        return []
    from tracker.errors import DatabaseRefused
    from tracker.storage.in_use import kept_from_use

    removed: list[Path] = []
    with contextlib.suppress(DatabaseRefused), kept_from_use(path, then="try again"):
        removed = remove(temp)
    if removed:
        names = ", ".join(name.name for name in removed)
        notices.warning(
            "removed %s beside %s: a half-made copy of the diary a stopped `db encrypt` or `db decrypt` left; "
            "the diary itself was not changed",
            names,
            path.name,
        )
    return removed
