"""`tracker db path | upgrade | backup [DEST] | backups | restore BACKUP|--latest|--date D | check |
copy SRC DEST [--merge] | encrypt | decrypt | passphrase | unlock`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.commands.context import Context

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from tracker.storage.file_checks import FileState


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = commands.add_parser("db", help="where the database is; upgrade, back up, check or encrypt it")
    actions = db.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(db))
    actions.add_parser("path", help="print the database path").set_defaults(handler=show_path)
    actions.add_parser("upgrade", help="upgrade the schema (after a backup)").set_defaults(handler=upgrade)
    backup = actions.add_parser("backup", help="a consistent copy, safe while the tracker is in use")
    backup.add_argument(
        "dest", nargs="?", metavar="DEST", help="file or folder (default: beside the database; a server's own folder)"
    )
    backup.set_defaults(handler=backup_copy)
    actions.add_parser("check", help="integrity check and schema revision").set_defaults(handler=check)
    copy = actions.add_parser("copy", help="copy a whole diary into an empty one (or --merge): file or server")
    copy.add_argument("source", metavar="SRC", help="the diary to copy: a file or a postgresql:// URL")
    copy.add_argument("target", metavar="DEST", help="an empty diary (or a new file) to copy it into")
    copy.add_argument(
        "--merge",
        action="store_true",
        help="add what SRC holds and DEST lacks, matched as `import csv` matches (run again: adds nothing)",
    )
    copy.set_defaults(handler=copy_diary)
    actions.add_parser("backups", help="the backups to go back to: date, size, days and entries").set_defaults(
        handler=list_copies
    )
    restore = actions.add_parser("restore", help="go back to a backup (the diary as it is is kept as one first)")
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument("backup", nargs="?", metavar="BACKUP", help="a backup file (`tracker db backups`)")
    which.add_argument("--latest", action="store_true", help="the newest backup")
    which.add_argument("--date", metavar="D", help="the newest backup taken on that day")
    restore.add_argument(
        "--force", action="store_true", help="restore a named copy even when it is a copy of another diary"
    )
    restore.set_defaults(handler=restore_copy)
    actions.add_parser(
        "encrypt",
        help="encrypt the diary and its backups, then back it up; asks for a passphrase or reads TRACKER_PASSPHRASE",
    ).set_defaults(handler=encrypt)
    actions.add_parser("decrypt", help="turn an encrypted diary back into a plain one (after a backup)").set_defaults(
        handler=decrypt
    )
    actions.add_parser(
        "passphrase", help="change an encrypted diary's passphrase (new one: asked, or TRACKER_NEW_PASSPHRASE)"
    ).set_defaults(handler=new_passphrase)
    actions.add_parser(
        "unlock", help="open an encrypted diary's key with its passphrase and keep it in the keyring"
    ).set_defaults(handler=unlock)


def show_path(context: Context) -> int:
    print(context.db_name)
    return 0


def upgrade(context: Context) -> int:
    from tracker.storage.engine import SCHEMA_HEAD

    before = _revision(context)
    context.engine()
    if before == SCHEMA_HEAD:
        print(f"{context.db_name} is already at schema {SCHEMA_HEAD}")
    else:
        print(f"{context.db_name}: schema {before or 'new'} -> {SCHEMA_HEAD}")
    return 0


def _revision(context: Context) -> str | None:
    """The schema the diary is at before this command touches it; None for a new one."""
    if context.server_url is None:
        from tracker.storage.engine import inspect_file

        return inspect_file(context.db_path).revision
    from tracker.storage.postgres import server_revision

    return server_revision(context.server_url, ask_password=context.ask_password)


def backup_copy(context: Context) -> int:
    from tracker.errors import DatabaseRefused, InputError
    from tracker.storage.engine import backup_database, inspect_file, refuse_foreign_objects

    if context.args.dest == "":  # an empty name is a typo, not "the default place"
        raise InputError("DEST", "", "a file or folder to back up to; the path is empty")
    if context.server_url is not None:
        from tracker.storage.copy import snapshot_to_file

        dest = context.args.dest
        if dest is None:  # the server diary's own backup folder, where `db backups` lists them
            from tracker.storage.postgres import server_url
            from tracker.storage.server_backups import backup_server

            print(f"backed up to {backup_server(server_url(context.server_url), context.engine(read_only=True))}")
            return 0
        print(f"backed up to {snapshot_to_file(context.engine(read_only=True), Path(dest))}")
        return 0
    path = context.db_path
    state = inspect_file(path, recover=False)  # refuses a file that is not a healthy tracker database
    if state.revision is None:
        raise DatabaseRefused(f"no tracker database at {path}; nothing to back up")
    refuse_foreign_objects(path, state)
    # An older schema is copied as it is: a backup never upgrades the file it copies.
    written = backup_database(path, Path(context.args.dest) if context.args.dest is not None else None, state=state)
    print(f"backed up to {written}")
    return 0


def check(context: Context) -> int:
    from tracker.errors import DatabaseRefused
    from tracker.storage.engine import SCHEMA_HEAD, inspect_file, integrity_check, refuse_foreign_objects

    if context.server_url is not None:
        # The server checks its own pages; what tracker can say is whether it reaches the
        # diary and at which schema.
        revision = _revision(context)
        print(f"database: {context.db_name}")
        print(f"schema revision: {revision or 'none'}")
        return 0 if revision == SCHEMA_HEAD else 1
    path = context.db_path
    state = inspect_file(path, recover=False)  # read-only: a check never changes the file
    if not state.exists:
        raise DatabaseRefused(f"no database at {path}; nothing was created")
    refuse_foreign_objects(path, state)
    result = integrity_check(path)
    print(f"database: {path}")
    print(f"integrity: {result}")
    revision = state.revision or "none"
    note = "" if state.revision == SCHEMA_HEAD else f" (this version writes {SCHEMA_HEAD}; `tracker db upgrade`)"
    print(f"schema revision: {revision}{note}")
    return 0 if result == "ok" else 1


def copy_diary(context: Context) -> int:
    """Every entry of SRC into the empty DEST, in one transaction that commits only once both
    diaries' CSV exports (daily, episodes and diary) are identical."""
    from tracker.storage import copy

    source = Context(args=argparse.Namespace(db=context.args.source, command="db"))
    target = Context(args=argparse.Namespace(db=context.args.target, command="db"))
    if context.args.merge:
        return _merge(context, source, target)
    done = False
    try:
        counts = copy.copy_diary(source.engine(read_only=True), target.engine(), check=_same_exports)
        done = True
    finally:
        source.close()
        target.close(failed=not done)
    entries = sum(counts[name] for name in copy.ENTRY_TABLES)
    print(f"copied {entries} entries from {source.db_name} to {target.db_name}; their CSV exports are identical")
    if target.server_url is not None or not _encrypted(target.db_path):
        source.say_plaintext(f"the copy {target.db_name}")
    return 0


