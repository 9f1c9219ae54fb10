"""`tracker db path | upgrade | backup [DEST] | backups | restore BACKUP|--latest|--date D | check`."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.commands.context import Context


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = commands.add_parser("db", help="where the database is; upgrade, back up or check it")
    actions = db.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(db))
    actions.add_parser("path", help="print the database path").set_defaults(handler=show_path)
    actions.add_parser("upgrade", help="upgrade the schema (after a backup)").set_defaults(handler=upgrade)
    backup = actions.add_parser("backup", help="a consistent copy, safe while the tracker is in use")
    backup.add_argument("dest", nargs="?", metavar="DEST", help="file or directory (default: beside the database)")
    backup.set_defaults(handler=backup_copy)
    actions.add_parser("check", help="integrity check and schema revision").set_defaults(handler=check)
    actions.add_parser("backups", help="the backups to go back to: date, size, days and entries").set_defaults(
        handler=list_copies
    )
    restore = actions.add_parser("restore", help="go back to a backup (the diary as it is is kept as one first)")
    which = restore.add_mutually_exclusive_group(required=True)
    which.add_argument("backup", nargs="?", metavar="BACKUP", help="a backup file (`tracker db backups`)")
    which.add_argument("--latest", action="store_true", help="the newest backup")
    which.add_argument("--date", metavar="D", help="the newest backup taken on that day")
    restore.set_defaults(handler=restore_copy)


def show_path(context: Context) -> int:
    print(context.db_path)
    return 0


def upgrade(context: Context) -> int:
    from tracker.storage.engine import SCHEMA_HEAD, inspect_file

    before = inspect_file(context.db_path)
    context.engine()
    if before.revision == SCHEMA_HEAD:
        print(f"{context.db_path} is already at schema {SCHEMA_HEAD}")
    else:
        print(f"{context.db_path}: schema {before.revision or 'new'} -> {SCHEMA_HEAD}")
    return 0


def backup_copy(context: Context) -> int:
    from tracker.errors import DatabaseRefused
    from tracker.storage.engine import backup_database, inspect_file, refuse_foreign_objects

    path = context.db_path
    state = inspect_file(path, recover=False)  # refuses a file that is not a healthy tracker database
    if state.revision is None:
        raise DatabaseRefused(f"no tracker database at {path}; nothing to back up")
    refuse_foreign_objects(path, state)
    # An older schema is copied as it is: a backup never upgrades the file it copies.
    written = backup_database(path, Path(context.args.dest) if context.args.dest else None, state=state)
    print(f"backed up to {written}")
    return 0


def check(context: Context) -> int:
    from tracker.errors import DatabaseRefused
    from tracker.storage.engine import SCHEMA_HEAD, inspect_file, integrity_check, refuse_foreign_objects

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


def list_copies(context: Context) -> int:
    from tracker.storage.restore import backups_of

    copies = backups_of(context.db_path)
    if not copies:
        print(f"no backups of {context.db_path} yet (the first write of each day makes one)")
        return 0
    for copy in reversed(copies):  # newest first: the one most likely wanted
        held = copy.contents.words() if copy.contents else "cannot be read"
        print(f"{copy.taken:%Y-%m-%d %H:%M}  {_size(copy.size):>8}  {held:<36}  {copy.path}")
    return 0


def restore_copy(context: Context) -> int:
    from tracker.core.when import parse_date
    from tracker.storage.restore import choose_backup, restore_backup

    path = context.db_path
    day = parse_date(context.args.date, today=context.now().date(), field="--date") if context.args.date else None
    chosen = choose_backup(path, named=context.args.backup, day=day)
    done = restore_backup(path, chosen)
    if done.saved is not None:
        print(f"the diary as it was is kept in {done.saved}")
    before = done.before.words() if done.before else "unreadable"
    print(f"restored {chosen.name}: before, {before}; now, {done.after.words()}")
    return 0


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    return f"{size / 1024:.1f} KB" if size < 1024**2 else f"{size / 1024**2:.1f} MB"
