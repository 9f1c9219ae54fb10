"""Whether the tracker app, or any other program, is open on a diary: a shared lock the app holds
on `.NAME.open` beside it, and the lock every SQLite connection holds on its `-shm` file.

A restore replaces the diary's file; an app still holding the old one would go on showing and
writing a file that is no longer the diary. So the app takes a shared lock for as long as it is
open, and a restore asks for the exclusive one, without waiting. The kernel drops the lock when
the app ends, however it ends; whoever ends holding it alone (the last app to close, a restore,
an encrypt) removes the file, and whoever locks a file that was removed meanwhile opens it again
by its name, so a hidden 0-byte file is left only by a process killed while it held the lock.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import struct
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tracker.core.files import kept_descriptor
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
    for _ in range(3):  # a lock file removed under us (_let_go) is opened again, by its name
        try:
            fd = os.open(lock_path(key), os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        except OSError:
            return  # a read-only folder: the diary cannot be restored over there either
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)  # a restore is running this very moment: the app's own open then sees its result
            return
        if _still_named(fd, lock_path(key)):
            _held[key] = fd
            if len(_held) == 1:
                import atexit

                atexit.register(_let_go_all)
            return
        os.close(fd)  # locked a file a restore or the last app had just removed: one nobody looks at


def _still_named(fd: int, name: Path) -> bool:
    """Whether the file open on `fd` is still the one at `name` (not removed, nor replaced)."""
    try:
        held, named = os.fstat(fd), os.stat(name)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)


def _let_go(fd: int, name: Path) -> None:
    """Remove the lock file `name` when the exclusive lock on it is this process's to take
    (nobody else has the diary open), then close `fd`: no hidden 0-byte file is left beside a
    diary nobody has open. Whoever opened it meanwhile finds it gone once locked, and opens it
    again (mark_in_use, kept_from_use)."""
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        pass  # another app has it open: the file is theirs now
    else:
        if _still_named(fd, name):
            with contextlib.suppress(OSError):
                name.unlink()
    os.close(fd)


def _let_go_all() -> None:
    for key, fd in list(_held.items()):
        _let_go(fd, lock_path(key))
        del _held[key]


@contextmanager
def kept_from_use(path: Path, *, then: str = "restore") -> Iterator[None]:
    """Hold the app's lock on `path` exclusively for the `with` block (a restore's whole run), so no
    app opens the diary meanwhile. Raises DatabaseRefused when the app holds it, or when any other
    process has a connection to the diary (refuse_if_connected); `then` is what the refusal says
    to do once it is closed (restore, encrypt, decrypt)."""
    if importlib.util.find_spec("fcntl") is None:  # no flock (Windows): the connections alone
        refuse_if_connected(path, then=then)
        yield
        return
    fd = _take(path, then, create=False)
    try:
        refuse_if_connected(path, then=then)  # before the lock file is made, so a refusal leaves nothing behind
        if fd is None:
            fd = _take(path, then, create=True)  # an app opening from now on finds the restore holding it
        yield
    finally:
        if fd is not None:  # held exclusively: nobody else's, so removed rather than left beside the diary
            _let_go(fd, lock_path(path))  # closing it drops no SQLite lock: the lock file is never a database


def _take(path: Path, then: str, *, create: bool) -> int | None:
    """The lock file of `path` open and locked exclusively (DatabaseRefused while the app holds
    it); None when there is none (`create`: none can be made)."""
    for _ in range(3):
        fd = _lock_file(path, create=create)
        if fd is None:
            return None
        try:
            _lock_or_refuse(fd, path, then)
        except DatabaseRefused:
            os.close(fd)
            raise
        if _still_named(fd, lock_path(path)):
            return fd
        os.close(fd)  # removed by whoever held it last, between our open and our lock: open it again
    return None


def refuse_if_in_use(path: Path, *, then: str = "restore") -> None:
    """Raise DatabaseRefused, as kept_from_use does, when the app or any other program has the
    diary open: asked before a restore reads the diary at all (to choose among its copies), so
    that a refusal leaves the folder exactly as it was (no lock file made either)."""
    fd = _lock_file(path, create=False)
    try:
        if fd is not None:
            _lock_or_refuse(fd, path, then)
        refuse_if_connected(path, then=then)
    finally:
        if fd is not None:
            os.close(fd)


def _lock_or_refuse(fd: int, path: Path, then: str) -> None:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        raise DatabaseRefused(
            f"the tracker is open on {path}; close it (ctrl+q), then {then}. Nothing was changed"
        ) from None


def _lock_file(path: Path, *, create: bool) -> int | None:
    flags = os.O_RDWR | getattr(os, "O_CLOEXEC", 0) | (os.O_CREAT if create else 0)
    try:
        return os.open(lock_path(path), flags, 0o600)
    except OSError:  # none yet, or a read-only folder (the restore itself is refused further on)
        return None


def refuse_if_connected(path: Path, *, then: str = "restore") -> None:
    """Raise DatabaseRefused when another process has a connection to the diary at `path`.

    In write-ahead-log mode every SQLite connection holds a shared lock on one byte of the
    `-shm` file (the "DMS" byte, offset 128, in SQLite's os_unix.c) for as long as it is open,
    whichever program made it: the app, an import, a script, the sqlite3 shell. F_GETLK asks
    whether a lock on that byte would be granted, and takes none; locks held by this process
    are not reported. The `-shm` file is read through a descriptor kept open for the life of the
    process, as closing any descriptor of it would drop this process's own SQLite locks.
    """
    if sys.platform != "linux":  # struct flock is laid out otherwise elsewhere: the app's lock alone
        return
    import fcntl

    holder = _process_holding(path)
    if holder is not None:
        raise DatabaseRefused(
            f"another program (process {holder}) has {path} open; close it, then {then}. Nothing was changed"
        )
    try:
        fd = kept_descriptor(path.with_name(path.name + "-shm"))
    except FileNotFoundError:
        return  # no connection has the diary open in write-ahead-log mode
    probe = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, _DMS_BYTE, 1, 0) + bytes(16)
    answer = fcntl.fcntl(fd, fcntl.F_GETLK, probe)
    kind, _whence, _start, _length, pid = struct.unpack_from(_FLOCK, answer)
    if kind != fcntl.F_UNLCK:
        raise DatabaseRefused(
            f"another program (process {pid}) has {path} open; close it, then {then}. Nothing was changed"
        )


def _process_holding(path: Path) -> int | None:
    """Another process with the diary (or its log) open, by the file descriptors Linux lists for
    each process: the one in /proc that the shm lock cannot show. A connection locks the `-shm`
    file only once it first reads; the sqlite3 shell, or a script, that has opened the diary and
    not read yet holds the file all the same, and would write into the replaced one. Processes of
    other users are not listed to us, and cannot open an owner-only diary anyway."""
    wanted = set()
    for name in (path, path.with_name(path.name + "-wal")):
        try:
            found = os.stat(name)
        except OSError:
            continue
        wanted.add((found.st_dev, found.st_ino))
    if not wanted:
        return None
    own = str(os.getpid())
    try:
        pids = [entry for entry in os.listdir("/proc") if entry.isdigit() and entry != own]
    except OSError:
        return None
    for pid in pids:
        try:
            descriptors = os.listdir(f"/proc/{pid}/fd")
        except OSError:  # ended meanwhile, or not ours to look at
            continue
        for fd in descriptors:
            try:
                found = os.stat(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if (found.st_dev, found.st_ino) in wanted and _may_write(pid, fd):
                return int(pid)
    return None


def _may_write(pid: str, fd: str) -> bool:
    """Whether descriptor `fd` of process `pid` was opened for writing (its flags in fdinfo). A
    read-only one cannot write into a replaced file; tracker keeps such descriptors of the files
    it has read for its whole life (tracker.core.files.kept_descriptor)."""
    with contextlib.suppress(OSError, ValueError, IndexError), open(f"/proc/{pid}/fdinfo/{fd}") as info:
        for line in info:
            if line.startswith("flags:"):
                return int(line.split()[1], 8) & os.O_ACCMODE != os.O_RDONLY
    return True  # cannot tell: as if it could


_DMS_BYTE = 128  # SQLite's shm "dead man switch" lock: shared while any connection is open
_FLOCK = "hhqqi"  # struct flock on Linux: type, whence, start, length, pid
