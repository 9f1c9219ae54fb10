"""Does the write-ahead log beside a database belong to it? Read with the standard library only.

SQLite replays whatever `NAME-wal` lies beside `NAME` and has no way to tell whether that log
was written on top of this copy of the file: a log left from a later state, beside a file
restored from a copy, is replayed and then checkpointed into it, mixing pages of two states
(rows missing from indexes, or worse). So before any connection reads the file, the log's
committed frames are compared with the file's header, using what SQLite itself writes
(https://www.sqlite.org/fileformat2.html#walformat):

- a log's page size is the database's page size;
- a database with a log is in WAL mode (header bytes 18 and 19 are 2): switching a file back
  to a rollback journal (as `tracker db backup` copies are) needs the log checkpointed first;
- every write transaction of tracker advances the header's write marker (user_version) by one
  (advance_write_marker), so each one logs page 1. A log starts only once the previous one was
  wholly copied into the file, so its first page-1 frame carries the file's marker + 1; unless
  a checkpoint already copied one of the log's page-1 frames into the file, in which case the
  file's page 1 is that frame, byte for byte. A log that passes neither test was written on
  top of another state of the file: an older copy beside a later log, or the reverse.

SQLite's own file change counter cannot serve as the marker: in WAL mode a writer stamps page 1
with the counter it read when it last read page 1, so a long-running writer puts the same
counter in logs written after a checkpoint. It is used only for a log that leaves the marker
as the file has it (written by an older tracker or another program).

Only frames inside committed transactions count (cumulative checksums, as SQLite checks
them), so a log torn by a crash is judged by what SQLite will replay of it. These are
necessary conditions: a log that fails one cannot belong; one that passes them all is then
read, still read-only, by the open check (quick_check and the index counts) before any
connection may write.
"""

from __future__ import annotations

import os
import stat
import struct
import sys
import time
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from tracker.core.files import read_head

WAL_HEADER = 32
FRAME_HEADER = 24
# The magic's low bit says in which byte order the checksums read the 32-bit words.
WAL_MAGIC = {0x377F0682: "little", 0x377F0683: "big"}
DB_HEADER = 100
# A log judged foreign is judged again while another process keeps changing it or the file.
SETTLE_TRIES = 20


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def foreign_wal(path: Path) -> str | None:
    """Why the `-wal` beside `path` cannot belong to it, in words; None when it may (or is absent).

    The log and the file are read one after the other, without a lock: while another process
    writes the diary, a checkpoint can land between the two reads, and a live log then looks
    written on top of a later state of the file. A verdict counts only when neither file changed
    while it was reached. A foreign log is one nobody has open (opening it would have replayed
    it), so it holds still; one that changes on every try is being written, and so belongs.
    An encrypted diary's page 1 and log frames are judged decrypted with its key, as a plain
    diary's are; with no key here, not at all (the open then says the diary is locked).
    """
    from tracker.storage.keys import is_encrypted

    decode: Decode | None = None
    if is_encrypted(path):
        decode = _decoder(path)
        if decode is None:
            return None  # no key here: the open says the diary is locked
    for attempt in range(SETTLE_TRIES):
        before = _state(path)
        reason = _judge(path, decode)
        if reason is None or _state(path) == before:
            return reason
        time.sleep(0.001 * attempt)
    return None


Decode = Callable[[bytes, bytes | None], "bytes | None"]  # page 1 as stored, the file's salt -> decrypted


def _decoder(path: Path) -> Decode | None:
    """What decrypts the page-1 images of the encrypted diary at `path`; None when this process
    has no key for it."""
    from tracker.errors import DatabaseRefused
    from tracker.storage.cipher_pages import plain_page_one
    from tracker.storage.keys import data_key

    try:
        key = data_key(path)
    except DatabaseRefused:
        return None  # locked, or a wrong passphrase: the open refuses it in its own words

    def decode(image: bytes, salt: bytes | None) -> bytes | None:
        return plain_page_one(image, key, salt=salt)

    return decode


def _state(path: Path) -> tuple[object, ...]:
    """What any write or checkpoint changes: the log's header, size and time, and the file's page 1."""
    wal = wal_path(path)
    try:
        info = wal.lstat()
        head = read_head(wal, WAL_HEADER) if stat.S_ISREG(info.st_mode) else b""
    except FileNotFoundError:
        return ()
    db = os.stat(path)
    return (info.st_ino, info.st_size, info.st_mtime_ns, head, db.st_size, db.st_mtime_ns, read_head(path, DB_HEADER))


