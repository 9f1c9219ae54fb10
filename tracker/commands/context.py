"""What every command handler receives: the parsed arguments and a lazily opened store."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.paths import resolve_db_path, server_url_given

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from contextlib import AbstractContextManager
    from types import SimpleNamespace

    from sqlalchemy import Engine
    from sqlmodel import Session

    from tracker.storage.history import History


# Commands that show or pass data on (a list, a file, a doctor, a statistic) first check that every stored
# value is one tracker writes: a value edited in by hand is named, not passed on. Not done on
# every open: the scan costs several times the open check (0.3 s against 0.05 s on ten years of demo data).
PASS_DATA_ON = frozenset({"list", "export", "report", "analyze", "chart", "med"})


def _plain_parser() -> argparse.ArgumentParser:
    import argparse  # deferred: `tracker` alone opens the app without it

    return argparse.ArgumentParser()


@dataclass
class Context:
    args: argparse.Namespace | SimpleNamespace  # SimpleNamespace: `tracker` alone, parsed without argparse
    # Passed in by the command line, so this module (imported by every command) never imports
    # the parser, which imports every command.
    build_parser: Callable[[], argparse.ArgumentParser] = field(default=_plain_parser, repr=False)
    _parser: argparse.ArgumentParser | None = field(default=None, repr=False)
    _engine: Engine | None = field(default=None, repr=False)
    # Who is told that a write waits for another writer; None: stderr. The app sets its own,
    # since under a full-screen app stderr is not seen.
    on_wait: Callable[[], None] | None = field(default=None, repr=False)
    _created: Path | None = field(default=None, repr=False)  # the database, if this command made it
    _password: str | None = field(default=None, repr=False)  # typed once at the prompt, kept for this command
    # False under the full-screen app: a prompt on the terminal it draws on would never be seen.
    may_prompt: bool = field(default=True, repr=False)
    _said_plaintext: bool = field(default=False, repr=False)

    @property
    def parser(self) -> argparse.ArgumentParser:
        """The full command-line parser, built only when something needs it (help, sub-parsers)."""
        if self._parser is None:
            self._parser = self.build_parser()
        return self._parser

    @property
    def opened(self) -> bool:
        """Whether the database was opened by this command."""
        return self._engine is not None

    @property
    def server_url(self) -> str | None:
        """The PostgreSQL URL the diary lives at, or None for a SQLite file (db_path)."""
        return server_url_given(self.args.db)

    @property
    def db_path(self) -> Path:
        """The diary's SQLite file; refused for a server diary, which has no file to work on."""
        if self.server_url is not None:
            from tracker.errors import DatabaseRefused

            raise DatabaseRefused(f"{self.db_name} is a server; this works only on a database file")
        return resolve_db_path(self.args.db)

    @property
    def db_name(self) -> str:
        """Where the diary is, as a person may read it: the file's path, or the server's URL with
        any password masked."""
        if self.server_url is not None:
            from tracker.storage.postgres import shown_url

            return shown_url(self.server_url)
        return str(self.db_path)

    def engine(self, *, read_only: bool = False) -> Engine:
        """The database, opened on first use: created or upgraded for a command that writes;
        for one that only reads (`read_only`), opened read-only, never created nor changed."""
        if self._engine is None and self.server_url is not None:
            from tracker.storage.postgres import open_server
            from tracker.storage.wait import WRITE_WAIT_S

            if not read_only:
                say_upgrade_notes()
            self._engine = open_server(
                self.server_url,
                read_only=read_only,
                wait_s=WRITE_WAIT_S,
                on_wait=self._say_waiting,
                ask_password=self.ask_password,
            )
        if self._engine is None:
            path = self.db_path
            if read_only:
                from tracker.storage.engine import open_read_only

                self._engine = open_read_only(path)
                if self.args.command in PASS_DATA_ON:
                    from tracker.storage.stored_values import refuse_foreign_values

                    refuse_foreign_values(path)
            else:
                from tracker.storage.engine import open_database
                from tracker.storage.wait import WRITE_WAIT_S

                say_upgrade_notes()
                new = not os.path.lexists(path)
                self._engine = open_database(path, wait_s=WRITE_WAIT_S, on_wait=self._say_waiting)
                self._created = path if new else None
        return self._engine

    def session(self, *, write: bool = True, read_only: bool | None = None) -> AbstractContextManager[Session]:
        """One transaction, committed at the end of the `with` (rolled back on an error). A
        command that only reads (`write=False`) opens the database read-only, unless it asks
        for `read_only=False` (to create the file, say)."""
        from tracker.storage.engine import session_scope

        return session_scope(self.engine(read_only=not write if read_only is None else read_only), write=write)

    def close(self, *, failed: bool = False) -> None:
        """Close the database: the last connection out folds the WAL back into the file.

        A command that `failed` wrote nothing; a database it created is removed with its side
        files, so a refused command leaves no empty diary behind (`--db typo.db log ...`).
        """
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if failed and self._created is not None and not _holds_entries(self._created):
            from tracker.core.files import DATABASE_SIDE_FILES

            for name in (self._created.name, *(self._created.name + suffix for suffix in DATABASE_SIDE_FILES)):
                with contextlib.suppress(FileNotFoundError):
                    (self._created.parent / name).unlink()
        self._created = None

    @property
    def ask_password(self) -> Callable[[str], str] | None:
        """How a server's password is asked for when ~/.pgpass and PGPASSWORD hold none: at the
        terminal, not echoed (and once per command); None when no terminal is attached (a cron
        job, a pipe), where a prompt would wait for nobody."""
        if not (self.may_prompt and sys.stdin.isatty()):
            return None

        def ask(shown: str) -> str:
            if self._password is None:
                import getpass

                self._password = getpass.getpass(f"password for {shown}: ")
            return self._password

        return ask

    def _say_waiting(self) -> None:
        # Called from a timer thread while a write waits for another writer's lock.
        from tracker.storage.wait import WAITING

        if self.on_wait is not None:
            self.on_wait()
            return
        self.say(WAITING)

    def now(self) -> dt.datetime:
        """The clock every command reads (and passes on to the store)."""
        from tracker.core.when import local_now

        return local_now()

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        """--from/--to as dates (None where not given), checked to be in order."""
        from tracker.core.when import parse_date
        from tracker.errors import InputError

        today = self.now().date()
        given_from, given_to = getattr(self.args, "date_from", None), getattr(self.args, "date_to", None)
        start = parse_date(given_from, today=today, field="--from") if given_from else None
        end = parse_date(given_to, today=today, field="--to") if given_to else None
        if start and end and end < start:
            raise InputError("--to", end.isoformat(), f"a date on or after --from ({start.isoformat()})")
        return start, end

    def history(
        self,
        *,
        as_of: dt.date | None = None,
        say_adjusted: bool = True,
        from_tracking_start: bool = False,
        for_report: bool = True,
    ) -> History:
        """The history for --from/--to (and `as_of`), held to the diary's span; what was adjusted is
        said on stderr unless the caller shows it itself. `from_tracking_start`: without --from,
        from the start of the current stretch of tracking (what a report is read for).
        `for_report=False`: without what only the visit report reads (load_history)."""
        from tracker.storage.history import load_history

        start, end = self.date_range()
        with self.session(write=False) as session:
            history = load_history(
                session=session,
                as_of=as_of,
                date_from=start,
                date_to=end,
                today=self.now().date(),
                from_tracking_start=from_tracking_start,
                for_report=for_report,
            )
        if say_adjusted:
            for adjusted in history.adjusted:
                self.say(adjusted.words())
        return history

    def say_plaintext(self, what: str) -> None:
        """Say, once per command, that `what` (an export, a chart, a report) is not encrypted,
        when the diary it comes from is."""
        if self._said_plaintext or self.server_url is not None:
            return
        from tracker.storage.keys import is_encrypted, plaintext_words

        if is_encrypted(self.db_path):
            self._said_plaintext = True
            self.say(plaintext_words(what))

    def say(self, message: str) -> None:
        """A message for the person (stderr, so data on stdout stays clean)."""
        print(message, file=sys.stderr)


