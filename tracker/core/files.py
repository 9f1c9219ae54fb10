"""Writing files people keep: owner-only (0600), atomic, and only ever regular files.

A file appears at its name whole or not at all. On Linux it is written as an unnamed file in
the target's folder (O_TMPFILE) and given its name once written and synced, so a process
killed part-way leaves nothing behind; elsewhere a hidden `.NAME.*.tmp` beside the target is
used, removed on any error (a kill can leave one there).

What is written to is checked first (`output_target`): a device, FIFO, socket or directory, or
a symbolic link to one, is refused rather than replaced, whoever runs tracker (root included).
A symbolic link to a regular file is followed, so the link stays and its file is replaced.
An export never replaces a database: a SQLite file (the diary, another diary, a backup), a
database's -wal/-shm/-journal file, or a name a backup would have is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from tracker.core.key_names import key_file_name, keyed_diary
from tracker.errors import InputError

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
STDOUT = "-"
SQLITE_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database
# Files SQLite keeps beside a database while it is open; replacing one corrupts the database.
DATABASE_SIDE_FILES = ("-wal", "-shm", "-journal")
# A timestamped backup's name (tracker.storage.backup): an export named like one would be counted
# among the backups kept and push a real one out. A `Z` marks a time in UTC; names without one
# (made before) are in the clock time of the machine that made them.
BACKUP_NAME = re.compile(r"\.(\d{8}-\d{6}-\d{6})(Z?)\.backup(\.|$)")


def ensure_private_dir(directory: Path, *, tighten: bool = False) -> None:
    """Create `directory` owner-only (0700) if it is missing; `tighten` fixes an existing one.

    Raises NotADirectoryError when something else (a file, a link to one) has the name: it
    is left as it is, mode and all.
    """
    if directory.exists() and not directory.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(directory))
    if not directory.exists():
        directory.mkdir(mode=PRIVATE_DIR, parents=True)
        directory.chmod(PRIVATE_DIR)
    elif tighten and stat.S_IMODE(directory.stat().st_mode) != PRIVATE_DIR:
        directory.chmod(PRIVATE_DIR)


def describe_kind(mode: int) -> str:
    """'a directory', 'a FIFO (named pipe)', 'a device' ... for a stat mode that is not a regular file."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def output_target(path: Path | str, *, field: str = "-o", allow_stdout: bool = False, backup: bool = False) -> Path:
    """The regular file to write for `path` (a symbolic link resolved), checked before any work.

    Raises InputError (one line: field, value, what is allowed) when `path` is a directory,
    a device, a FIFO or a socket, a link to one or to nothing, or in a folder that does not exist;
    or when it is a database or one of its side files, or named as a backup (`backup` is True
    only for the backup itself).
    """
    shown = str(path)
    allowed = "a regular file" + (" or - for standard output" if allow_stdout else "")
    if shown == "":
        raise InputError(field, shown, f"{allowed}; the path is empty")
    path = Path(path)
    target = path
    if path.is_symlink():
        if _through_proc(path):
            # /dev/stdout and friends name whatever this process has open: replacing "that
            # file" would swap the file behind a redirection, or fail on a terminal or pipe.
            raise InputError(field, shown, f"{allowed}; it is one of this process's streams (use -)")
        target = Path(os.path.realpath(path))
        if not target.exists():
            raise InputError(field, shown, f"{allowed}; it is a symbolic link to {target}, which does not exist")
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        folder = target.parent
        if not folder.is_dir():
            what = "does not exist" if not folder.exists() else "is not a folder"
            raise InputError(field, shown, f"{allowed} in a folder that exists; {folder} {what}") from None
        _refuse_database(target, field, shown, allowed, backup=backup)
        return target
    except OSError as exc:
        raise InputError(field, shown, f"{allowed}; it cannot be reached ({exc.strerror})") from None
    if not stat.S_ISREG(mode):
        hint = " (use - for standard output)" if allow_stdout and not stat.S_ISDIR(mode) else ""
        raise InputError(field, shown, f"{allowed}; it is {describe_kind(mode)}{hint}")
    _refuse_database(target, field, shown, allowed, backup=backup)
    return target


