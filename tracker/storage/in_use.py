"""Whether the tracker app is open on a diary: a shared lock it holds on `.NAME.open` beside it.

A restore replaces the diary's file; an app still holding the old one would go on showing and
writing a file that is no longer the diary. So the app takes a shared lock for as long as it is
open, and a restore asks for the exclusive one, without waiting. The lock file stays (removing
it would race with an app opening); the kernel drops the lock when the app ends, however it ends.
"""

from __future__ import annotations

import os
from pathlib import Path

from tracker.errors import DatabaseRefused

_held: dict[Path, int] = {}  # this process's locks, kept open for its whole life


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.open")


def mark_in_use(path: Path) -> None:
    """Hold the shared lock on `path` until this process ends (the app calls it on open)."""
    try:
        import fcntl
    except ImportError:  # no flock (Windows): a restore cannot tell, and says nothing
        return
    key = Path(path).absolute()
    if key in _held:
        return
    try:
        fd = os.open(lock_path(key), os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        return  # a read-only folder: the diary cannot be restored over there either
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)  # a restore is running this very moment: the app's own open then sees its result
        return
    _held[key] = fd


def refuse_if_in_use(path: Path) -> None:
    """Raise DatabaseRefused when the app holds `path` open (in another window, say)."""
    try:
        import fcntl
    except ImportError:
        return
    try:
        fd = os.open(lock_path(path), os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise DatabaseRefused(
            f"the tracker is open on {path}; close it (ctrl+q), then restore. Nothing was changed"
        ) from None
    finally:
        os.close(fd)
