"""`tracker log twitch`, `log FACTOR VALUE`, `log none` and `log note TEXT` on the standard library alone.

These are the logs typed many times a day, often from a shell alias, so they must cost little
more than starting Python: no argparse grammar of every command (tracker.cli) and no database
stack. They are written by tracker.storage.quick_log, which writes the store's very rows, and
answered in tracker.commands.log_words's lines, the store path's own. Anything else (an
option, another kind of log, a server diary, a file to create or upgrade) gives None and the
full command line runs it.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from tracker.paths import check_folder_settings, resolve_db_path, server_url_given, split_db_option


def quick_argv(args: list[str]) -> tuple[str | None, str, list[str]] | None:
    """(--db, what, the words after it) for `[--db PATH] log twitch | log FACTOR VALUE... |
    log none | log note TEXT...` with no option; None for anything else."""
    split = split_db_option(args)
    if split is None:
        return None
    db, args = split
    if len(args) < 2 or args[0] != "log" or any(arg.startswith("-") for arg in args[1:]):
        return None  # an option (--at, --help, a negative number): the full grammar reads it
    what, words = args[1].strip().lower(), args[2:]
    if what in ("twitch", "none"):
        return (db, what, words) if not words else None
    if what in ("drink", "redflag") or not words:
        return None
    return db, what, words


def main_quick(args: list[str]) -> int | None:
    """Run one of the commonest logs; returns the exit code, or None when the full command line must run it."""
    parsed = quick_argv(args)
    if parsed is None or not all(_text(arg) for arg in args):
        return None
    db, what, words = parsed
    from tracker.errors import TrackerError

    try:
        check_folder_settings()  # a setting refused: the full command line says so, in one line
        if server_url_given(db) is not None:
            return None  # a server diary: written through SQLAlchemy
        path = resolve_db_path(db)
    except TrackerError:
        return None  # the full command line says what is wrong with it, in one line
    from tracker.commands.context import say_upgrade_notes
    from tracker.storage import quick_log

    say_upgrade_notes()  # a daily backup not made, a stopped conversion's copy removed: said, as with every write
    conn = quick_log.open_for_writing(path)
    if conn is None:
        return None
    from tracker.commands.terminal import say_failure, shown_safely
    from tracker.errors import EXIT_FAILURE, failure_line

    try:
        with shown_safely():
            return _log(conn, path, what, words)
    except quick_log.NotHandled:
        return None  # rolled back: the store reads the row and names it
    except KeyboardInterrupt:
        return say_failure("interrupted; nothing was changed", EXIT_FAILURE)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # as tracker.cli tells any failure: one line, its exit code
        return say_failure(*failure_line(exc))
    finally:
        conn.close()  # the last connection out folds the write-ahead log back into the file


def _log(conn: sqlite3.Connection, path: Path, what: str, words: list[str]) -> int:
    from tracker.commands import log_words
    from tracker.core.when import Moment, local_now, read_when
    from tracker.storage import quick_log
    from tracker.storage.wait import WAITING

    now = local_now()
    today = now.date()

    def waiting() -> None:
        print(WAITING, file=sys.stderr)

    if what == "twitch":
        when = read_when("now", now=now, field=log_words.AT)  # as `log twitch` reads a left-out --at
        with quick_log.write_transaction(conn, path, on_wait=waiting):
            twitch = quick_log.add_twitch(conn, now=now)
        from tracker.core import ids
        from tracker.core.formatting import twitch_words

        log_words.say_twitch(
            ids.format_id(ids.EPISODE, twitch.id),
            twitch_words(twitch.location, twitch.side, twitch.intensity, None),
            when,
            now,
            left_out=["location", "side", "intensity"],
            repeated=twitch.repeated,
            replaced=now.date() if twitch.withdrew_no_twitches else None,
        )
        return 0
    if what == "none":
        with quick_log.write_transaction(conn, path, on_wait=waiting):
            quick_log.check_in(conn, day=today, today=today)
        log_words.say_checked_in(today)
        return 0
    if what == "note":
        text = " ".join(words).strip()
        with quick_log.write_transaction(conn, path, on_wait=waiting):
            before = quick_log.day_note(conn, today)
            quick_log.set_day_note(conn, day=today, note=text, today=today)
        log_words.say_note(today, text, before)
        return 0
    typed = " ".join(words)
    with quick_log.write_transaction(conn, path, on_wait=waiting):
        factor = quick_log.find_factor(conn, what)
        if factor is None:
            raise quick_log.NotHandled("no such factor")  # the store lists the factors there are
        value, drink = log_words.read_factor_value(factor, typed, lambda: quick_log.drinks(conn, factor))
        # The drinks it was ("2 × glass") go in the note, as `log drink` keeps them.
        entry = quick_log.add_factor_entry(conn, factor, value, note=drink, now=now)
    from tracker.core import ids

    total = log_words.day_total_line(factor, entry.local_date, entry.day_values)
    label = ids.format_id(ids.FACTOR_ENTRY, entry.id)
    log_words.say_factor_entry(label, factor, value, typed, Moment(now), entry.local_date, now, total)
    return 0


def _text(arg: str) -> bool:
    """Whether `arg` is valid text (the full command line refuses bytes that are not UTF-8, in its words)."""
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
