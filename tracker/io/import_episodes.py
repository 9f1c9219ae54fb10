"""Episodes files for the importer: every row checked as it is read and staged in a temporary
table, then matched against the stored twitches in SQL.

So a million rows need neither a million objects in memory nor the write lock while they are
read: the temporary table lives in SQLite's own temporary file (unlinked as soon as it is
made), and the write is one INSERT ... SELECT of the rows that are new.

Matching: two twitches logged in the same second with the same details are two episodes, so
the file's copies are matched one for one against the stored ones (at the file's precision,
whole seconds); re-importing adds nothing and nothing real is merged away. A time with an
offset names an instant and matches by it; a time without one names the wall clock on that
date, and matches a twitch stored at that wall-clock time whatever its offset, so the same file
imported again after the machine's zone changed adds nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from sqlalchemy import Connection

from tracker.core import validate
from tracker.core.columns import EPISODE_COLUMNS, EPISODE_SOURCE
from tracker.core.vocabulary import Location, Side
from tracker.core.when import local_moment, parse_duration, parse_file_date
from tracker.errors import InputError
from tracker.io.csv_cells import restore_text
from tracker.io.csv_table import CsvTable
from tracker.storage import store
from tracker.storage.models import Episode, split_tags

STARTED_FORM = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", re.ASCII)  # the rest fromisoformat checks
Progress = Callable[[str, int, int | None], None]  # what is happening, how far, out of (None: unknown)

CHUNK_ROWS = 5000
STORED = ("started_at", "utc_offset_min", "local_date", "location", "side", "intensity", "duration_s", "context",
          "relief", "note", "source")  # fmt: skip
# What makes two twitches the same one: the second they started (UTC for a time with an
# offset, the wall clock for one without: `sec` holds whichever) and every detail.
KEY = "sec, location, side, strength, duration, context, relief, note"
# A stored twitch's second: `naive` 0, the UTC second; 1, the wall-clock second in its own offset.
STORED_SEC = (
    "CASE ? WHEN 0 THEN substr(started_at, 1, 19)"
    " ELSE datetime(substr(started_at, 1, 19), printf('%+d minutes', utc_offset_min)) END"
)
_TABLE = Episode.__table__  # type: ignore[attr-defined]  # SQLModel sets it on table models, untyped
_CELL_PARSERS: dict[str, Callable[[str], Any]] = {
    "location": lambda text: validate.choice("location", text, Location),
    "side": lambda text: validate.choice("side", text, Side),
    "duration_s": parse_duration,
    "context": lambda text: split_tags(restore_text(text)),
    "relief": lambda text: split_tags(restore_text(text)),
}


class EpisodeCells(NamedTuple):
    """A row with EpisodeCreate's fields, for store.episode_fields (no pydantic model per row)."""

    started_at: dt.datetime
    location: Location
    side: Side
    intensity: int | str | None
    duration_s: int | None
    context: list[str]
    relief: list[str]
    note: str


