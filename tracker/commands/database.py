"""`tracker db path | upgrade | backup [DEST] | check | copy SRC DEST`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.commands.context import Context

if TYPE_CHECKING:
    from sqlalchemy import Connection


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = commands.add_parser("db", help="where the database is; upgrade, back up or check it")
    actions = db.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(db))
    actions.add_parser("path", help="print the database path").set_defaults(handler=show_path)
    actions.add_parser("upgrade", help="upgrade the schema (after a backup)").set_defaults(handler=upgrade)
    backup = actions.add_parser("backup", help="a consistent copy, safe while the tracker is in use")
    backup.add_argument("dest", nargs="?", metavar="DEST", help="file or directory (default: beside the database)")
    backup.set_defaults(handler=backup_copy)
    actions.add_parser("check", help="integrity check and schema revision").set_defaults(handler=check)
    copy = actions.add_parser("copy", help="copy a whole diary into an empty one: file or server, either way")
    copy.add_argument("source", metavar="SRC", help="the diary to copy: a file or a postgresql:// URL")
    copy.add_argument("target", metavar="DEST", help="an empty diary (or a new file) to copy it into")
    copy.set_defaults(handler=copy_diary)


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

    return server_revision(context.server_url)


def backup_copy(context: Context) -> int:
    from tracker.errors import DatabaseRefused, InputError
    from tracker.storage.engine import backup_database, inspect_file, refuse_foreign_objects

    if context.args.dest == "":  # an empty name is a typo, not "the default place"
        raise InputError("DEST", "", "a file or folder to back up to; the path is empty")
    if context.server_url is not None:
        from tracker.storage.copy import snapshot_to_file

        dest = context.args.dest
        if not dest:
            raise InputError("DEST", "", "a new .db file for the server diary's SQLite copy (a server has no folder)")
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
    diaries' CSV exports (daily and episodes) are identical."""
    from tracker.storage import copy

    source = Context(args=argparse.Namespace(db=context.args.source, command="db"))
    target = Context(args=argparse.Namespace(db=context.args.target, command="db"))
    done = False
    try:
        counts = copy.copy_diary(source.engine(read_only=True), target.engine(), check=_same_exports)
        done = True
    finally:
        source.close()
        target.close(failed=not done)
    entries = sum(counts[name] for name in copy.ENTRY_TABLES)
    print(f"copied {entries} entries from {source.db_name} to {target.db_name}; their CSV exports are identical")
    return 0


def _same_exports(source: Connection, target: Connection) -> None:
    from sqlmodel import Session

    from tracker.errors import TrackerError
    from tracker.io.export import export_daily, export_episodes

    for export in (export_daily, export_episodes):
        with Session(bind=source) as reading, Session(bind=target) as writing:
            if export(session=reading) != export(session=writing):
                kind = "daily" if export is export_daily else "episodes"
                raise TrackerError(f"the copy's {kind} CSV export differs from the original's; nothing was copied")
