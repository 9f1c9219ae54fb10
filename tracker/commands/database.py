"""`tracker db path | upgrade | backup [DEST] | backups | restore BACKUP|--latest|--date D | check |
copy SRC DEST [--merge] | encrypt | decrypt | passphrase | unlock`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.commands import db_backups, db_cipher
from tracker.commands.context import Context

if TYPE_CHECKING:
    from sqlalchemy import Connection


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
        handler=db_backups.list_copies
    )
    restore = actions.add_parser("restore", help="go back to a backup (the diary as it is is kept as one first)")
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument("backup", nargs="?", metavar="BACKUP", help="a backup file (`tracker db backups`)")
    which.add_argument(
        "--latest",
        action="store_true",
        help="the newest copy tracker took of this diary (never one a restore kept, nor one put among the "
        "backups by hand); right after a restore, with nothing written since, the newest taken before that "
        "restore: a second --latest changes nothing, and says how to go back",
    )
    which.add_argument("--date", metavar="D", help="the newest of those copies taken on that day")
    restore.add_argument(
        "--force", action="store_true", help="restore a named copy even when it is a copy of another diary"
    )
    restore.set_defaults(handler=db_backups.restore_copy)
    actions.add_parser(
        "encrypt",
        help="encrypt the diary and its backups, then back it up; asks for a passphrase or reads TRACKER_PASSPHRASE",
    ).set_defaults(handler=db_cipher.encrypt)
    actions.add_parser("decrypt", help="turn an encrypted diary back into a plain one (after a backup)").set_defaults(
        handler=db_cipher.decrypt
    )
    actions.add_parser(
        "passphrase", help="change an encrypted diary's passphrase (new one: asked, or TRACKER_NEW_PASSPHRASE)"
    ).set_defaults(handler=db_cipher.new_passphrase)
    actions.add_parser(
        "unlock", help="open an encrypted diary's key with its passphrase and keep it in the keyring"
    ).set_defaults(handler=db_cipher.unlock)


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
    given = context.args.dest
    if given is not None and given.endswith(("/", os.sep)) and not Path(given).is_dir():
        # A trailing slash names a folder: a copy written under the folder's name would sit
        # where the person looks for a folder, and the next copy into it would be refused.
        raise InputError("DEST", given, "a folder that exists (the name ends with /), or a file name")
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
        counts = copy.copy_diary(source.engine(read_only=True), target.engine(), check=same_exports)
        done = True
    finally:
        source.close()
        target.close(failed=not done)
    entries = sum(counts[name] for name in copy.ENTRY_TABLES)
    print(f"copied {entries} entries from {source.db_name} to {target.db_name}; their CSV exports are identical")
    from tracker.storage.keys import is_encrypted

    if target.server_url is not None or not is_encrypted(target.db_path):
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


def same_exports(source: Connection, target: Connection) -> None:
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