class EpisodeStaging:
    """The episodes of every file of one import, on the importer's one connection."""

    def __init__(self, conn: Connection, *, now: dt.datetime) -> None:
        self.conn = conn
        self.now = now
        self.rows = 0
        self._files = 0
        self._seen: dict[tuple[str, str], Any] = {}
        dialect = conn.dialect
        # The database's own spelling of times and dates, so staged rows copy across unchanged.
        self._stored_time: Callable[[Any], str] = _TABLE.c.started_at.type.dialect_impl(dialect).bind_processor(dialect)
        self._stored_date: Callable[[Any], str] = _TABLE.c.local_date.type.dialect_impl(dialect).bind_processor(dialect)
        self.drop()
        conn.exec_driver_sql(
            "CREATE TEMP TABLE import_read (file_no INTEGER, line INTEGER, naive INTEGER, sec TEXT, started_at TEXT, "
            "utc_offset_min INTEGER, local_date TEXT, location TEXT, side TEXT, intensity INTEGER, strength INTEGER, "
            "duration_s INTEGER, "
            "duration INTEGER, context TEXT, relief TEXT, note TEXT, source TEXT)"
        )

    def add_file(self, table: CsvTable, progress: Progress | None) -> int:
        """Check and stage every row of an episodes file; returns how many rows it had."""
        unknown = [name for name in table.header if name not in EPISODE_COLUMNS and name != EPISODE_SOURCE]
        if unknown:
            raise InputError(f"{table.where} column", unknown[0], "a column of the episodes format")
        self._files += 1
        where = {name: table.header.index(name) for name in table.header}
        chunk: list[tuple[object, ...]] = []
        count = 0
        if progress:
            progress(f"reading {table.path.name}", 0, table.size)
        for line, cells in table.rows():
            try:
                chunk.append((self._files, line, *self._stored_row(cells, where)))
            except InputError as exc:
                raise InputError(f"{table.where} line {line}: {exc.field}", exc.value, exc.allowed) from None
            count += 1
            if len(chunk) == CHUNK_ROWS:
                self._stage(chunk)
                if progress:
                    progress(f"reading {table.path.name}", table.bytes_read, table.size)
        self._stage(chunk)
        if progress:
            progress(f"reading {table.path.name}", table.size, table.size)
        self.rows += count
        return count

    def _stored_row(self, cells: list[str], where: dict[str, int]) -> tuple[object, ...]:
        def cell(name: str) -> str:
            return cells[where[name]] if name in where else ""

        # A cell the file leaves empty is stored as not given (unspecified, no intensity): never
        # as the last twitch's, which would put words in the file's mouth.
        started_at, naive = _parse_started(cell("started_at"))
        fields = store.episode_fields(
            EpisodeCells(  # type: ignore[arg-type]  # EpisodeCreate's fields, without a model per row
                started_at=started_at,
                location=self._parsed("location", cell("location")) or Location.UNSPECIFIED,
                side=self._parsed("side", cell("side")) or Side.UNSPECIFIED,
                intensity=cell("intensity") or None,
                duration_s=self._parsed("duration_s", cell("duration_s")),
                context=self._parsed("context", cell("context")) or [],
                relief=self._parsed("relief", cell("relief")) or [],
                note=restore_text(cell("note")),
            ),
            self.now,
        )
        local_date = fields["local_date"]
        given_date = cell("date").strip()
        if given_date and parse_file_date(given_date) != local_date:
            # The row says two different days: which one the person meant is not ours to guess.
            raise InputError(
                "date", given_date, f"the date of started_at {cell('started_at').strip()} ({local_date.isoformat()})"
            )
        started = self._stored_time(fields["started_at"])
        columns: Mapping[str, object] = fields  # read by name, in STORED's order
        duration = fields["duration_s"]
        wall = started_at.replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
        return (
            int(naive),
            wall if naive else started[:19],  # the second matching compares (module docstring)
            started,
            fields["utc_offset_min"],
            self._stored_date(fields["local_date"]),
            *(columns[name] for name in STORED[3:6]),
            0 if fields["intensity"] is None else fields["intensity"],  # NULL never equals NULL in a join
            duration,
            -1 if duration is None else duration,  # NULL never equals NULL in a join
            *(columns[name] for name in STORED[7:10]),
            restore_text(cell(EPISODE_SOURCE)),  # where an imported twitch came from: kept as exported
        )

    def _parsed(self, column: str, text: str) -> Any:
        """A cell parsed, None when empty; remembered, since a file repeats the same few values
        (this halves the time of a large import)."""
        if not text:
            return None
        key = (column, text)
        if key in self._seen:
            return self._seen[key]
        value = _CELL_PARSERS[column](text)
        if len(self._seen) < 10_000:
            self._seen[key] = value
        return value

    def _stage(self, chunk: list[tuple[object, ...]]) -> None:
        if chunk:
            self.conn.exec_driver_sql(f"INSERT INTO temp.import_read VALUES ({', '.join('?' * 17)})", chunk)
            chunk.clear()

    def number_repeats(self) -> None:
        """Number identical rows 1, 2, ... within each file: the n-th copy matches the n-th stored one.

        Files that overlap (two exports of overlapping ranges, or one file given twice) hold the
        same twitches: each n-th copy is kept once, from the first file that has it.
        """
        self.conn.exec_driver_sql(
            "CREATE TEMP TABLE import_staged AS SELECT * FROM ("
            f"  SELECT *, row_number() OVER (PARTITION BY naive, {KEY}, dup ORDER BY file_no, line) AS copy FROM ("
            f"    SELECT *, row_number() OVER (PARTITION BY file_no, naive, {KEY} ORDER BY line) AS dup"
            "     FROM temp.import_read)"
            ") WHERE copy = 1"
        )
        self.conn.exec_driver_sql("DROP TABLE temp.import_read")

    def plan(self) -> int:
        """Find the rows the database does not hold yet (again after another process wrote);
        returns how many."""
        self.conn.exec_driver_sql("DROP TABLE IF EXISTS temp.import_new")
        first, last = self.conn.exec_driver_sql("SELECT min(sec), max(sec) FROM temp.import_staged").one()
        if first is None:
            self.conn.exec_driver_sql("CREATE TEMP TABLE import_new AS SELECT * FROM temp.import_staged")
            return 0
        # A wall-clock time lies within a day (the widest offsets, -12:00 and +14:00) of its instant.
        since = (dt.datetime.fromisoformat(first) - dt.timedelta(days=1)).isoformat(sep=" ")
        until = (dt.datetime.fromisoformat(last) + dt.timedelta(days=1, seconds=1)).isoformat(sep=" ")
        stored = (
            f"SELECT {STORED_SEC} AS sec, location, side, coalesce(intensity, 0) AS strength,"
            "  coalesce(duration_s, -1) AS duration, context, relief, note, count(*) AS n"
            "  FROM main.episode WHERE started_at >= ? AND started_at < ?"
            f"  GROUP BY {KEY}"
        )
        # The stored twitches of the range, grouped, each kind of second in its own indexed table:
        # joined as subqueries, SQLite rescanned the grouped rows for every row of the file, so a
        # re-import of a file the diary already holds took time in the square of its length.
        for naive in (0, 1):
            self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.import_stored{naive}")
            self.conn.exec_driver_sql(f"CREATE TEMP TABLE import_stored{naive} AS {stored}", (naive, since, until))
            self.conn.exec_driver_sql(f"CREATE INDEX temp.import_stored{naive}_sec ON import_stored{naive} (sec)")
        self.conn.exec_driver_sql(
            "CREATE TEMP TABLE import_new AS SELECT staged.* FROM temp.import_staged AS staged"
            f" LEFT JOIN temp.import_stored0 AS by_instant ON staged.naive = 0 AND {_on('by_instant')}"
            f" LEFT JOIN temp.import_stored1 AS by_wall ON staged.naive = 1 AND {_on('by_wall')}"
            " WHERE staged.dup > coalesce(by_instant.n, by_wall.n, 0)"
            # Sorted by time now, outside the lock: inserted in time order, the indexes on the
            # time and the date are appended to rather than rewritten all over (6x faster).
            " ORDER BY staged.started_at, staged.file_no, staged.line"
        )
        return int(self.conn.exec_driver_sql("SELECT count(*) FROM temp.import_new").scalar_one())

    def keep_no_twitches_days(self) -> dict[dt.date, int]:
        """Leave out the new twitches of days the diary answers "no twitches" (checked in, none
        logged); returns how many each such day had."""
        held = (
            "SELECT local_date FROM temp.import_new WHERE local_date IN (SELECT date FROM main.day WHERE checked_in)"
            " AND local_date NOT IN (SELECT local_date FROM main.episode)"
        )
        rows = self.conn.exec_driver_sql(f"SELECT local_date, count(*) FROM ({held}) GROUP BY local_date").all()
        if rows:
            self.conn.exec_driver_sql(f"DELETE FROM temp.import_new WHERE local_date IN ({held})")
        return {dt.date.fromisoformat(str(day)): count for day, count in rows}

    def new_per_day(self) -> dict[dt.date, int]:
        """How many new twitches each day gets."""
        rows = self.conn.exec_driver_sql("SELECT local_date, count(*) FROM temp.import_new GROUP BY local_date")
        return {dt.date.fromisoformat(day): count for day, count in rows}

    def write(self, created_at: dt.datetime) -> tuple[int, int, int] | None:
        """Insert the new rows in time order (so their ids are too; identical twitches keep the
        file's order), under the caller's write lock; returns their first and last id and how
        many they are, or None. (Ids are never reused, so after an undo the new ones can start
        above the highest stored id plus one: the count is counted, never taken from the ids.)"""
        before = self.conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM main.episode").scalar_one()
        columns = ", ".join(STORED)
        self.conn.exec_driver_sql(
            f"INSERT INTO main.episode ({columns}, created_at) SELECT {columns}, ? FROM temp.import_new ORDER BY rowid",
            (self._stored_time(created_at),),
        )
        first, last, count = self.conn.exec_driver_sql(
            "SELECT min(id), max(id), count(*) FROM main.episode WHERE id > ?", (before,)
        ).one()
        return (first, last, count) if count else None

    def drop(self) -> None:
        for name in ("import_read", "import_staged", "import_new", "import_stored0", "import_stored1"):
            self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{name}")


def _on(alias: str) -> str:
    """Every part of KEY equal between a staged row and `alias`'s group of stored twitches."""
    return " AND ".join(f"staged.{name} = {alias}.{name}" for name in (part.strip() for part in KEY.split(",")))


def _parse_started(text: str) -> tuple[dt.datetime, bool]:
    """The moment a started_at cell names, and whether it was written without an offset."""
    allowed = "an ISO 8601 time like 2026-11-20T08:15:00+01:00"
    # fromisoformat also reads 20261120T0815 and 2026-W47-5T08:15; a file says YYYY-MM-DD, as exports do.
    if not STARTED_FORM.match(text.strip()):
        raise InputError("started_at", text, allowed)
    try:
        started = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError("started_at", text, allowed) from None
    if started.year < validate.EARLIEST_YEAR:
        raise InputError("started_at", text, f"times from {validate.EARLIEST_YEAR} on")
    if started.tzinfo is None:  # no offset: a wall-clock time here, by the zone database's rules
        return local_moment(started, field="started_at").at, True
    return started, False
