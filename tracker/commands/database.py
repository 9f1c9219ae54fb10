"""`tracker db path | upgrade | backup [DEST] | check`."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.commands.context import Context


def register(commands: argparse._SubParsersAction) -> None:
    db = commands.add_parser("db", help="where the database is; upgrade, back up or check it")
    actions = db.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(db))
    actions.add_parser("path", help="print the database path").set_defaults(handler=show_path)
    actions.add_parser("upgrade", help="upgrade the schema (after a backup)").set_defaults(handler=upgrade)
    backup = actions.add_parser("backup", help="a consistent copy, safe while the tracker is in use")
    backup.add_argument("dest", nargs="?", metavar="DEST", help="file or directory (default: beside the database)")
    backup.set_defaults(handler=backup_copy)
    actions.add_parser("check", help="integrity check and schema revision").set_defaults(handler=check)


def show_path(context: Context) -> int:
    print(context.db_path)
    return 0


def upgrade(context: Context) -> int:
    from tracker.db import SCHEMA_HEAD, inspect_file

    before = inspect_file(context.db_path)
    context.engine()
    if before.revision == SCHEMA_HEAD:
        print(f"{context.db_path} is already at schema {SCHEMA_HEAD}")
    else:
        print(f"{context.db_path}: schema {before.revision or 'new'} -> {SCHEMA_HEAD}")
    return 0


def backup_copy(context: Context) -> int:
    from tracker.db import backup_database
    from tracker.errors import DatabaseRefused

    context.engine()  # refuses a file that is not a healthy tracker database
    dest = Path(context.args.dest) if context.args.dest else None
    if dest is not None and not dest.parent.exists():
        raise DatabaseRefused(f"backup destination folder {dest.parent} does not exist")
    written = backup_database(context.db_path, dest)
    print(f"backed up to {written}")
    return 0


def check(context: Context) -> int:
    from tracker.db import SCHEMA_HEAD, inspect_file, integrity_check
    from tracker.errors import DatabaseRefused

    path = context.db_path
    if not path.exists():
        raise DatabaseRefused(f"no database at {path}")
    state = inspect_file(path)
    result = integrity_check(path)
    print(f"database: {path}")
    print(f"integrity: {result}")
    revision = state.revision or "none"
    note = "" if state.revision == SCHEMA_HEAD else f" (this version writes {SCHEMA_HEAD}; `tracker db upgrade`)"
    print(f"schema revision: {revision}{note}")
    return 0 if result == "ok" else 1