def _judge(path: Path, decode: Decode | None) -> str | None:
    wal = wal_path(path)
    try:
        info = wal.lstat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return "the log is not a regular file"
    if info.st_size < WAL_HEADER:
        return None  # SQLite treats it as empty
    first: bytes | None = None
    # The log may be opened and closed (SQLite locks the file and its -shm, never the log); the
    # database is read through core.files.read_head, which never closes a descriptor of it.
    with wal.open("rb") as log:
        header = log.read(WAL_HEADER)
        magic, _version, page_size, _seq, salt1, salt2 = struct.unpack(">6I", header[:24])
        order = WAL_MAGIC.get(magic)
        if order is None or _checksum(header[:24], (0, 0), order) != struct.unpack(">2I", header[24:32]):
            return None  # an invalid header makes SQLite ignore the whole log
        page_size = page_size or 65536
        frames = _page_one_frames(log, page_size, (salt1, salt2), order, info.st_size)
        if frames is None:
            return None  # no committed frame: nothing will be replayed
        first_page = read_head(path, page_size)
        if len(first_page) < DB_HEADER:
            return None  # a file created a moment ago: its first page lives in the log so far
        salt = first_page[:16]
        if decode is not None:
            plain = decode(first_page, None)
            if plain is None:
                return None  # the key does not open the file: the open says so
            first_page = plain
        db_page_size = struct.unpack(">H", first_page[16:18])[0]
        if (db_page_size if db_page_size != 1 else 65536) != page_size:
            return f"the log is for pages of {page_size} bytes, the file's are {db_page_size}"
        if first_page[18:20] != b"\x02\x02":
            return "the file is a standalone copy (not in write-ahead-log mode), so no log can be pending for it"
        marker, counter = _marker(first_page), _counter(first_page)
        for stored in frames:  # committed page-1 images, oldest first, checksummed as they come
            image = stored if decode is None else decode(stored, salt)
            if image is None:
                return "the log was written with another diary's key"
            if first is None:
                first = image
                if _follows(first, first_page):
                    return None
            if image == first_page:
                return None  # a checkpoint already copied this frame into the file
    if first is None:
        return None  # page 1 is not in the log: nothing more to compare
    if _marker(first) != marker:
        return f"the log goes on from write {_marker(first) - 1}, the file is at write {marker}"
    changes = f"change {_counter(first) - 1}; this is {counter}"
    return f"the log was written on top of another version of the file ({changes})"


def advance_write_marker(dbapi_conn: object) -> None:
    """Advance the database header's user_version inside the write transaction just begun.

    Page 1 then goes into the write-ahead log with every write, numbered: without it, writes
    that leave the file's size and free list alone never touch page 1, and a log written after
    a checkpoint carries nothing that tells it from a log of an older copy of the file.
    Nothing else in tracker reads or sets user_version.
    """
    cursor = dbapi_conn.cursor()  # type: ignore[attr-defined]  # a sqlite3 connection, passed untyped by the engine event
    try:
        (marker,) = cursor.execute("PRAGMA user_version").fetchone()
        cursor.execute(f"PRAGMA user_version = {(int(marker) + 1) & 0x7FFFFFFF}")
    finally:
        cursor.close()


def _follows(image: bytes, first_page: bytes) -> bool:
    """Whether a log whose first page-1 image is `image` was begun on top of `first_page`.

    A log of tracker's carries the file's marker + 1 (advance_write_marker). One that leaves the
    marker alone (an older tracker's, left by a crash before this version was installed) is judged by the change
    counter, as well as it can be: the file's counter + 1, or the file's own counter when the
    writer kept page 1 cached across a checkpoint (it then stamps the counter it read before).
    """
    if _marker(image) == (_marker(first_page) + 1) & 0x7FFFFFFF:
        return True
    counter = _counter(first_page)
    return _marker(image) == _marker(first_page) and _counter(image) in (counter, (counter + 1) & 0xFFFFFFFF)


def _marker(page_one: bytes) -> int:
    return int(struct.unpack(">I", page_one[60:64])[0])  # PRAGMA user_version


def _counter(page_one: bytes) -> int:
    return int(struct.unpack(">I", page_one[24:28])[0])  # the file change counter


def _page_one_frames(
    log: BinaryIO, page_size: int, salts: tuple[int, int], order: str, size: int
) -> Iterator[bytes] | None:
    """The images of page 1 in the log's committed transactions, oldest first, as an iterator that
    verifies checksums only as far as it is read; None if the log holds no commit at all.

    Frame headers are read first (cheap): a log with no page-1 frame needs no checksums at all.
    """
    frame_size = FRAME_HEADER + page_size
    count = (size - WAL_HEADER) // frame_size
    page_one_at, committed_any = set(), False
    for number in range(count):
        log.seek(WAL_HEADER + number * frame_size)
        page_no, commit_size, salt1, salt2 = struct.unpack(">4I", log.read(16))
        if (salt1, salt2) != salts:
            count = number  # frames of an older generation of the log: SQLite stops here too
            break
        committed_any = committed_any or commit_size != 0
        if page_no == 1:
            page_one_at.add(number)
    if not committed_any:
        return None
    return _verified(log, frame_size, count, page_one_at, order)


def _verified(log: BinaryIO, frame_size: int, count: int, page_one_at: set[int], order: str) -> Iterator[bytes]:
    # Checksums run from the header through every frame: a frame torn by a crash, and every
    # frame after it, are not replayed; page-1 images count once their transaction commits.
    if not page_one_at:
        return
    log.seek(24)
    running = struct.unpack(">2I", log.read(8))
    pending: list[bytes] = []
    for number in range(count):
        frame = log.read(frame_size)
        running = _checksum(frame[:8] + frame[FRAME_HEADER:], running, order)
        if running != struct.unpack(">2I", frame[16:24]):
            return
        if number in page_one_at:
            pending.append(frame[FRAME_HEADER:])
        if struct.unpack(">I", frame[4:8])[0]:  # a commit frame
            yield from pending
            pending = []
            if number >= max(page_one_at):
                return


def _checksum(data: bytes, running: tuple[int, int], order: str) -> tuple[int, int]:
    """SQLite's WAL checksum (walChecksumBytes) of `data`, continuing from `running`."""
    words = array("I", data)
    if order != sys.byteorder:
        words.byteswap()
    s1, s2 = running
    mask = 0xFFFFFFFF
    for i in range(0, len(words), 2):
        s1 = (s1 + words[i] + s2) & mask
        s2 = (s2 + words[i + 1] + s1) & mask
    return s1, s2
