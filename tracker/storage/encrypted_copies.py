"""Encrypted copies of an encrypted diary, for backups and restores: made, re-keyed and edited
with the diary's own data key, the bytes staying encrypted on disk throughout (plain bytes only
in memory). The diary's own encrypting and decrypting lives in tracker.storage.cipher.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from tracker.errors import DatabaseRefused
from tracker.storage.cipher import open_keyed
from tracker.storage.keys import DiaryLocked, data_key, read_wrapped


def encrypted_image(path: Path, problem: Callable[[sqlite3.Connection], str | None]) -> bytes:
    """The encrypted diary at `path` as one consistent snapshot's bytes, still encrypted with its
    key, in rollback-journal mode (one self-contained file, as every backup is). The copy is made
    in a private temporary folder (SQLCipher cannot serialize to memory) and checked there:
    DatabaseRefused, with nothing written, when `problem` finds one."""
    import tempfile

    key = data_key(path)
    with tempfile.TemporaryDirectory(prefix="tracker-") as folder:
        copy_path = Path(folder) / "copy.db"
        os.close(os.open(copy_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        source = open_keyed(path, key, read_only=True)
        copy = open_keyed(copy_path, key)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            found = problem(copy)
        finally:
            source.close()
            copy.close()
        if found:
            raise DatabaseRefused(f"the copy of {path} did not check out ({found}); no backup was written")
        return copy_path.read_bytes()


def encrypted_like(image: bytes, diary: Path) -> bytes:
    """`image`, a plain copy's bytes, encrypted with the data key of the encrypted `diary`: what
    a plain copy restored onto an encrypted diary becomes, so the diary stays encrypted. The
    plain bytes stay in memory (SQLCipher cannot deserialize, so they are carried over as SQL);
    only the encrypted copy is written, in a private temporary folder."""
    import tempfile

    key = data_key(diary)
    plain = sqlite3.connect(":memory:")
    try:
        plain.deserialize(image)
        (marker,) = plain.execute("PRAGMA user_version").fetchone()
        with tempfile.TemporaryDirectory(prefix="tracker-") as folder:
            copy_path = Path(folder) / "copy.db"
            os.close(os.open(copy_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            copy = open_keyed(copy_path, key)
            try:
                copy.executescript("\n".join(plain.iterdump()))  # one transaction: BEGIN ... COMMIT
                copy.execute(f"PRAGMA user_version = {int(marker)}")
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, as every backup is
            finally:
                copy.close()
            return copy_path.read_bytes()
    finally:
        plain.close()


def same_data_key(diary: Path, copy: Path) -> bool:
    """Whether the key files of `diary` and `copy` wrap one data key (the same key id); False
    when either has none or it cannot be read."""
    try:
        return read_wrapped(diary).key_id == read_wrapped(copy).key_id
    except DiaryLocked:
        return False


def edited_image(image: bytes, copy_of: Path, edit: Callable[[sqlite3.Connection], None]) -> bytes:
    """`image`, an encrypted copy of `copy_of` (opened with its key), after `edit` has changed it:
    the change made in a private temporary folder, the bytes staying encrypted throughout."""
    import tempfile

    key = data_key(copy_of)
    with tempfile.TemporaryDirectory(prefix="tracker-") as folder:
        copy_path = Path(folder) / "copy.db"
        copy_path.write_bytes(image)
        copy = open_keyed(copy_path, key)
        try:
            edit(copy)
        finally:
            copy.close()
        return copy_path.read_bytes()
