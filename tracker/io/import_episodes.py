"""Episodes files for the importer: every row checked as it is read and staged in a temporary
table, then matched against the stored twitches in SQL.

So a million rows need neither a million objects in memory nor the write lock while they are
read: the temporary table lives in the database's own temporary space (SQLite's temporary
file, unlinked as soon as it is made; a server session's temporary schema), and the write is
one INSERT ... SELECT of the rows that are new. The SQL is what SQLite and PostgreSQL both
read; the two places they differ (a stored twitch's second as text, the order rows were
staged in) are chosen by `conn.dialect` below.

Matching: two twitches logged in the same second with the same details are two episodes, so
the file's copies are matched one for one against the stored ones (at the file's precision,
whole seconds); re-importing adds nothing and nothing real is merged away. A time with an
offset names an instant and matches by it; a time without one names the wall clock on that
date, and matches a twitch stored at that wall-clock time whatever its offset, so the same file
imported again after the machine's zone changed adds nothing. A row left unmatched at the second
and site(s) of a stored twitch is that twitch edited elsewhere (tracker.io.same_second).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from sqlalchemy import Connection, Dialect

from tracker.core import validate
from tracker.core.columns import EPISODE_COLUMNS, EPISODE_SITES, EPISODE_SOURCE
from tracker.core.sites import check_sites, read_sites_cell, site_text, sites_cell
from tracker.core.vocabulary import Location, Side
from tracker.core.when import local_moment, parse_file_date, parse_file_duration
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
# offset, the wall clock for one without: `sec` holds whichever) and every detail, its sites
# included as a set (the twitch's own site and its further ones, sorted into one cell:
# "eyelid:left;mouth-corner:left"), so the same twitch with its sites given in another order
# matches. Which of them comes first is not part of it: the diary's twitch is kept as it is.
KEY = "sec, strength, duration, context, relief, note, sites"
SITE = "location || ':' || side"
# Each stored twitch with further sites, as that sorted cell of all its sites, per database
# (byte order on both, as Python's `sorted` orders the file's).
_ALL_SITES = (
    f"SELECT episode_id, {SITE} AS site FROM episode_site"
    f" UNION SELECT id, {SITE} FROM episode WHERE id IN (SELECT episode_id FROM episode_site)"
)
STORED_SITES = {
    "sqlite": "SELECT episode_id, group_concat(site, ';') AS sites"
    f" FROM (SELECT * FROM ({_ALL_SITES}) AS each_site ORDER BY episode_id, site) AS ordered GROUP BY episode_id",
    "postgresql": "SELECT episode_id, string_agg(site, ';' ORDER BY site COLLATE \"C\") AS sites"
    f" FROM ({_ALL_SITES}) AS each_site GROUP BY episode_id",
}
# A stored twitch's second as text, (UTC second, wall-clock second in its own offset), per
# database: SQLite stores the UTC time as text, PostgreSQL as a timestamp with time zone.
STORED_SEC = {
    "sqlite": (
        "substr(started_at, 1, 19)",
        "datetime(substr(started_at, 1, 19), printf('%+d minutes', utc_offset_min))",
    ),
    "postgresql": (
        "to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
        "to_char((started_at AT TIME ZONE 'UTC') + utc_offset_min * interval '1 minute', 'YYYY-MM-DD HH24:MI:SS')",
    ),
}
_TABLE = Episode.__table__  # type: ignore[attr-defined]  # SQLModel sets it on table models, untyped
_CELL_PARSERS: dict[str, Callable[[str], Any]] = {
    "location": lambda text: validate.choice("location", text, Location),
    "side": lambda text: validate.choice("side", text, Side),
    "duration_s": parse_file_duration,
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
        self.paths: list[str] = []  # each episodes file as named in messages, by its number less one
        self._seen: dict[tuple[str, str], Any] = {}
        self._written: tuple[int, str] = (0, "rowid")  # (the highest twitch id before `write`, its row order)
        dialect = conn.dialect
        self._sqlite = dialect.name == "sqlite"
        # The database's own spelling of times and dates, so staged rows copy across unchanged
        # (a server's driver takes the Python values as they are: no processor).
        self._stored_time: Callable[[Any], Any] = _bind_processor("started_at", dialect)
        self._stored_date: Callable[[Any], Any] = _bind_processor("local_date", dialect)
        self._mark = "?" if dialect.paramstyle == "qmark" else "%s"
        time_type, date_type = ("TEXT", "TEXT") if self._sqlite else ("TIMESTAMP WITH TIME ZONE", "DATE")
        self.drop()
        conn.exec_driver_sql(
            "CREATE TEMP TABLE import_read (file_no INTEGER, line INTEGER, naive INTEGER, sec TEXT, "
            f"started_at {time_type}, utc_offset_min INTEGER, local_date {date_type}, location TEXT, side TEXT, "
            "intensity INTEGER, strength INTEGER, duration_s INTEGER, "
            "duration INTEGER, context TEXT, relief TEXT, note TEXT, source TEXT, also_sites TEXT, sites TEXT)"
        )

    def add_file(self, table: CsvTable, progress: Progress | None) -> int:
        """Check and stage every row of an episodes file; returns how many rows it had."""
        unknown = [name for name in table.header if name not in [*EPISODE_COLUMNS, EPISODE_SOURCE, EPISODE_SITES]]
        if unknown:
            raise InputError(f"{table.where} column", unknown[0], "a column of the episodes format")
        self._files += 1
        self.paths.append(table.where)
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
            # the second matching compares (module docstring)
            wall if naive else fields["started_at"].isoformat(sep=" ", timespec="seconds")[:19],
            started,
            fields["utc_offset_min"],
            self._stored_date(fields["local_date"]),
            *(columns[name] for name in STORED[3:6]),
            0 if fields["intensity"] is None else fields["intensity"],  # NULL never equals NULL in a join
            duration,
            -1 if duration is None else duration,  # NULL never equals NULL in a join
            *(columns[name] for name in STORED[7:10]),
            restore_text(cell(EPISODE_SOURCE)),  # where an imported twitch came from: kept as exported
            *self._sites(fields["location"], fields["side"], cell(EPISODE_SITES)),
        )

    def _sites(self, location: str, side: str, text: str) -> tuple[str, str]:
        """The further sites a cell names, checked against the row's own site, as the one cell
        they are stored from ("" for none; an older file has no such column), and every site of
        the twitch as the sorted cell twitches are matched by (KEY)."""
        if not text.strip():
            return "", site_text(location, side)
        further = check_sites((location, side), read_sites_cell(EPISODE_SITES, restore_text(text)))
        return sites_cell(further), ";".join(sorted([site_text(location, side), *map(_text, further)]))

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
            self.conn.exec_driver_sql(f"INSERT INTO import_read VALUES ({', '.join([self._mark] * 19)})", chunk)
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
            "     FROM import_read) AS counted"
            ") AS numbered WHERE copy = 1"
        )
        self.conn.exec_driver_sql("DROP TABLE import_read")

    def plan(self) -> int:
        """Find the rows the database does not hold yet (again after another process wrote);
        returns how many."""
        self.conn.exec_driver_sql("DROP TABLE IF EXISTS import_new")
        first, last = self.conn.exec_driver_sql("SELECT min(sec), max(sec) FROM import_staged").one()
        if first is None:
            self.conn.exec_driver_sql("CREATE TEMP TABLE import_new AS SELECT * FROM import_staged")
            return 0
        # A wall-clock time lies within a day (the widest offsets, -12:00 and +14:00) of its instant.
        since = dt.datetime.fromisoformat(first).replace(tzinfo=dt.UTC) - dt.timedelta(days=1)
        until = dt.datetime.fromisoformat(last).replace(tzinfo=dt.UTC) + dt.timedelta(days=1, seconds=1)
        span = (self._stored_time(since), self._stored_time(until))
        # The stored twitches of the range, grouped, each kind of second in its own indexed table:
        # joined as subqueries, SQLite rescanned the grouped rows for every row of the file, so a
        # re-import of a file the diary already holds took time in the square of its length.
        self.conn.exec_driver_sql("DROP TABLE IF EXISTS import_sites")
        self.conn.exec_driver_sql(f"CREATE TEMP TABLE import_sites AS {STORED_SITES[self.conn.dialect.name]}")
        in_span = f"started_at >= {self._mark} AND started_at < {self._mark}"
        twitches = f"(SELECT *, {SITE} AS sites FROM episode WHERE {in_span}) AS twitch"
        if self.conn.exec_driver_sql("SELECT 1 FROM import_sites LIMIT 1").first() is not None:
            twitches = (  # the join only when some twitch has further sites: a re-import pays for it otherwise
                f"(SELECT episode.*, coalesce(sites.sites, {SITE}) AS sites FROM episode"
                f" LEFT JOIN import_sites AS sites ON sites.episode_id = episode.id WHERE {in_span}) AS twitch"
            )
        for naive, sec in enumerate(STORED_SEC[self.conn.dialect.name]):
            stored = (
                f"SELECT {sec} AS sec, coalesce(intensity, 0) AS strength,"
                "  coalesce(duration_s, -1) AS duration, context, relief, note, sites, count(*) AS n"
                f"  FROM {twitches} GROUP BY {KEY}"
            )
            self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS import_stored{naive}")
            self.conn.exec_driver_sql(f"CREATE TEMP TABLE import_stored{naive} AS {stored}", span)
            self.conn.exec_driver_sql(f"CREATE INDEX import_stored{naive}_sec ON import_stored{naive} (sec)")
        self.conn.exec_driver_sql(
            "CREATE TEMP TABLE import_new AS SELECT staged.* FROM import_staged AS staged"
            f" LEFT JOIN import_stored0 AS by_instant ON staged.naive = 0 AND {_on('by_instant')}"
            f" LEFT JOIN import_stored1 AS by_wall ON staged.naive = 1 AND {_on('by_wall')}"
            " WHERE staged.dup > coalesce(by_instant.n, by_wall.n, 0)"
            # Sorted by time now, outside the lock: inserted in time order, the indexes on the
            # time and the date are appended to rather than rewritten all over (6x faster).
            " ORDER BY staged.started_at, staged.file_no, staged.line"
        )
        return int(self.conn.exec_driver_sql("SELECT count(*) FROM import_new").scalar_one())

    def keep_no_twitches_days(self) -> dict[dt.date, int]:
        """Leave out the new twitches of days the diary answers "no twitches" (checked in, none
        logged); returns how many each such day had."""
        held = (
            "SELECT local_date FROM import_new WHERE local_date IN (SELECT date FROM day WHERE checked_in)"
            " AND local_date NOT IN (SELECT local_date FROM episode)"
        )
        rows = self.conn.exec_driver_sql(f"SELECT local_date, count(*) FROM ({held}) AS held GROUP BY local_date").all()
        if rows:
            self.conn.exec_driver_sql(f"DELETE FROM import_new WHERE local_date IN ({held})")
        return {dt.date.fromisoformat(str(day)): count for day, count in rows}

    def file_per_day(self) -> dict[dt.date, int]:
        """How many twitches the files hold on each day (each identical copy once), new or already stored."""
        rows = self.conn.exec_driver_sql("SELECT local_date, count(*) FROM import_staged GROUP BY local_date")
        return {dt.date.fromisoformat(str(day)): count for day, count in rows}

    def new_per_day(self) -> dict[dt.date, int]:
        """How many new twitches each day gets."""
        rows = self.conn.exec_driver_sql("SELECT local_date, count(*) FROM import_new GROUP BY local_date")
        return {dt.date.fromisoformat(str(day)): count for day, count in rows}

    def write(self, created_at: dt.datetime) -> tuple[int, int, int] | None:
        """Insert the new rows in time order (so their ids are too; identical twitches keep the
        file's order), under the caller's write lock; returns their first and last id and how
        many they are, or None. (Ids are never reused, so after an undo the new ones can start
        above the highest stored id plus one: the count is counted, never taken from the ids.)"""
        before = self.conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM episode").scalar_one()
        columns = ", ".join(STORED)
        # The order import_new was made in (plan): SQLite's rowid keeps it for free; a server's
        # table has no such column, so it sorts again.
        order = "rowid" if self._sqlite else "started_at, file_no, line"
        self.conn.exec_driver_sql(
            f"INSERT INTO episode ({columns}, created_at)"
            f" SELECT {columns}, {self._mark} FROM import_new ORDER BY {order}",
            (self._stored_time(created_at),),
        )
        first, last, count = self.conn.exec_driver_sql(
            f"SELECT min(id), max(id), count(*) FROM episode WHERE id > {self._mark}", (before,)
        ).one()
        self._written = (before, order)
        return (first, last, count) if count else None

    def write_sites(self) -> tuple[int, int] | None:
        """Store the further sites of the rows `write` inserted; returns the first and last new
        site id, or None when none of them has any."""
        before, order = self._written
        sited = self.conn.exec_driver_sql(
            f"SELECT position, also_sites FROM (SELECT row_number() OVER (ORDER BY {order}) AS position, also_sites"
            " FROM import_new) AS numbered WHERE also_sites != '' ORDER BY position"
        ).all()
        if not sited:
            return None
        # The new twitches' ids rise in the order they were inserted (import_new's): the n-th row is the n-th id.
        ids = [key for (key,) in self.conn.exec_driver_sql(
            f"SELECT id FROM episode WHERE id > {self._mark} ORDER BY id", (before,))]  # fmt: skip
        rows = [(ids[position - 1], *site.split(":", 1)) for position, cell in sited for site in cell.split(";")]
        first = self.conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM episode_site").scalar_one() + 1
        marks = ", ".join([self._mark] * 3)
        self.conn.exec_driver_sql(f"INSERT INTO episode_site (episode_id, location, side) VALUES ({marks})", rows)
        last = self.conn.exec_driver_sql("SELECT max(id) FROM episode_site").scalar_one()
        return first, last

    def drop(self) -> None:
        for name in ("import_read", "import_staged", "import_new", "import_stored0", "import_stored1", "import_sites"):
            self.conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")


def _bind_processor(column: str, dialect: Dialect) -> Callable[[Any], Any]:
    """What the engine does to a value of the episode table's `column` before the driver gets it."""
    processor = _TABLE.c[column].type.dialect_impl(dialect).bind_processor(dialect)
    return processor if processor is not None else _as_given


def _as_given(value: Any) -> Any:
    return value


def _text(site: tuple[object, object]) -> str:
    return site_text(str(site[0]), str(site[1]))


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
    if started.microsecond:  # cut to the second, two twitches half a second apart would read as one row twice
        raise InputError("started_at", text, "a time to the second (the diary keeps no fractions of a second)")
    if started.tzinfo is None:  # no offset: a wall-clock time here, by the zone database's rules
        return local_moment(started, field="started_at").at, True
    return started, False
