"""SQLCipher: opening an encrypted diary, and turning a diary into one and back, in place.

Every connection goes through tracker.storage.first_look.connect_file, which comes here for a file
tracker.storage.keys.is_encrypted says is encrypted. Encrypting and decrypting follow the same
steps: a backup of the diary as it is; the other form written beside it under a hidden name
(SQLCipher's `sqlcipher_export`); the two compared (`check`, the CSV exports); then the new file
swapped in with one rename, so the diary's name always holds one whole diary. The write-ahead log
is folded in first, and the diary is kept from use meanwhile (tracker.storage.in_use).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from tracker.core.files import DATABASE_SIDE_FILES
from tracker.errors import DatabaseRefused
from tracker.storage.first_look import BUSY_TIMEOUT_S, sqlite_uri
from tracker.storage.keys import (
    data_key,
    is_encrypted,
    key_file,
    keyring_set,
    new_data_key,
    read_wrapped,
    remember,
    wrap,
    write_wrapped,
)
from tracker.storage.leftovers import converting, parts, remove

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

Check = Callable[["Connection", "Connection"], None]
_FINISHED: set[Path] = set()  # diaries finish_conversion has looked beside in this process


def cipher_module() -> Any:
    """The sqlcipher3 module, or DatabaseRefused saying how to install it."""
    try:
        import sqlcipher3  # deferred: only an encrypted diary needs SQLCipher
    except ImportError:
        raise DatabaseRefused(
            "encryption needs the encrypted extra: pip install 'tracker[encrypted]' (sqlcipher3, keyring, argon2-cffi)"
        ) from None
    return sqlcipher3


def connect_encrypted(path: Path, *, read_only: bool = False, check_same_thread: bool = True) -> sqlite3.Connection:
    """A SQLCipher connection to the encrypted diary at `path`, opened with its data key
    (tracker.storage.keys.data_key). DiaryLocked without a key; DatabaseRefused when the key does not
    open the file. SQLCipher's own log is silenced: the person reads tracker's one line instead."""
    key = data_key(path)
    conn = open_keyed(path, key, read_only=read_only, check_same_thread=check_same_thread)
    if path not in _FINISHED and not path.name.startswith("."):  # a hidden file: a conversion's own, compared
        _FINISHED.add(path)  # once a process: the app opens a connection per read
        finish_conversion(path, key)
    return conn


def open_keyed(
    path: Path, key: bytes, *, read_only: bool = False, check_same_thread: bool = True
) -> sqlite3.Connection:
    """A SQLCipher connection to `path` opened with the data key `key` itself (no key file read,
    no conversion finished): DatabaseRefused when the key does not open it."""
    cipher = cipher_module()
    conn = cipher.connect(
        sqlite_uri(path, read_only=read_only), uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=check_same_thread
    )
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the first read is where a wrong key shows
    except cipher.DatabaseError as exc:
        conn.close()
        if "not a database" not in str(exc):  # a full disk, a lock: the error says so, not "wrong key"
            raise
        raise DatabaseRefused(f"the key does not open {path} (another diary's key file?); left untouched") from None
    # A DB-API twin of sqlite3.Connection: typed as one so every reader takes it unchanged.
    return cast(sqlite3.Connection, conn)


def engine_module(path: Path) -> dict[str, Any]:
    """What create_engine needs to speak to `path`: SQLCipher's module for an encrypted diary, so
    SQLAlchemy knows its errors as database errors; nothing for a plain one."""
    return {"module": cipher_module()} if is_encrypted(path) else {}


# --- in place, both ways ---------------------------------------------------------------------


def encrypt_in_place(path: Path, passphrase: str, *, check: Check, backup: Callable[[], object] | None = None) -> bool:
    """Encrypt the plain diary at `path` with a new random data key wrapped by `passphrase` (the
    key file is written beside the diary), then every plain backup of it, then take a backup of
    it (`backup`, called once the diary is encrypted: no new plain copy is ever made); returns
    whether the key is cached in a system keyring (False: there is none). `check` compares the
    plain and the encrypted diary and raises to stop, the diary left as it was.

    Each step, and what it leaves when stopped there (killed, or the disk full):
    1. the encrypted form written to `.NAME.converting`, with its key file, and compared: the
       diary as it was; the hidden file, encrypted, is removed by the next run.
    2. the key file beside the diary: beside a plain file it changes nothing.
    3. one rename: from here the diary is encrypted (the old file's emptied log is removed after).
    4. each plain backup encrypted through its own hidden name and one rename: the next command
       that opens the diary (finish_conversion) encrypts those left and removes a half-written
       one. The rename at 3 freed the plain diary's room, so a full disk has room for this.
    5. the backup: none, when stopped; DatabaseRefused says the diary is encrypted all the same.
    """
    if is_encrypted(path):
        raise DatabaseRefused(f"{path} is already encrypted; nothing was changed")
    key_id, key = new_data_key()
    wrapped = wrap(key, passphrase, key_id)
    remember(key_id, key)
    with _swapping(path, "encrypt") as temp:
        _export(path, None, temp, key)
        write_wrapped(temp, wrapped)
        _compare(path, temp, check)
        write_wrapped(path, wrapped)  # beside a plain file it changes nothing: the header still says plain
        os.replace(temp, path)
    cached = keyring_set(key_id, key)
    _then(path, "its plain backups were not all encrypted", lambda: encrypt_copies(path, key))
    if backup is not None:
        _then(path, "no backup of it was written", backup)
    return cached


def _then(path: Path, what: str, step: Callable[[], object]) -> None:
    """Run `step` on the now encrypted diary; a failure is told as what it is: the diary is encrypted."""
    from tracker.errors import failure_line

    try:
        step()
    except Exception as exc:  # any failure: "nothing was changed" would be untrue
        reason = failure_line(exc)[0].removesuffix("; nothing was changed").removesuffix("; nothing was written")
        raise DatabaseRefused(
            f"encrypted {path}, but {what} ({reason}); the next tracker command on it finishes the rest"
        ) from exc


def encrypt_copies(path: Path, key: bytes) -> list[Path]:
    """Encrypt, each in place, the plain backups of the now encrypted diary at `path` (beside it
    and in the backup folder, thinned or kept), with its key; returns those encrypted. A copy
    left plain would keep in the clear what the diary no longer shows."""
    from tracker.storage.plain_copies import own_plain_copies

    done = []
    for copy in own_plain_copies(path, _diary_id(path, key)):  # never a file tracker did not write
        temp = converting(copy)
        _remove(temp)
        try:
            _export(copy, None, temp, key)
            copy_key_file(path, copy)
            os.replace(temp, copy)
        finally:
            _remove(temp)
        done.append(copy)
    return done


def finish_conversion(path: Path, key: bytes) -> None:
    """Finish what a stopped `db encrypt` or `db decrypt` left beside the encrypted diary at `path`:
    plain backups are encrypted, half-written hidden files removed (a stopped decrypt's is plain).
    Left for a later command while the diary is in use (this process's own conversion included)."""
    from tracker.storage.in_use import kept_from_use
    from tracker.storage.plain_copies import backups_named, own_plain_copies

    copies = backups_named(path)
    strays = [name for name in (path, *copies) if any(part.exists() for part in parts(converting(name)))]
    plain = [copy for copy in copies if not is_encrypted(copy) and copy.stat().st_size]
    if plain:  # read further only then: most opens find every copy encrypted
        plain = own_plain_copies(path, _diary_id(path, key))
    if not strays and not plain:
        return
    with contextlib.suppress(DatabaseRefused), kept_from_use(path, then="encrypt"):
        for name in strays:
            _remove(converting(name))
        encrypt_copies(path, key)


def decrypt_in_place(path: Path, *, check: Check) -> None:
    """Turn the encrypted diary at `path` back into a plain SQLite file, its key file removed.
    `check` as for encrypt_in_place."""
    if not is_encrypted(path):
        raise DatabaseRefused(f"{path} is not encrypted; nothing was changed")
    key = data_key(path)
    with _swapping(path, "decrypt") as temp:
        _export(path, key, temp, None)
        _compare(path, temp, check)
        os.replace(temp, path)
    # The keyring keeps the key: the diary's backups stay encrypted and still open without the passphrase.
    with contextlib.suppress(FileNotFoundError):
        key_file(path).unlink()


def change_passphrase(path: Path, old: str, new: str) -> list[Path]:
    """Wrap the diary's data key with `new` instead of `old` (WrongPassphrase if `old` is not it),
    in its key file and in those of its backups that share the key; the data is not re-encrypted.
    Returns the backups whose key files were rewrapped: none is left opening with `old`."""
    from tracker.storage.keys import unwrap
    from tracker.storage.plain_copies import backups_named

    wrapped = read_wrapped(path)
    key = unwrap(wrapped, old)
    rewrapped = wrap(key, new, wrapped.key_id)
    copies = [copy for copy in backups_named(path) if _same_key(copy, wrapped.key_id)]
    # The diary first: stopped after it, the change took effect, and the copies still on the
    # old passphrase are brought along by the next `db passphrase` or `db unlock` (match_copies).
    write_wrapped(path, rewrapped)
    for copy in copies:
        write_wrapped(copy, rewrapped)
    return copies


def match_copies(path: Path) -> list[Path]:
    """Give every backup of the diary at `path` that holds its data key the diary's own key file,
    when it holds another wrapping of it (a passphrase change stopped part-way): each then opens
    with the passphrase the diary opens with, and no copy needs one the person has moved on
    from. Returns the copies changed. Called once the passphrase has opened the diary's key."""
    wrapped = read_wrapped(path)
    behind = copies_behind(path)
    for copy in behind:
        write_wrapped(copy, wrapped)
    return behind


def copies_behind(path: Path) -> list[Path]:
    """The backups of the diary at `path` that hold its data key wrapped otherwise than its own key file."""
    from tracker.storage.plain_copies import backups_named

    wrapped = read_wrapped(path)
    return [copy for copy in backups_named(path) if _same_key(copy, wrapped.key_id) and read_wrapped(copy) != wrapped]


def _diary_id(path: Path, key: bytes) -> str | None:
    """The id of the encrypted diary at `path`, which tells its copies from other files: read
    with its key directly, so no open here starts finish_conversion while a conversion runs."""
    from tracker.storage.diary_id import identity

    conn = open_keyed(path, key, read_only=True)
    try:
        return identity(conn).id
    finally:
        conn.close()


def _same_key(copy: Path, key_id: str) -> bool:
    try:
        return is_encrypted(copy) and read_wrapped(copy).key_id == key_id
    except DatabaseRefused:  # a damaged key file: left as it is
        return False


def unlock(path: Path, passphrase: str) -> bool:
    """Open the key with `passphrase` and keep it in the keyring; False when there is no keyring."""
    from tracker.storage.keys import unwrap

    wrapped = read_wrapped(path)
    key = unwrap(wrapped, passphrase)
    open_keyed(path, key, read_only=True).close()  # the key opens this very file
    remember(wrapped.key_id, key)
    return keyring_set(wrapped.key_id, key)


@contextlib.contextmanager
def _swapping(path: Path, then: str) -> Iterator[Path]:
    """The hidden name the new form is written to; whatever is left there is removed at the end.
    The diary is kept from use and its write-ahead log folded in first."""
    from tracker.storage.in_use import kept_from_use

    temp = converting(path)
    with kept_from_use(path, then=then):
        _fold_log(path)
        _remove(temp)
        try:
            yield temp
        finally:
            _remove(temp)
        for suffix in DATABASE_SIDE_FILES:  # the old file's, empty after the fold: never the new one's
            with contextlib.suppress(FileNotFoundError):
                path.with_name(path.name + suffix).unlink()


def _remove(temp: Path) -> None:
    remove(temp)


def _fold_log(path: Path) -> None:
    from tracker.storage.first_look import connect_file

    conn = connect_file(path)
    try:
        (busy, _, _) = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    if busy:
        raise DatabaseRefused(f"another program is writing {path}; close it, then try again. Nothing was changed")


def _export(source: Path, source_key: bytes | None, target: Path, target_key: bytes | None) -> None:
    """`source` copied whole into the new file `target` by SQLCipher's sqlcipher_export, each opened
    with its key (None: plain), the header's write marker (user_version) and journal mode carried over."""
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    cipher = cipher_module()
    if source_key is None:
        conn = cipher.connect(sqlite_uri(source, read_only=True), uri=True, timeout=BUSY_TIMEOUT_S)
        conn.execute("PRAGMA cipher_log_level = NONE")
    else:
        conn = open_keyed(source, source_key, read_only=True)
    try:
        attach_key = f"x'{target_key.hex()}'" if target_key is not None else ""  # an empty key: a plain file
        conn.execute("ATTACH DATABASE ? AS converted KEY ?", (sqlite_uri(target), attach_key))
        conn.execute("SELECT sqlcipher_export('converted')")
        (marker,) = conn.execute("PRAGMA main.user_version").fetchone()
        conn.execute(f"PRAGMA converted.user_version = {int(marker)}")
        # The diary stays in write-ahead-log mode (readers never block a write); a backup, a rollback-journal copy.
        (journal,) = conn.execute("PRAGMA main.journal_mode").fetchone()
        if str(journal).lower() == "wal":
            conn.execute("PRAGMA converted.journal_mode = WAL")
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()


def _compare(original: Path, converted: Path, check: Check) -> None:
    from tracker.storage.engine import make_engine

    engines: list[Engine] = [make_engine(file, read_only=True, pool=False) for file in (original, converted)]
    try:
        with engines[0].connect() as before, engines[1].connect() as after:
            check(before, after)
    finally:
        for engine in engines:
            engine.dispose()


def copy_key_file(diary: Path, copy: Path) -> None:
    """Give the copy `copy` of the encrypted `diary` a key file of its own: the copy then opens
    wherever the passphrase is known, moved or restored without the diary."""
    write_wrapped(copy, read_wrapped(diary))
