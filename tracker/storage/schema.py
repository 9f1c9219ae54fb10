"""The shape of a database's schema, and the shape the migrations give it.

A database may hold only what tracker's migrations create: a trigger, a view, or a table or
index of someone else's can move, copy or refuse a person's entries behind tracker's back
(an AFTER INSERT trigger that deletes each new row, say). `signature` describes every object
in sqlite_master by what SQLite reports of it (columns, keys, foreign-key actions, indexed
columns), not by its SQL text, so a database created by an older SQLAlchemy with different
spacing or quoting still matches.

What to expect comes from code, never from a hand-kept list: at the current revision from the
models (a test holds them equal to a database the migrations built), and at an older revision
from running the migrations on an empty in-memory database, which costs Alembic's import and
is paid only when an upgrade is due anyway.
"""

from __future__ import annotations

import sqlite3
from functools import cache

Signature = frozenset[tuple[object, ...]]


def signature(conn: sqlite3.Connection) -> Signature:
    """Every schema object of `conn`'s main database as comparable tuples (SQLite's own tables aside)."""
    objects: set[tuple[object, ...]] = set()
    rows = conn.execute("SELECT type, name, tbl_name FROM sqlite_master ORDER BY type, name").fetchall()
    for kind, name, table in rows:
        if kind == "table" and name.startswith("sqlite_"):
            continue  # sqlite_sequence, sqlite_stat1: SQLite's own bookkeeping
        if kind == "table":
            columns = tuple(sorted(row[1:] for row in conn.execute(f'PRAGMA table_xinfo("{name}")')))
            keys = tuple(sorted(tuple(row[2:]) for row in conn.execute(f'PRAGMA foreign_key_list("{name}")')))
            objects.add(("table", name, columns, keys))
        elif kind == "index":
            # An index SQLite made for a UNIQUE or PRIMARY KEY constraint is named by its
            # position in CREATE TABLE, so it is known by its table and columns instead.
            unique, origin, partial = next(
                row[2:5] for row in conn.execute(f'PRAGMA index_list("{table}")') if row[1] == name
            )
            parts = tuple(row[2:] for row in conn.execute(f'PRAGMA index_xinfo("{name}")') if row[5])
            shown = "(automatic)" if name.startswith("sqlite_autoindex_") else name
            objects.add(("index", shown, table, unique, origin, partial, parts))
        else:
            objects.add((kind, name, table))  # views and triggers: tracker's migrations create none
    return frozenset(objects)


def unexpected(actual: Signature, expected: Signature) -> list[str]:
    """The objects in `actual` that `expected` lacks (or has in another shape), in words, sorted."""
    return sorted(
        f"{kind} {name}" + (f" on {on}" if kind != "table" else "") for kind, name, on, *_ in actual - expected
    )


def missing(actual: Signature, expected: Signature) -> list[str]:
    """The objects `expected` has and `actual` lacks, in words, sorted."""
    return unexpected(expected, actual)


@cache
def expected_signature(revision: str) -> Signature:
    """The schema the migrations give a database at `revision`."""
    from tracker.storage.file_checks import SCHEMA_HEAD

    return _from_models() if revision == SCHEMA_HEAD else migrated_signature(revision)


def migrated_signature(revision: str) -> Signature:
    """The schema of an empty in-memory database taken to `revision` by the migrations."""
    from alembic import command  # deferred: ~150 ms, only on the way to an upgrade
    from alembic.config import Config
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from tracker.storage.engine import migrations_dir

    engine = create_engine("sqlite://", poolclass=StaticPool)
    try:
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(migrations_dir()))
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            return signature(conn.connection.dbapi_connection)  # type: ignore[arg-type]  # the driver connection under SQLAlchemy is sqlite3's
    finally:
        engine.dispose()


def _from_models() -> Signature:
    # The models' tables built in an in-memory database: a reference to compare with, never a
    # person's file (their schema only ever comes from the migrations). Compiling the DDL and
    # running it on a bare sqlite3 connection costs ~15 ms, a third of what an engine and
    # create_all() take. The Alembic version table is the one object the models do not hold;
    # its shape is Alembic's own.
    from sqlalchemy import Column, MetaData, PrimaryKeyConstraint, String, Table
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    from tracker.storage.models import metadata

    version = Table(
        "alembic_version",
        MetaData(),
        Column("version_num", String(32), nullable=False),
        PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
    )
    dialect = sqlite.dialect()
    conn = sqlite3.connect(":memory:")
    try:
        for table in [*metadata.sorted_tables, version]:
            conn.execute(str(CreateTable(table).compile(dialect=dialect)))
            for index in table.indexes:
                conn.execute(str(CreateIndex(index).compile(dialect=dialect)))
        return signature(conn)
    finally:
        conn.close()
