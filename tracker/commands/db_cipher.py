"""`tracker db encrypt | decrypt | passphrase | unlock`: encryption at rest (tracker.storage.cipher)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.commands.context import Context

if TYPE_CHECKING:
    from tracker.storage.file_checks import FileState


NEW_PASSPHRASE_ENV = "TRACKER_NEW_PASSPHRASE"
ELSEWHERE_KEEP_THEIR_PASSPHRASE = (
    "copies written elsewhere keep the passphrase they were made with: the old one still opens any copy "
    "`tracker db backup DEST` wrote outside the backup folders (make new ones if it was exposed)"
)


def encrypt(context: Context) -> int:
    """Encrypt the diary in place: the encrypted copy's CSV exports compared with the diary's, then
    one rename; its plain backups are encrypted too, then a backup of it is taken, encrypted
    (tracker.storage.cipher.encrypt_in_place says what each step leaves if stopped)."""
    from tracker.commands.database import same_exports
    from tracker.storage.cipher import encrypt_in_place
    from tracker.storage.engine import backup_database
    from tracker.storage.keys import NO_KEYRING, PASSPHRASE_ENV

    path = context.db_path
    _clear_stopped_conversion(path)
    _healthy_diary(path, "encrypt")
    passphrase = _passphrase(PASSPHRASE_ENV, "passphrase for the diary: ", confirm=True)
    _not_in_use(path, "encrypt")
    cached = encrypt_in_place(path, passphrase, check=same_exports, backup=lambda: backup_database(path))
    print(f"encrypted {path}; it and its backups open with the passphrase, kept in the key file {_key_name(path)}")
    print(_left_plain(path))
    if not cached:
        context.say(f"tracker: {NO_KEYRING}")
    return 0


def _left_plain(path: Path) -> str:
    """The line or two saying which copies of the diary stay plain: those written elsewhere, and
    the plain files in its backup folders tracker did not write (never rewritten: a person's own
    copy is theirs to keep or remove, but it holds in the clear what the diary no longer shows)."""
    from tracker.storage.backup_choice import diary_identity
    from tracker.storage.plain_copies import plain_left

    said = (
        "copies written elsewhere stay plain: any `tracker db backup DEST` wrote outside the backup folders before now"
    )
    left = plain_left(path, diary_identity(path).id)
    if not left:
        return said
    names = ", ".join(str(copy) for copy in left)
    return f"{said}\nleft plain, as tracker did not write them (delete them if they hold this diary): {names}"


def decrypt(context: Context) -> int:
    """Decrypt the diary in place: an (encrypted) backup first, then as encrypt does."""
    from tracker.commands.database import same_exports
    from tracker.storage.cipher import decrypt_in_place
    from tracker.storage.engine import backup_database

    path = context.db_path
    _clear_stopped_conversion(path)
    state = _healthy_diary(path, "decrypt")
    _not_in_use(path, "decrypt")
    backup_database(path, state=state)
    decrypt_in_place(path, check=same_exports)
    print(f"decrypted {path}: a plain SQLite file again; its backups stay encrypted and open with the passphrase")
    return 0


def _clear_stopped_conversion(path: Path) -> None:
    """What an earlier encrypt or decrypt, stopped, left beside the diary: removed, and said."""
    from tracker.commands.context import say_upgrade_notes
    from tracker.storage.leftovers import clear_stopped_conversion

    say_upgrade_notes()
    clear_stopped_conversion(path)


def _not_in_use(path: Path, then: str) -> None:
    """Refuse, in one line, while the app or another program has the diary open; checked again,
    and held, while the diary is swapped (tracker.storage.cipher)."""
    from tracker.storage.in_use import kept_from_use

    with kept_from_use(path, then=then):
        return  # taking the lock is the check: let go at once, taken again for the swap


def new_passphrase(context: Context) -> int:
    from tracker.core.formatting import plural
    from tracker.storage.cipher import change_passphrase
    from tracker.storage.keys import PASSPHRASE_ENV, is_encrypted

    path = context.db_path
    if not is_encrypted(path):
        from tracker.errors import DatabaseRefused

        raise DatabaseRefused(f"{path} is not encrypted; `tracker db encrypt` sets a passphrase")
    old = _passphrase(PASSPHRASE_ENV, "current passphrase: ")
    new = _passphrase(NEW_PASSPHRASE_ENV, "new passphrase: ", confirm=True)
    behind = _copies_behind(path)  # found before the change rewraps them all, so it can be said
    copies = change_passphrase(path, old, new)
    if behind:
        print(_behind_words(behind, "now open with the new one too"))
    also = f", and of its {plural(len(copies), 'encrypted backup')}" if copies else ""
    print(f"the passphrase of {path} is changed{also}; the data was not rewritten")
    # A copy written elsewhere may be on a disk not mounted now, or moved since: tracker does not
    # know where each went, and a backup opens as it was when taken, like any copy made before a
    # change. Said, so a person whose old passphrase was exposed knows to make new copies.
    print(ELSEWHERE_KEEP_THEIR_PASSPHRASE)
    from tracker.paths import recorded_backup_folders

    for folder in recorded_backup_folders(path):
        if not folder.is_dir():  # a disk not mounted now: its copies were not reached
            print(f"{folder} was not found (a disk not mounted now?): the copies in it keep the old passphrase")
    return 0


def unlock(context: Context) -> int:
    from tracker.storage.cipher import unlock as unlock_key
    from tracker.storage.keys import NO_KEYRING, PASSPHRASE_ENV, is_encrypted

    path = context.db_path
    if not is_encrypted(path):
        from tracker.errors import DatabaseRefused

        raise DatabaseRefused(f"{path} is not encrypted; nothing to unlock")
    cached = unlock_key(path, _passphrase(PASSPHRASE_ENV, "passphrase: "))
    from tracker.storage.cipher import match_copies

    behind = match_copies(path)  # the passphrase opened the key: the copies can follow the diary
    if behind:
        print(_behind_words(behind, "now open with the diary's"))
    if cached:
        print(f"unlocked {path}: its key is kept in this machine's keyring")
        return 0
    context.say(f"tracker: {NO_KEYRING}")
    return 0


def _copies_behind(path: Path) -> list[Path]:
    """The backups still on another passphrase than the diary's (a change stopped part-way)."""
    from tracker.storage.cipher import copies_behind

    return copies_behind(path)


