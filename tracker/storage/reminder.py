"""What `tracker remind` says: whether today (and yesterday) have their twitches answered.

A shell prompt may run it on every line, so it reads through the first look's opener
(tracker.storage.first_look: the standard library's sqlite3, read-only, a diary at the current
schema only) and imports nothing else: no SQLAlchemy, pandas or Textual, not even the Today
screen's dataclasses. Nothing is ever written. Yesterday counts once the diary has begun before
today. "Answered" is the rule everywhere: a twitch logged, or "no twitches" (the check-in).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

from tracker.core.key_names import key_file_name
from tracker.storage.first_look import database_errors, not_created_yet, open_current

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: this module runs at a shell prompt

if TYPE_CHECKING:
    from typing import Any

    from sqlalchemy import Connection

TWITCH_KEYS = "t to log a twitch, n for none"

ANSWERED = "SELECT 1 FROM episode WHERE local_date = :day UNION ALL SELECT 1 FROM day WHERE date = :day AND checked_in"
ANYTHING = (
    "SELECT 1 FROM factor_entry WHERE local_date = :day UNION ALL SELECT 1 FROM red_flag WHERE date = :day"
    " UNION ALL SELECT 1 FROM day WHERE date = :day AND note != ''"
)
BEGUN_BEFORE = (
    "SELECT 1 FROM episode WHERE local_date < :day UNION ALL SELECT 1 FROM factor_entry WHERE local_date < :day"
    " UNION ALL SELECT 1 FROM day WHERE date < :day AND (checked_in OR note != '')"  # day_record_holds
    " UNION ALL SELECT 1 FROM red_flag WHERE date < :day"
)
# Factors measured each day (sleep, water, stress, ...): a day without one is unmeasured. Those
# logged only when taken (caffeine, a supplement) are none when absent, so never reminded of.
UNMEASURED = (
    "SELECT name FROM factor WHERE NOT absent_means_none AND id NOT IN"
    " (SELECT factor_id FROM factor_entry WHERE local_date = :day) ORDER BY position, id"
)


def reminder(path: str, today: dt.date, *, factors: bool = False) -> str | None:
    """The one line to show, or None when nothing is missing."""
    conn = open_current(path)
    if conn is None:
        if os.path.exists(path) and not not_created_yet(path):
            _refuse_if_locked(path)
            _refuse_if_not_a_diary(path)
            return f"{path} could not be read quickly; open tracker to see why"
        return f"Nothing logged today — {TWITCH_KEYS}"
    try:
        parts = _missing(conn, today, factors=factors)
    except database_errors():
        _refuse_if_not_a_diary(path)
        return f"{path} could not be read quickly; open tracker to see why"
    finally:
        conn.close()
    return _line(parts)


def _refuse_if_not_a_diary(path: str) -> None:
    """DatabaseRefused, in the one line every command gives, when `path` is no tracker diary (not
    SQLite, damaged, another program's database): a reminder about it could only mislead. A
    diary the quick read cannot take (an older schema, say) is left to the caller's line. Loaded
    only on this failing path."""
    from pathlib import Path

    from tracker.errors import DatabaseRefused
    from tracker.storage.file_checks import inspect_file

    state = inspect_file(Path(path), recover=False)
    if state.revision is None:
        raise DatabaseRefused(f"{path} is not a tracker database (no schema revision in it); left untouched")


def _refuse_if_locked(path: str) -> None:
    """DiaryLocked or WrongPassphrase, in the words every command uses, when `path` is an encrypted
    diary whose key is not here (no TRACKER_PASSPHRASE, an empty keyring) or does not open it:
    the person is told what to do rather than to open the app; or the key file is gone from beside
    a file that is not SQLite (an encrypted diary, moved without it), in the line every command
    gives (tracker.storage.file_checks). Loaded only on this failing path."""
    from pathlib import Path

    if not os.path.isfile(key_file_name(path)):
        from tracker.storage.file_checks import refuse_unless_sqlite

        refuse_unless_sqlite(Path(path))
        return
    from tracker.storage.keys import data_key, is_encrypted

    if is_encrypted(Path(path)):
        data_key(Path(path))  # raises when there is no key, or the passphrase is wrong


def server_reminder(conn: Connection, today: dt.date, *, factors: bool = False) -> str | None:
    """The one line to show for the server diary on `conn` (a read-only connection), or None."""
    from sqlalchemy import text  # a server diary needs SQLAlchemy anyway; a file's reminder never imports it

    class Rows:  # the same questions as a file's, asked through SQLAlchemy
        def execute(self, sql: str, params: dict[str, str]) -> Any:
            return conn.execute(text(sql), {name: dt.date.fromisoformat(day) for name, day in params.items()})

    return _line(_missing(Rows(), today, factors=factors))


def _line(parts: list[str]) -> str | None:
    if not parts:
        return None
    line = "; ".join(parts)
    return line[0].upper() + line[1:]


def _missing(conn: sqlite3.Connection | Any, today: dt.date, *, factors: bool) -> list[str]:
    def has(sql: str, day: dt.date) -> bool:
        return bool(conn.execute(f"SELECT EXISTS ({sql})", {"day": day.isoformat()}).fetchone()[0])

    yesterday = today - dt.timedelta(days=1)
    today_open = not has(ANSWERED, today)
    yesterday_open = has(BEGUN_BEFORE, today) and not has(ANSWERED, yesterday)
    parts = []
    if today_open and yesterday_open:
        parts.append(f"Twitches not answered today or yesterday — {TWITCH_KEYS}; y goes to yesterday")
    elif today_open:
        parts.append(f"{'Twitches not answered' if has(ANYTHING, today) else 'Nothing logged'} today — {TWITCH_KEYS}")
    elif yesterday_open:
        parts.append(f"Yesterday's twitches not answered — y, then {TWITCH_KEYS}")
    if factors:
        names = [row[0] for row in conn.execute(UNMEASURED, {"day": today.isoformat()})]
        if names:
            listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
            parts.append(f"no {listed} logged today")
    return parts