def is_sqlite_file(path: Path) -> bool:
    """True if `path` is a readable regular file that starts with the SQLite header."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        return read_head(path, len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


# POSIX drops every lock a process holds on a file when the process closes ANY descriptor of
# that file, whoever opened it. A database read with open() and close() while this process has
# SQLite connections to it loses their locks: another program then takes the file as unused,
# folds and deletes its write-ahead log, and this process goes on writing to a deleted log
# (SQLite's "How To Corrupt Your Database", 2.2). So a file that may be a database is read
# through one descriptor per file, opened once and kept for the life of the process.
_KEPT: OrderedDict[tuple[int, int], int] = OrderedDict()
_KEPT_MAX = 64  # a person's process reads one or two databases; a test run reads many
_KEPT_LOCK = threading.Lock()


def read_head(path: Path, size: int, offset: int = 0) -> bytes:
    """Up to `size` bytes of the regular file at `path` from `offset`, read without ever closing
    a descriptor of it (see above). The caller checks first that `path` is a regular file: a
    FIFO is opened without blocking, and read as empty."""
    fd = kept_descriptor(path)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        return b""
    return os.pread(fd, size, offset)


def kept_descriptor(path: Path) -> int:
    """A read-only descriptor of the file at `path`, kept for the life of the process (see above):
    the caller must never close it. Raises FileNotFoundError when there is no file."""
    info = os.stat(path)
    key = (info.st_dev, info.st_ino)
    with _KEPT_LOCK:
        fd = _KEPT.get(key)
        if fd is None:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
            opened = os.fstat(fd)
            key = (opened.st_dev, opened.st_ino)  # the file found now, if it was replaced meanwhile
            if key in _KEPT:  # a second descriptor of a kept file: kept too, never closed
                _KEPT[(key[0], -fd)] = fd
            else:
                _KEPT[key] = fd
            while len(_KEPT) > _KEPT_MAX:  # the oldest files read, long done with in a test run
                os.close(_KEPT.popitem(last=False)[1])
        else:
            _KEPT.move_to_end(key)
    return fd


def never_a_database(path: Path, *, field: str) -> None:
    """Nothing, or InputError when `path` (a link followed) is a database, one of its side files or
    named as a backup: the rule of output_target alone, for a place asked before its folder exists."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    _refuse_database(target, field, str(path), "a file that is not a database", backup=False)


def _refuse_database(target: Path, field: str, shown: str, allowed: str, *, backup: bool) -> None:
    # The diary, another diary and every backup start with the SQLite header, whatever they
    # are called (a diary named diary.pdf is still a diary); the side files are recognised by
    # their name beside a database, as SQLite itself finds them.
    never = "an export never replaces a database"
    if is_sqlite_file(target):
        raise InputError(field, shown, f"{allowed}; it is a SQLite database ({never})")
    if _encrypted_diary(target):
        raise InputError(field, shown, f"{allowed}; it is an encrypted database ({never})")
    keyed = None if backup else keyed_diary(target)  # tracker writes a key file as it writes a backup
    if keyed is not None and (os.path.lexists(keyed) or _looks_like_key(target)):
        raise InputError(field, shown, f"{allowed}; it is the key file of the encrypted database {keyed} ({never})")
    for suffix in DATABASE_SIDE_FILES:
        if target.name.endswith(suffix):
            owner = target.with_name(target.name.removesuffix(suffix))
            if is_sqlite_file(owner) or _encrypted_diary(owner):
                whose = f"the {suffix[1:]} file of the database {owner}"
                raise InputError(field, shown, f"{allowed}; it is {whose} ({never})")
    if not backup and BACKUP_NAME.search(target.name):
        raise InputError(field, shown, f"{allowed}; it is named as a database backup ({never})")
    if not backup and _tracker_record(target):
        raise InputError(field, shown, f"{allowed}; it is tracker's record of a diary's backups (never replaced)")
    if not backup and _binary_not_an_export(target):
        raise InputError(
            field, shown, f"{allowed}; it holds data no export writes (an encrypted database without its key file?)"
        )


# The records tracker keeps beside a diary and in a backup folder: which folders hold its copies
# (tracker.paths.backup_folders_record) and which copies it wrote (tracker.storage.backup).
BACKUP_FOLDERS_SUFFIX = ".backup-folders"
BACKUP_RECORD_NAME = ".tracker-backups"
# What an export writes that is not text: a PDF (report, chart) and a PNG (chart).
_EXPORT_HEADS = (b"%PDF-", b"\x89PNG\r\n\x1a\n")


def _tracker_record(path: Path) -> bool:
    name = path.name
    return name == BACKUP_RECORD_NAME or (name.startswith(".") and name.endswith(BACKUP_FOLDERS_SUFFIX))