def _holds_entries(path: Path) -> bool:
    """Whether `path` holds anything a person logged (another tracker may have written to a
    database this command created); True when it cannot be read, so it is kept."""
    from tracker.errors import DatabaseRefused
    from tracker.storage.first_look import ENTRY_TABLES, connect_file, database_errors

    try:
        conn = connect_file(path, read_only=True)  # the one opener: an encrypted diary too
        try:
            return any(conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() for table in ENTRY_TABLES)
        finally:
            conn.close()
    except database_errors(DatabaseRefused):
        return True


def say_upgrade_notes() -> None:
    """Show what an upgrade changes for the person (a factor of theirs renamed, say) on stderr.

    The migrations say it on the "tracker.upgrade" logger; logging is already loaded with
    the database stack, so this costs nothing a command that writes does not pay anyway.
    """
    import logging

    class StderrNow(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            print(self.format(record), file=sys.stderr)  # whatever stderr is at that moment

    for name in ("tracker.upgrade", "tracker.backup"):  # what an upgrade changed; a daily backup not made
        notes = logging.getLogger(name)
        if not any(handler.get_name() == "tracker-stderr" for handler in notes.handlers):
            handler = StderrNow()
            handler.set_name("tracker-stderr")
            handler.setFormatter(logging.Formatter("tracker: %(message)s"))
            notes.addHandler(handler)
            notes.setLevel(logging.INFO)
            notes.propagate = False
