"""A diary on a PostgreSQL server, for people who log from several machines.

Syncing a live SQLite file between machines corrupts it or drops one side; a server is the
engine built for many writers. The SQLite-only parts (pragmas, file checks, the quick first
read, the online backup API) stay in their own modules; this one makes the server engine:

- the password is never shown: every URL a person reads goes through `shown_url`; it comes
  from ~/.pgpass or PGPASSWORD (libpq reads both), or is asked for (`ask_password`) when the
  server wants one, and then goes to the driver alone, never into a URL;
- a host that is not this machine gets `sslmode=require` unless the URL says otherwise, and
  every connection gives up after CONNECT_TIMEOUT_S rather than hanging (server_options);
- every write transaction first takes one advisory lock, so writes are serialised as SQLite's
  `BEGIN IMMEDIATE` serialises them (two machines checking in on the same day would otherwise
  both insert the day and one would fail);
- a new or older database is migrated in one transaction (PostgreSQL's DDL is transactional),
  under the same lock, so two machines opening a new server diary do not both create it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, OperationalError

from tracker.errors import DatabaseRefused, InputError, TrackerError
from tracker.storage.file_checks import BUSY_TIMEOUT_S, KNOWN_REVISIONS, SCHEMA_HEAD
from tracker.storage.server_options import connect_defaults
from tracker.storage.wait import notice_if_slow

DRIVER = "postgresql+psycopg"  # psycopg 3, the `postgres` extra
# pg_advisory_xact_lock's key: any fixed 64-bit number, the same in every tracker. Held until
# the transaction ends, so a crash or a lost connection can never leave it taken.
WRITE_LOCK_KEY = 0x74726B72  # "trkr"
AskPassword = Callable[[str], str]  # given the URL as shown (masked), the password typed


class ServerAway(TrackerError):
    """The server cannot be reached (or refused the login); nothing was written (exit code 1)."""


def server_url(value: str, *, field: str = "--db") -> URL:
    """The URL to connect with: psycopg as the driver, a connect timeout, and TLS required for
    a host that is not this machine unless the URL chooses an `sslmode` itself."""
    try:
        url = make_url(value)
    except ArgumentError:
        raise InputError(field, _masked_text(value), "a database file path or postgresql://user@host/name") from None
    if url.get_backend_name() != "postgresql" or url.get_driver_name() not in ("", "psycopg"):
        raise InputError(field, shown_url(url), "a postgresql:// or postgresql+psycopg:// URL (psycopg 3)")
    if not url.database:
        raise InputError(field, shown_url(url), "a URL that names the database, e.g. postgresql://me@host/tracker")
    query = dict(url.query)
    for name, value in connect_defaults(url.host or str(url.query.get("host", ""))).items():
        query.setdefault(name, value)
    return url.set(drivername=DRIVER, query=query)


def shown_url(url: URL | str) -> str:
    """`url` as a person may see it: the password, if the URL holds one, as ***."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return _masked_text(url)


def without_password(url: URL | str) -> str:
    """`url` as given, with any password left out (not masked): a URL to write where it is kept
    or seen (a timer's command line, a folder's name), whose password libpq finds as ever."""
    parsed = url if isinstance(url, URL) else server_url(url).set(query=make_url(url).query)
    # URL.create, not parsed.set: `set(password=None)` leaves the password as it was.
    bare = URL.create(parsed.drivername, parsed.username, None, parsed.host, parsed.port, parsed.database, parsed.query)
    return bare.render_as_string(hide_password=False)


def _masked_text(value: str) -> str:
    """A string that is not a URL SQLAlchemy reads, with anything between `:` and `@` hidden."""
    scheme, sep, rest = value.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not (sep and at and ":" in credentials):
        return value
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"


def make_server_engine(
    url: URL,
    *,
    read_only: bool = False,
    wait_s: float | None = None,
    on_wait: Callable[[], None] | None = None,
    password: str | None = None,
    daily_backup: bool = False,
) -> Engine:
    """An engine on the server at `url` whose write transactions are serialised (WRITE_LOCK_KEY)
    and whose `read_only` transactions cannot write. A write waits up to `wait_s` (default
    BUSY_TIMEOUT_S) for another writer, calling `on_wait` if that takes over a second. A
    `password` goes to the driver as its own argument: never part of a URL, so never shown.
    With `daily_backup`, the first write of each day starts the day's backup (server_backups)."""
    engine = create_engine(url, pool_pre_ping=False, connect_args={} if password is None else {"password": password})
    wait_ms = int((wait_s or BUSY_TIMEOUT_S) * 1000)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        options = conn.get_execution_options()
        if options.get("tracker_unlocked", False) and not read_only:
            return  # writes only the session's own temporary tables (an import's staging): no lock
        if read_only or options.get("tracker_read_only", False):
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            return
        if daily_backup and not options.get("tracker_migrating", False):
            # Before the lock, as for a file: the copy reads a snapshot and holds up no writer.
            from tracker.storage.server_backups import server_backup_if_first_today  # imports this module

            server_backup_if_first_today(url, password)
        # lock_timeout bounds the wait for the lock below; SET LOCAL ends with the transaction.
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {wait_ms}")
        # Free (the usual case): taken at once, and nobody is told of a wait that did not happen,
        # however slow the server is to answer. Held by another writer: wait, and say so.
        taken = conn.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY}).scalar()
        if not taken:
            with notice_if_slow(on_wait):
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})

    return engine


