"""Values that tracker never writes, found in the file (edited by hand, or by another program).

Such a value used to surface as "unexpected error" (a text where a number belongs, a date
that is no date) or went on into exports and analysis as if tracker had checked it (a negative
amount, a place tracker does not know). Each rule below says, in SQL, what tracker stores in a
column; the first row that breaks one is named in one line (table, row, field, value) and the
command stops, nothing written. Read with the standard library only, on a read-only connection.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from tracker.core.factor_rules import FactorRow, foreign_definition
from tracker.core.vocabulary import DailyRule, FactorKind, Location, RedFlagKind, Side
from tracker.errors import StoredValueError
from tracker.paths import cache_dir
from tracker.storage.file_checks import connect_file


def _one_of(values: Iterable[object]) -> str:
    return "IN (" + ", ".join(f"'{value}'" for value in values) + ")"


def _int(low: int | None = None, high: int | None = None) -> str:
    bounds = (f" AND {{c}} >= {low}" if low is not None else "") + (f" AND {{c}} <= {high}" if high is not None else "")
    return "typeof({c}) = 'integer'" + bounds


NUMBER = "typeof({c}) IN ('integer', 'real') AND {c} = {c}"  # a number, and not NaN
# Through julianday(): date() alone keeps a 30 February as it is, julianday() moves it to March.
DATE = "typeof({c}) = 'text' AND date(julianday({c})) IS {c}"
# SQLAlchemy writes `YYYY-MM-DD HH:MM:SS.ffffff`: the first 19 characters must read back whole.
DATETIME = (
    "typeof({c}) = 'text' AND length({c}) >= 19 AND datetime(julianday(substr({c}, 1, 19))) IS substr({c}, 1, 19)"
)
# Text as tracker writes it: no NUL character (no file format it writes can carry one back).
TEXT = "typeof({c}) = 'text' AND instr({c}, char(0)) = 0"
# A row that names a factor names one that exists.
FACTOR_ID = "{c} IN (SELECT id FROM factor)"
# A local date is the date of its time in the offset stored with it (the day the person lived it
# in); a date-only entry has no time, and any calendar date will do.
LOCAL_DATE_OF = DATE + (
    " AND ({at} IS NULL OR utc_offset_min IS NULL"
    " OR {c} IS date(substr({at}, 1, 19), printf('%+d minutes', utc_offset_min)))"
)
FLAG = "{c} IN (0, 1)"


def _optional(rule: str) -> str:
    return "{c} IS NULL OR (" + rule + ")"


# table: (the column that names a row, {column: what tracker stores there, "{c}" being the column})
RULES: dict[str, tuple[str, dict[str, str]]] = {
    "episode": ("id", {
        "started_at": DATETIME, "utc_offset_min": _int(-1440, 1440),
        "local_date": LOCAL_DATE_OF.replace("{at}", "started_at"),
        "location": "{c} " + _one_of(Location), "side": "{c} " + _one_of(Side),
        "intensity": _optional(_int(1, 5)), "duration_s": _optional(_int(0)),
        "context": TEXT, "relief": TEXT, "note": TEXT, "created_at": DATETIME,
    }),
    "factor": ("id", {
        "name": TEXT, "kind": "{c} " + _one_of(FactorKind), "unit": TEXT, "min_value": _optional(NUMBER),
        "max_value": _optional(NUMBER), "daily_rule": "{c} " + _one_of(DailyRule), "builtin": FLAG,
    }),
    "factor_entry": ("id", {
        "factor_id": FACTOR_ID, "at": _optional(DATETIME), "utc_offset_min": _optional(_int(-1440, 1440)),
        "local_date": LOCAL_DATE_OF.replace("{at}", "at"),
        # within its factor's range, as logging and importing check it
        "value": NUMBER + " AND {c} >= coalesce((SELECT min_value FROM factor f WHERE f.id = factor_id), {c})"
        " AND {c} <= coalesce((SELECT max_value FROM factor f WHERE f.id = factor_id), {c})",
        "note": TEXT, "created_at": DATETIME,
    }),
    "day": ("date", {"date": DATE, "checked_in": FLAG, "note": TEXT, "created_at": DATETIME}),
    "red_flag": ("id", {"date": DATE, "kind": "{c} " + _one_of(RedFlagKind), "note": TEXT, "created_at": DATETIME}),
    "intervention": ("id", {
        "name": TEXT, "start_date": DATE, "end_date": _optional(DATE), "note": TEXT, "created_at": DATETIME,
    }),
    "preset": ("id", {"name": TEXT, "factor_id": FACTOR_ID, "amount": NUMBER + " AND {c} > 0"}),
    "red_flag_no": ("id", {"date": DATE, "kind": "{c} " + _one_of(RedFlagKind), "created_at": DATETIME}),
    "diary_setting": ("key", {"value": TEXT, "updated_at": DATETIME}),
    # a twitch's further site is always a place (tracker.core.sites.check_sites)
    "episode_site": ("id", {
        # of a twitch that is there, and not the twitch's own first site again
        "episode_id": "{c} IN (SELECT id FROM episode) AND NOT EXISTS (SELECT 1 FROM episode e"
        " WHERE e.id = {c} AND e.location = episode_site.location AND e.side = episode_site.side)",
        "location": "{c} " + _one_of(place for place in Location if place is not Location.UNSPECIFIED),
        "side": "{c} " + _one_of(Side),
    }),
    "medication": ("id", {
        "name": TEXT + " AND {c} != ''", "dose": TEXT, "started": _optional(DATE),
        # stopped on or after its start, as tracker.core.validate.stopped_after_start has it
        "stopped": _optional(DATE + " AND (started IS NULL OR {c} >= started)"),
        "note": TEXT, "created_at": DATETIME,
    }),
}  # fmt: skip


__all__ = ["StoredValueError", "first_foreign_value", "refuse_foreign_values"]


def first_foreign_value(conn: sqlite3.Connection) -> str | None:
    """The first stored value that breaks tracker's rules, in one line; None when there is none."""
    found = _first_foreign(conn)
    return None if found is None else str(found)