def _behind_words(copies: list[Path], now: str) -> str:
    from tracker.core.formatting import plural

    names = ", ".join(copy.name for copy in copies)
    return (
        f"{plural(len(copies), 'backup')} of a passphrase change that was stopped part-way "
        f"(on another passphrase than the diary's) {now}: {names}"
    )


def _healthy_diary(path: Path, verb: str) -> FileState:
    from tracker.errors import DatabaseRefused
    from tracker.storage.engine import inspect_file, refuse_foreign_objects

    state = inspect_file(path, recover=False)  # refuses a file that is not a healthy tracker database
    if state.revision is None:
        raise DatabaseRefused(f"no tracker database at {path}; nothing to {verb}")
    refuse_foreign_objects(path, state)
    return state


def _passphrase(env: str, prompt: str, *, confirm: bool = False) -> str:
    """The passphrase from `env`, or asked without echo in a terminal (twice when `confirm`)."""
    import os
    import sys

    from tracker.errors import InputError

    given = os.environ.get(env)
    if given:
        return given
    if not sys.stdin.isatty():
        raise InputError(env, "", "a passphrase: set it, or run the command in a terminal to be asked")
    import getpass

    first = getpass.getpass(prompt)
    if not first:
        raise InputError("passphrase", "", "a passphrase that is not empty")
    if confirm and getpass.getpass("the same again: ") != first:
        raise InputError("passphrase", "(not shown)", "the same passphrase twice; nothing was changed")
    return first


def _key_name(path: Path) -> str:
    from tracker.storage.keys import key_file

    return key_file(path).name