def stored_revision(conn: Connection) -> str | None:
    """The schema revision the server's diary is at; None for an empty database."""
    if conn.execute(text("SELECT to_regclass('alembic_version')")).scalar() is None:
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def server_revision(value: str, *, ask_password: AskPassword | None = None) -> str | None:
    """The schema revision of the server diary at `value`, read without changing anything."""
    url = server_url(value)
    engine = make_server_engine(url, read_only=True)
    try:
        with engine.connect() as conn:
            return stored_revision(conn)
    except OperationalError as exc:
        engine.dispose()
        password = _asked(url, exc, ask_password)
        if password is None:
            raise _away(value, exc) from exc
        engine = make_server_engine(url, read_only=True, password=password)
        try:
            with engine.connect() as conn:
                return stored_revision(conn)
        except OperationalError as again:
            raise _away(value, again) from again
    finally:
        engine.dispose()


def _asked(url: URL, exc: OperationalError, ask_password: AskPassword | None) -> str | None:
    """The password the person types, when the server refused for want of one and they can be
    asked; else None."""
    if ask_password is None or url.password is not None or not _wants_password(exc):
        return None
    return ask_password(shown_url(url))


def _wants_password(exc: OperationalError) -> bool:
    # libpq's words when the server asks for a password and none was found (URL, PGPASSWORD, ~/.pgpass).
    return "no password supplied" in str(exc.orig if exc.orig is not None else exc)


def open_server(
    value: str,
    *,
    read_only: bool = False,
    migrate: bool = True,
    wait_s: float | None = None,
    on_wait: Callable[[], None] | None = None,
    ask_password: AskPassword | None = None,
) -> Engine:
    """An engine on the server diary at `value` (a postgresql:// URL) at the current schema,
    created or upgraded first unless `read_only` or not `migrate`. When the server wants a
    password that neither ~/.pgpass nor PGPASSWORD holds, `ask_password` (given the masked URL)
    is asked once. Raises ServerAway (one line, the password masked) when the server cannot be
    reached or refuses the login, DatabaseRefused for a diary this version cannot use."""
    url = server_url(value)
    backup = not read_only
    engine = make_server_engine(url, read_only=read_only, wait_s=wait_s, on_wait=on_wait, daily_backup=backup)
    try:
        try:
            _check_schema(engine, value, read_only=read_only, migrate=migrate)
        except OperationalError as exc:
            password = _asked(url, exc, ask_password)
            if password is None:
                raise
            engine.dispose()
            engine = make_server_engine(
                url, read_only=read_only, wait_s=wait_s, on_wait=on_wait, password=password, daily_backup=backup
            )
            _check_schema(engine, value, read_only=read_only, migrate=migrate)
    except OperationalError as exc:
        engine.dispose()
        raise _away(value, exc) from exc
    except BaseException:
        engine.dispose()
        raise
    return engine


def _check_schema(engine: Engine, value: str, *, read_only: bool, migrate: bool) -> None:
    """Refuse a diary this version cannot use; create or upgrade one it can (unless told not to)."""
    # The schema check (and a migration) is no write of the day's: it starts no daily backup,
    # which would copy the diary before it is at a schema this version reads.
    with engine.connect().execution_options(tracker_migrating=True) as conn, conn.begin():
        revision = stored_revision(conn)
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise DatabaseRefused(
                f"{shown_url(value)} is at schema {revision}, newer than this version of tracker knows "
                f"({SCHEMA_HEAD}); left untouched: upgrade tracker"
            )
        if revision != SCHEMA_HEAD:
            if read_only and revision is None:
                raise DatabaseRefused(f"{shown_url(value)} holds no tracker data yet; nothing to read")
            if read_only or not migrate:
                raise DatabaseRefused(
                    f"{shown_url(value)} is at schema {revision}; run `tracker db upgrade` to bring it to {SCHEMA_HEAD}"
                )
            _migrate(conn)


def _migrate(conn: Connection) -> None:
    """Every migration, in the caller's transaction (which holds the write lock): all or nothing."""
    from alembic import command  # deferred: ~150 ms, only when a migration is due
    from alembic.config import Config

    from tracker.storage.engine import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


def _away(value: str, exc: OperationalError) -> ServerAway:
    """The one line for a server that cannot be reached: libpq's reason names host and user,
    never the password, and the URL is shown masked."""
    cause = str(exc.orig if exc.orig is not None else exc).strip()
    reason = (cause.splitlines() or ["no answer"])[0].rstrip(".")
    if _wants_password(exc):
        reason += " (put it in ~/.pgpass or PGPASSWORD, or run tracker in a terminal to be asked for it)"
    return ServerAway(f"cannot reach the database {shown_url(value)}: {reason}; nothing was changed")