def _merge(context: Context, source: Context, target: Context) -> int:
    """What SRC holds and DEST lacks into DEST, in one transaction, as an import of SRC's CSV exports."""
    from tracker.core.formatting import plural
    from tracker.io.merge import merge_diary

    done = False
    try:
        merged = merge_diary(
            source=source.engine(read_only=True), target=target.engine(), now=context.now(), source_name=source.db_name
        )
        done = True
    finally:
        source.close()
        target.close(failed=not done)
    report = merged.imported
    added = f"{report.counts()}, {plural(len(report.days_changed), 'day')} changed"
    # The importer's conflict lines, as `import csv` prints them.
    print("\n".join([f"merged {source.db_name} into {target.db_name}: {added}", *report.describe().splitlines()[1:]]))
    left = merged.left_words()
    if left:
        print(left)
    return 0


def _same_exports(source: Connection, target: Connection) -> None:
    from sqlmodel import Session

    from tracker.errors import TrackerError
    from tracker.io.diary_file import diary_csv
    from tracker.io.export import export_daily, export_episodes, export_medications

    kinds = (
        ("daily", export_daily),
        ("episodes", export_episodes),
        ("diary", diary_csv),
        ("medications", export_medications),
    )
    for kind, export in kinds:
        with Session(bind=source) as reading, Session(bind=target) as writing:
            if export(session=reading) != export(session=writing):
                raise TrackerError(f"the copy's {kind} CSV export differs from the original's; nothing was copied")


def list_copies(context: Context) -> int:
    from tracker.storage.backup_choice import backups_of, diary_identity
    from tracker.storage.diary_id import Identity

    mine = Identity()  # a server diary's copies are all its own (tracker.storage.server_backups)
    if context.server_url is not None:
        from tracker.storage.postgres import server_url
        from tracker.storage.server_backups import server_backups

        copies = server_backups(server_url(context.server_url))
    else:
        copies = backups_of(context.db_path)
        mine = diary_identity(context.db_path)
    if not copies:
        print(f"no backups of {context.db_name} yet (the first write of each day makes one)")
        return 0
    for copy in reversed(copies):  # newest first: the one most likely wanted
        held = copy.contents.words() if copy.contents else "cannot be read"
        shared = "  (in the shared folder: may be another diary's of this name)" if copy.shared else ""
        kept = f"  ({copy.label()}; --latest and --date pass over it)" if copy.kind else ""
        if copy.contents is not None and not mine.owns(copy.diary_id, copy.taken):
            kept += "  (a copy of another diary)"
        print(f"{copy.taken.astimezone():%Y-%m-%d %H:%M}  {_size(copy.size):>8}  {held:<36}  {copy.path}{shared}{kept}")
    return 0