def _first_foreign(conn: sqlite3.Connection) -> StoredValueError | None:
    for table, (key, columns) in RULES.items():
        checks = {column: f"({rule.format(c=_quoted(column))})" for column, rule in columns.items()}
        broken = " OR ".join(f"NOT coalesce({check}, 0)" for check in checks.values())
        selected = ", ".join([_quoted(key), *(_quoted(column) for column in checks), *checks.values()])
        row = conn.execute(f"SELECT {selected} FROM {table} WHERE {broken} LIMIT 1").fetchone()
        if row is None:
            continue
        values, passed = row[1 : 1 + len(checks)], row[1 + len(checks) :]
        column, value = next((c, v) for c, v, ok in zip(checks, values, passed, strict=True) if not ok)
        return StoredValueError(table, f"{key} {row[0]}", column, value)
    # Each field of a factor holds a value tracker writes; whether they go together (a built-in's
    # unit, a yes-no factor's range) is the rule every write checks too, in one place.
    factors = conn.execute(
        'SELECT id, name, "column", kind, unit, min_value, max_value, daily_rule, builtin FROM factor ORDER BY id'
    )
    return next(filter(None, map(foreign_definition, map(FactorRow._make, factors))), None)


def refuse_foreign_values(path: Path, *, trust_earlier_check: bool = True) -> None:
    """Raise StoredValueError naming the first value in `path` that tracker would not have written.

    The scan reads every row (a few tenths of a second on ten years of diary), so a file found
    clean is remembered by its state (size and modification time, its write-ahead log's too)
    and not scanned again until anything changes it. `trust_earlier_check=False` scans anyway.
    """
    state = file_state(path)
    if trust_earlier_check and state is not None and state in _remembered().get(_key(path), []):
        return
    conn = connect_file(path, read_only=True)
    try:
        found = _first_foreign(conn)
    finally:
        conn.close()
    if found is not None:
        raise found
    if state is not None and _settled(state):
        _remember(path, state)


FileState = list[int]  # as kept in JSON: device, inode, size, mtime (ns); the -wal size and mtime
SETTLED_S = 2.0  # a file changed this recently could change again within the same mtime tick
KEPT_STATES = 4  # per diary: a few, so reading one of two copies in turn does not scan each time


def file_state(path: Path) -> FileState | None:
    """What changes whenever anything writes the file (or its write-ahead log), or None when it
    cannot be read."""
    try:
        main = path.stat()
    except OSError:
        return None
    try:
        wal = Path(f"{path}-wal").stat()
    except OSError:
        wal = None
    # An empty log holds nothing (a read-only open leaves one behind): the file alone says it all.
    log = [wal.st_size, wal.st_mtime_ns] if wal is not None and wal.st_size > 0 else [-1, -1]
    return [main.st_dev, main.st_ino, main.st_size, main.st_mtime_ns, *log]


def _settled(state: FileState) -> bool:
    """Whether the file and its log were last written long enough ago that a write after the
    scan would show as a new time (a coarse clock gives writes close together the same one)."""
    newest_ns = max(state[3], state[5])
    return time.time_ns() - newest_ns > SETTLED_S * 1e9


def _verdicts_path() -> Path:
    return cache_dir() / "clean-diaries.json"


def _key(path: Path) -> str:
    # A hash, not the path: the cache says nothing about where a person keeps their diary.
    return hashlib.sha256(os.fsencode(path.resolve())).hexdigest()


def _remembered() -> dict[str, list[FileState]]:
    try:
        found = json.loads(_verdicts_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _remember(path: Path, state: FileState) -> None:
    """Keep `state` as checked clean; a cache that cannot be written only costs the next scan."""
    verdicts = _remembered()
    kept = [earlier for earlier in verdicts.get(_key(path), []) if earlier != state]
    verdicts[_key(path)] = [*kept[-(KEPT_STATES - 1) :], state]
    target = _verdicts_path()
    with contextlib.suppress(OSError):  # unwritable: the next read scans again, nothing else is lost
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}")
        partial.write_text(json.dumps(verdicts), encoding="utf-8")
        os.replace(partial, target)  # whole or not at all, whoever reads it at the same time


def _quoted(column: str) -> str:
    return f'"{column}"'
