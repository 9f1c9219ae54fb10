"""The key of an encrypted diary, and where it is kept.

A random 32-byte data key opens the database as SQLCipher's raw key: opening costs well under a
millisecond, where SQLCipher's own passphrase derivation costs about 0.4 s on every open. The key
is kept in two places: in the system keyring (so `tracker log` needs nothing typed), and beside
the diary in its key file (`.NAME.key`), wrapped (AES-GCM) by a key derived from the person's
passphrase with argon2id and a random salt. Another machine, or this one after its keyring was
lost, opens the diary with the passphrase alone, and then caches the key in its own keyring.

The key file holds nothing secret without the passphrase; a backup gets a copy of it, so a copy
opens wherever the passphrase is known. Only the standard library is imported here: argon2,
cryptography and keyring are loaded when a key is actually needed.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from tracker.core.files import SQLITE_HEADER, private_atomic_file, read_head
from tracker.core.key_names import key_file_name
from tracker.errors import DatabaseRefused

PASSPHRASE_ENV = "TRACKER_PASSPHRASE"
KEYRING_SERVICE = "tracker-diary-key"
DATA_KEY_BYTES = 32
# argon2id as RFC 9106's second recommended option (64 MiB, 3 passes): about 0.3 s of CPU
# (bench/RESULTS.md), paid only when the keyring has no key (another machine, no keyring at all).
ARGON2 = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 4}

_known: dict[str, bytes] = {}  # key id -> data key, for the life of the process


class DiaryLocked(DatabaseRefused):
    """An encrypted diary and no key for it here (exit code 2)."""


class WrongPassphrase(DatabaseRefused):
    """The passphrase given does not open the diary's key (exit code 2)."""


def key_file(path: Path) -> Path:
    """Where the wrapped key of the diary at `path` is kept: a hidden file beside it."""
    return Path(key_file_name(path))


def is_encrypted(path: Path) -> bool:
    """Whether `path` is an encrypted diary: a key file beside it, and a file that does not start
    with SQLite's header (SQLCipher's first 16 bytes are a random salt). A stat when there is no key file."""
    try:
        if not stat.S_ISREG(os.stat(key_file(path)).st_mode) or not stat.S_ISREG(os.stat(path).st_mode):
            return False
    except OSError:
        return False
    head = read_head(path, len(SQLITE_HEADER))
    return bool(head) and head != SQLITE_HEADER