def _binary_not_an_export(path: Path) -> bool:
    """An existing file whose start is neither text nor a PDF or PNG: no export wrote it. An
    encrypted database moved away from its key file is one (random bytes, no header to know it by)."""
    try:
        head = read_head(path, 4096)
    except OSError:
        return False
    if not head or head.startswith(_EXPORT_HEADS):
        return False
    if b"\x00" in head:
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start < len(head) - 3  # a character cut at the end of the 4 KB read is still text
    return False


def _encrypted_diary(path: Path) -> bool:
    # An encrypted diary starts with a random salt, not SQLite's header: it is known by the key
    # file beside it (tracker.storage.keys), and is as much a database as a plain one.
    return os.path.isfile(key_file_name(path)) and os.path.isfile(path) and not is_sqlite_file(path)


def _looks_like_key(path: Path) -> bool:
    # A key file whose diary was moved away still opens that diary's copies: never replaced.
    try:
        return b'"key_id"' in read_head(path, 4096)
    except OSError:
        return False


def _through_proc(path: Path) -> bool:
    """True if following `path`'s links passes through /proc (as /dev/stdout -> /proc/self/fd/1)."""
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links followed
        if current.startswith(("/proc/", "/dev/fd/")):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.join(os.path.dirname(current), os.readlink(current))
    return False


@contextmanager
def private_atomic_file(
    path: Path, *, replace: bool = True, field: str = "-o", backup: bool = False
) -> Iterator[IO[bytes]]:
    """A binary file that appears at `path` (mode 0600) only once fully written and synced.

    With `replace=False` an existing file at `path` is never overwritten (FileExistsError).
    A failed or interrupted write leaves any earlier file at `path` untouched.
    """
    target = output_target(path, field=field, backup=backup)
    with _unnamed_or_hidden(target) as (handle, name_it):
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
        name_it(replace)
    _sync_folder(target.parent)


def write_private(path: Path, data: bytes, *, replace: bool = True, field: str = "-o", backup: bool = False) -> Path:
    """Write `data` to `path`, owner-only and atomically (`backup`: tracker's own backup or its
    record, as output_target says). Returns the path."""
    with private_atomic_file(path, replace=replace, field=field, backup=backup) as handle:
        handle.write(data)
    return Path(path)


@contextmanager
def _unnamed_or_hidden(target: Path) -> Iterator[tuple[IO[bytes], Callable[[bool], None]]]:
    folder = target.parent
    fd = _open_unnamed(folder)
    if fd is None:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        try:
            os.fchmod(fd, PRIVATE_FILE)
            with os.fdopen(fd, "wb") as handle:
                yield handle, lambda replace: _name(temp, target, replace=replace)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        return
    with os.fdopen(fd, "wb") as handle:
        yield handle, lambda replace: _name_unnamed(fd, target, replace=replace)


def _open_unnamed(folder: Path) -> int | None:
    # O_TMPFILE needs Linux and a filesystem that supports it; naming the file afterwards goes
    # through /proc. Anything else falls back to a hidden named file.
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        fd = os.open(folder, flag | os.O_WRONLY, PRIVATE_FILE)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
            return None
        raise
    os.fchmod(fd, PRIVATE_FILE)  # the umask may have narrowed the mode, never widened it
    return fd


def _name_unnamed(fd: int, target: Path, *, replace: bool) -> None:
    # A new name is linked directly (never clobbering); only replacing an existing file needs
    # a hidden name for the instant between link and rename.
    try:
        _link_fd(fd, target)
        return
    except FileExistsError:
        if not replace:
            raise
    temp = target.with_name(f".{target.name}.{os.getpid()}.{fd}.tmp")
    _link_fd(fd, temp)
    try:
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _link_fd(fd: int, name: Path) -> None:
    # linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd/N is how an O_TMPFILE file gets a name without
    # privileges. os.link calls plain link() (which would link the /proc entry itself) unless a
    # directory fd is given; the path is absolute, so the directory it names does not matter.
    root = os.open("/", os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", name, src_dir_fd=root, follow_symlinks=True)
    finally:
        os.close(root)


def _name(temp: str, target: Path, *, replace: bool) -> None:
    if replace:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)  # never clobbers
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A filesystem without hard links (FAT, exFAT): check, then rename.
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "file exists", str(target)) from None
        os.rename(temp, target)


def _sync_folder(folder: Path) -> None:
    """Make the new name itself survive a power cut."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
