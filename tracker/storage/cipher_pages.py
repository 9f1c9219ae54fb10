"""An encrypted diary's first page as SQLite wrote it, decrypted here without opening the file, so
that the check of its write-ahead log (tracker.storage.wal) reads the same header fields in an
encrypted diary as in a plain one: opening it through SQLCipher would replay the log being judged.

SQLCipher 4's page format with its defaults, which tracker never changes
(https://www.zetetic.net/sqlcipher/design/): each page ends in 80 reserved bytes, a 16-byte IV
then a 64-byte HMAC-SHA512 over the encrypted bytes, the IV and the page number; page 1 begins
with the file's 16-byte salt in place of SQLite's header string. A raw 32-byte key encrypts
directly (AES-256-CBC); the HMAC key is PBKDF2-HMAC-SHA512 of it, 2 rounds, salted with the
file's salt XOR 0x3a.
"""

from __future__ import annotations

import hashlib
import hmac
import struct

from tracker.core.files import SQLITE_HEADER

SALT_BYTES = 16
IV_BYTES = 16
HMAC_BYTES = 64
RESERVED = IV_BYTES + HMAC_BYTES
HMAC_ROUNDS = 2


def plain_page_one(image: bytes, key: bytes, *, salt: bytes | None = None) -> bytes | None:
    """Page 1 of an encrypted diary (`image`, as the file or a log frame holds it) decrypted with
    its data key: SQLite's own header and all; None when the key (or `salt`, the diary file's,
    for a log frame) is not the one it was written with."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes  # deferred: encrypted diaries only

    if len(image) <= SALT_BYTES + RESERVED:
        return None
    own_salt = image[:SALT_BYTES]
    if salt is not None and own_salt != salt:
        return None  # another diary's page: every page 1 of one diary carries its salt
    body_end = len(image) - RESERVED
    body, iv, mac = image[SALT_BYTES:body_end], image[body_end : body_end + IV_BYTES], image[-HMAC_BYTES:]
    mac_key = hashlib.pbkdf2_hmac("sha512", key, bytes(byte ^ 0x3A for byte in own_salt), HMAC_ROUNDS, len(key))
    expected = hmac.new(mac_key, body + iv + struct.pack("<I", 1), hashlib.sha512).digest()
    if not hmac.compare_digest(expected, mac):
        return None
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return SQLITE_HEADER + decryptor.update(body) + decryptor.finalize()