@dataclass(frozen=True)
class WrappedKey:
    """The data key as the key file holds it: sealed by the passphrase's key."""

    key_id: str  # names the key in the keyring; the same for the diary and its backups
    salt: bytes
    nonce: bytes
    sealed: bytes

    def to_json(self) -> str:
        def text(raw: bytes) -> str:
            return base64.b64encode(raw).decode()

        fields = {"salt": text(self.salt), "nonce": text(self.nonce), "sealed": text(self.sealed)}
        return json.dumps({"format": 1, "key_id": self.key_id, "kdf": "argon2id", **ARGON2, **fields}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> WrappedKey:
        data = json.loads(text)
        raw = {name: base64.b64decode(data[name]) for name in ("salt", "nonce", "sealed")}
        return cls(key_id=str(data["key_id"]), **raw)


def read_wrapped(path: Path) -> WrappedKey:
    """The key file of the diary at `path`; refused in one line when it is missing or damaged."""
    where = key_file(path)
    try:
        return WrappedKey.from_json(where.read_text())
    except FileNotFoundError:
        raise DiaryLocked(f"{path} is encrypted but its key file {where.name} is missing; put it back") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DiaryLocked(f"the key file {where} cannot be read ({exc}); the diary was left untouched") from None


def write_wrapped(path: Path, wrapped: WrappedKey) -> None:
    """Write the key file of the diary at `path`, owner-only, replacing any there whole."""
    # backup=True: a backup's key file is named after the backup, which an ordinary output refuses.
    with private_atomic_file(key_file(path), field="key file", backup=True) as handle:
        handle.write(wrapped.to_json().encode())


def new_data_key() -> tuple[str, bytes]:
    """A fresh key id and random data key."""
    return secrets.token_hex(8), secrets.token_bytes(DATA_KEY_BYTES)


def wrap(data_key: bytes, passphrase: str, key_id: str) -> WrappedKey:
    """`data_key` sealed by a key derived from `passphrase` with a new random salt."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # deferred: only to seal a key

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    sealed = AESGCM(_derive(passphrase, salt)).encrypt(nonce, data_key, key_id.encode())
    return WrappedKey(key_id=key_id, salt=salt, nonce=nonce, sealed=sealed)


def unwrap(wrapped: WrappedKey, passphrase: str) -> bytes:
    """The data key inside `wrapped`; WrongPassphrase when `passphrase` is not the one that sealed it."""
    from cryptography.exceptions import InvalidTag  # deferred: only without a key in the keyring
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(_derive(passphrase, wrapped.salt)).decrypt(wrapped.nonce, wrapped.sealed, wrapped.key_id.encode())
    except InvalidTag:
        raise WrongPassphrase("wrong passphrase: it does not open this diary's key; nothing was written") from None


def _derive(passphrase: str, salt: bytes) -> bytes:
    from argon2.low_level import Type, hash_secret_raw  # deferred: only to seal or open a key

    return hash_secret_raw(passphrase.encode(), salt, hash_len=32, type=Type.ID, **ARGON2)


def data_key(path: Path) -> bytes:
    """The data key of the encrypted diary at `path`: this process's, the keyring's, or the key
    file's opened with TRACKER_PASSPHRASE (then cached in the keyring). DiaryLocked when there is
    none of these; WrongPassphrase when the passphrase does not open the key file."""
    wrapped = read_wrapped(path)
    if wrapped.key_id in _known:
        return _known[wrapped.key_id]
    key = keyring_get(wrapped.key_id)
    if key is None:
        passphrase = os.environ.get(PASSPHRASE_ENV)
        if not passphrase:
            raise DiaryLocked(
                f"this diary is encrypted: set {PASSPHRASE_ENV} or unlock it with `tracker db unlock` ({path})"
            )
        key = unwrap(wrapped, passphrase)
        keyring_set(wrapped.key_id, key)
    remember(wrapped.key_id, key)
    return key


def needs_passphrase(path: Path) -> bool:
    """Whether opening the encrypted diary at `path` needs its passphrase typed: no key in this
    process or the keyring (a keyring's key is held for the process), and no TRACKER_PASSPHRASE.
    DiaryLocked when its key file is missing or damaged, which no passphrase mends."""
    wrapped = read_wrapped(path)
    if wrapped.key_id in _known or os.environ.get(PASSPHRASE_ENV):
        return False
    key = keyring_get(wrapped.key_id)
    if key is not None:
        remember(wrapped.key_id, key)
    return key is None


def remember(key_id: str, key: bytes) -> None:
    """Hold `key` for the rest of this process (a command opens the diary more than once)."""
    _known[key_id] = key


def forget_all() -> None:
    """Drop every key this process holds (a test's "new process")."""
    _known.clear()


# --- the system keyring ----------------------------------------------------------------------
# Any failure of the keyring (none on a headless machine, a locked or absent D-Bus service) is
# the same as an empty keyring: the passphrase still opens the diary.


def keyring_get(key_id: str) -> bytes | None:
    """The data key the keyring holds under `key_id`, or None (no such key, or no keyring)."""
    try:
        import keyring  # deferred: ~40 ms of backend discovery, only for an encrypted diary

        stored = keyring.get_password(KEYRING_SERVICE, key_id)
    except Exception:  # whatever the backend raises, the passphrase remains the way in
        return None
    try:
        return bytes.fromhex(stored) if stored else None
    except ValueError:
        return None


def keyring_set(key_id: str, key: bytes) -> bool:
    """Keep `key` in the keyring under `key_id`; False when there is no keyring to keep it in."""
    try:
        import keyring  # deferred: as in keyring_get

        keyring.set_password(KEYRING_SERVICE, key_id, key.hex())
    except Exception:  # no backend: the diary opens with the passphrase each time instead
        return False
    return True


def plaintext_words(what: str) -> str:
    """The note that `what`, written from an encrypted diary, is not encrypted itself."""
    return f"tracker: note: {what} is not encrypted (the diary is): anyone who gets it can read it"


NO_KEYRING = (
    "no system keyring is available here, so the key is not cached: this diary opens with "
    f"{PASSPHRASE_ENV} (or `tracker db unlock` once a keyring is set up)"
)