def restore_copy(context: Context) -> int:
    from tracker.core.when import parse_date
    from tracker.storage.backup_choice import ANOTHER_DIARY, choose_backup
    from tracker.storage.restore import restore_backup

    day = parse_date(context.args.date, today=context.now().date(), field="--date") if context.args.date else None
    if context.server_url is not None:
        from tracker.storage.postgres import server_url
        from tracker.storage.server_backups import choose_server_backup, restore_server

        url = server_url(context.server_url)
        chosen = choose_server_backup(url, context.db_name, named=context.args.backup, day=day)
        done = restore_server(url, context.engine(), chosen)
    else:
        from tracker.storage.in_use import refuse_if_in_use

        path = context.db_path
        refuse_if_in_use(path)  # before choosing, which reads the diary (and would leave its side files)
        choice = choose_backup(path, named=context.args.backup, day=day)
        for other in choice.passed_over:
            context.say(f"tracker: note: passed over {other}: {ANOTHER_DIARY}")
        chosen = choice.path
        done = restore_backup(path, chosen, force=context.args.force)
        if done.key_note is not None:
            context.say(f"tracker: note: {done.key_note}")
    if done.saved is not None:
        print(f"the diary as it was is kept in {done.saved}")
    before = done.before.words() if done.before else "unreadable"
    print(f"restored {chosen.name}: before, {before}; now, {done.after.words()}")
    if done.before is not None and context.server_url is None:
        print(
            f"what differs: {'; '.join(done.changes)}"
            if done.changes
            else "what differs: nothing: the copy holds what the diary held"
        )
    return 0


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    return f"{size / 1024:.1f} KB" if size < 1024**2 else f"{size / 1024**2:.1f} MB"


# --- encryption at rest (tracker.storage.cipher) ---------------------------------------------

NEW_PASSPHRASE_ENV = "TRACKER_NEW_PASSPHRASE"
ELSEWHERE_KEEP_THEIR_PASSPHRASE = (
    "copies written elsewhere keep the passphrase they were made with: the old one still opens any copy "
    "`tracker db backup DEST` wrote outside the backup folders (make new ones if it was exposed)"
)


def encrypt(context: Context) -> int:
    """Encrypt the diary in place: the encrypted copy's CSV exports compared with the diary's, then
    one rename; its plain backups are encrypted too, then a backup of it is taken, encrypted
    (tracker.storage.cipher.encrypt_in_place says what each step leaves if stopped)."""
    from tracker.storage.cipher import encrypt_in_place
    from tracker.storage.engine import backup_database
    from tracker.storage.keys import NO_KEYRING, PASSPHRASE_ENV

    path = context.db_path
    _healthy_diary(path, "encrypt")
    passphrase = _passphrase(PASSPHRASE_ENV, "passphrase for the diary: ", confirm=True)
    _not_in_use(path, "encrypt")
    cached = encrypt_in_place(path, passphrase, check=_same_exports, backup=lambda: backup_database(path))
    print(f"encrypted {path}; it and its backups open with the passphrase, kept in the key file {_key_name(path)}")
    print(_left_plain(path))
    if not cached:
        context.say(f"tracker: {NO_KEYRING}")
    return 0


def _left_plain(path: Path) -> str:
    """The line or two saying which copies of the diary stay plain: those written elsewhere, and
    the plain files in its backup folders tracker did not write (never rewritten)."""
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
    from tracker.storage.cipher import decrypt_in_place
    from tracker.storage.engine import backup_database

    path = context.db_path
    state = _healthy_diary(path, "decrypt")
    _not_in_use(path, "decrypt")
    backup_database(path, state=state)
    decrypt_in_place(path, check=_same_exports)
    print(f"decrypted {path}: a plain SQLite file again; its backups stay encrypted and open with the passphrase")
    return 0


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
    copies = change_passphrase(path, old, new)
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
    if unlock_key(path, _passphrase(PASSPHRASE_ENV, "passphrase: ")):
        print(f"unlocked {path}: its key is kept in this machine's keyring")
        return 0
    context.say(f"tracker: {NO_KEYRING}")
    return 0


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


def _encrypted(path: Path) -> bool:
    from tracker.storage.keys import is_encrypted

    return is_encrypted(path)


def _key_name(path: Path) -> str:
    from tracker.storage.keys import key_file

    return key_file(path).name
