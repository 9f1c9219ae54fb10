"""Daily files for the importer: read whole (one row per day, so at most a few tens of
thousands), then checked against the diary by the merge rule, which never deletes or changes
an entry (README, "CSV"):

- a factor value for a day with no entries of that factor becomes a date-only entry; for a day
  with entries, the day's value under the factor's daily rule must equal the cell at the file's
  precision, or the import is refused naming the day, the factor and both values;
- red flags are added, never removed; a note goes to a day without one, and must equal a stored one;
- `episodes` must equal the day's twitches after the import (stored, plus those of the episodes
  files imported with it): a count with no twitches behind it is refused, with the advice to
  import the episodes file too; 0 means "no twitches" (a check-in); empty means not answered;
- the other derived columns (total_duration_s, max_intensity, locations) are not imported.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select
from sqlmodel import col

from tracker.core import validate
from tracker.core.columns import DAILY_HEAD, DAILY_SOURCES, DAILY_TAIL
from tracker.core.daily import daily_value
from tracker.core.factor_rules import refuse_foreign_definition
from tracker.core.formatting import format_number, plural, same_number
from tracker.core.sources import read_sources_cell
from tracker.core.vocabulary import RedFlagKind
from tracker.core.when import parse_file_date
from tracker.errors import InputError
from tracker.io.apps.plan import Conflict
from tracker.io.csv_cells import restore_text
from tracker.io.csv_table import CsvTable
from tracker.storage import store
from tracker.storage.models import Day, Episode, Factor, FactorEntry, RedFlag, split_tags

DERIVED = {"episodes", "total_duration_s", "max_intensity", "locations"}
MOST_EPISODES_A_DAY = 100_000


@dataclass
class DailyRow:
    where: str  # "daily.csv line 3", for messages
    date: dt.date
    tracked: bool
    episodes: int | None  # None: the cell was empty (not answered)
    values: dict[int, float]  # by factor id
    written: dict[int, str]  # the cells as the file wrote them, to compare at the file's precision
    red_flags: list[str]
    note: str  # "" when the cell was empty
    sources: dict[int, str] = field(default_factory=dict)  # by factor id: where an imported value came from
    twitch_facts: tuple[str, str] | None = None  # the first derived twitch cell given (locations, ...), and its text


@dataclass
class DailyPlan:
    """What the daily rows add; nothing in it changes or removes a stored entry."""

    entries: list[tuple[dt.date, int, float]] = field(default_factory=list)  # day, factor id, value
    red_flags: list[tuple[dt.date, str]] = field(default_factory=list)
    notes: dict[dt.date, str] = field(default_factory=dict)  # for days without a note
    no_twitches: set[dt.date] = field(default_factory=set)  # the file says 0, and none are logged
    sources: dict[tuple[dt.date, int], str] = field(default_factory=dict)  # an entry's source, when imported
    factor_ids: dict[int, int] = field(default_factory=dict)  # the factors the import made: stand-in id -> id
    conflicts: list[Conflict] = field(default_factory=list)  # listed, the diary's answer kept


def parse_daily(table: CsvTable, factors: list[Factor], now: dt.datetime) -> tuple[list[DailyRow], int]:
    """The rows of a daily file that say something, and how many rows it had."""
    by_column = {factor.column: factor for factor in factors}
    for name in table.header:
        if name not in DAILY_HEAD and name not in DAILY_TAIL and name != DAILY_SOURCES and name not in by_column:
            allowed = (
                "a column of the daily format, or one of your factors (a factor of another diary: import "
                "its factors file with it, from export csv --factors)"
            )
            raise InputError(f"{table.where} column", name, allowed)
        if name in by_column:
            refuse_foreign_definition(by_column[name])  # its values are written under that row
    parsed: list[DailyRow] = []
    seen: dict[dt.date, int] = {}
    count = 0
    for line, record in table.rows():
        count += 1
        cells = dict(zip(table.header, record, strict=True))
        try:
            row = _parse_row(f"{table.where} line {line}", cells, by_column, now, seen, line)
        except InputError as exc:
            raise InputError(f"{table.where} line {line}: {exc.field}", exc.value, exc.allowed) from None
        if row is not None:
            parsed.append(row)
    return parsed, count


def _parse_row(
    where: str,
    cells: dict[str, str],
    by_column: dict[str, Factor],
    now: dt.datetime,
    seen: dict[dt.date, int],
    line: int,
) -> DailyRow | None:
    day = parse_file_date(cells["date"])
    if day in seen:
        raise InputError("date", day.isoformat(), f"each day once in a file (it is also on line {seen[day]})")
    seen[day] = line
    tracked = cells.get("tracked", "").strip()
    if tracked not in ("", "0", "1"):
        raise InputError("tracked", tracked, "1, 0 or empty")
    episodes = cells.get("episodes", "").strip()
    if tracked == "0":
        # 0 says nothing was logged that day: a value beside it contradicts the row itself.
        said = next((name for name, value in cells.items() if name not in ("date", "tracked") and value.strip()), None)
        if said is not None:
            raise InputError(said, cells[said], "empty on a day with tracked 0 (not tracked: nothing logged)")
    if (
        tracked != "1"
        and episodes == ""
        and not any(value.strip() for name, value in cells.items() if name not in ("date", "tracked", "episodes"))
    ):
        # An untracked day: nothing to write (an `episodes` of 0 alone is an answer: no
        # twitches). Skipped before the range check, so an export of any range (even one
        # reaching past today) imports back.
        return None
    # A day after the person's today has nothing to log yet, as `log --date` says. A row that
    # only counts twitches is the trace of twitches logged in a zone a day ahead: their own
    # times are checked in the episodes file, so an export with them imports back.
    # That zone is at most a day ahead of any other: a later day, or a row that says anything
    # of its own (a bare "tracked" included), is a day that has not happened.
    own = any(value.strip() for name, value in cells.items() if name not in ({"date", "tracked"} | DERIVED))
    if own or episodes in ("", "0"):
        day = validate.calendar_day("date", day, now.date())
    else:
        validate.earliest("date", day)
        validate.calendar_day("date", day, now.date() + dt.timedelta(days=1))
    values: dict[int, float] = {}
    written: dict[int, str] = {}
    sources: dict[int, str] = {}
    imported = read_sources_cell(restore_text(cells.get(DAILY_SOURCES, "")))
    for column, factor in by_column.items():
        text = cells.get(column, "").strip()
        if text:
            assert factor.id is not None  # the factors were read from the store
            try:
                values[factor.id] = store.check_factor_value(factor, _number(column, text), field=column)
            except InputError as exc:  # the cell as typed: 1e308, not the float's 309 digits
                raise InputError(exc.field, text, exc.allowed) from None
            written[factor.id] = text
            if column in imported:
                sources[factor.id] = imported[column]
    return DailyRow(
        where=where,
        date=day,
        tracked=tracked == "1",
        episodes=validate.integer_in_range("episodes", episodes, 0, MOST_EPISODES_A_DAY) if episodes else None,
        values=values,
        written=written,
        red_flags=[
            validate.choice("red_flags", kind, RedFlagKind).value
            for kind in split_tags(restore_text(cells.get("red_flags", "")))
        ],
        note=validate.note("note", restore_text(cells.get("note", ""))),
        sources=sources,
        twitch_facts=next(
            (
                (name, cells[name])
                for name in ("locations", "max_intensity", "total_duration_s")
                if cells.get(name, "").strip() not in ("", "0")  # 0 s of twitching is what a quiet day has
            ),
            None,
        ),
    )


def plan_daily(
    conn: Connection,
    rows: list[DailyRow],
    factors: list[Factor],
    new_twitches: dict[dt.date, int],
    file_twitches: dict[dt.date, int],
    *,
    list_disagreements: bool = False,
) -> DailyPlan:
    """What the rows add to the diary as it is on `conn` (plus `new_twitches` per day from the
    episodes files, whose own twitches per day are `file_twitches`), and the conflicts it lists;
    InputError naming the first row that disagrees with what is stored, or with
    `list_disagreements` (a merge of two diaries) a listed conflict for each, the diary's kept."""
    plan = DailyPlan()
    if not rows:
        return plan
    start, end = min(row.date for row in rows), max(row.date for row in rows)
    stored = _Stored(conn, start, end)
    by_id = {factor.id: factor for factor in factors}
    adding: dict[tuple[dt.date, int], tuple[str, str]] = {}  # the cell as written, and where
    flags = set(stored.flags)
    for row in rows:
        for factor_id, value in row.values.items():
            factor = by_id[factor_id]
            logged = stored.entries.get((row.date, factor_id))
            if logged:
                current = daily_value(factor.daily_rule, logged)
                assert current is not None  # a day with entries has a value
                if not same_number(current, row.written[factor_id]):
                    if list_disagreements:
                        shown = format_number(current)
                        plan.conflicts.append(Conflict(row.date, factor.column, shown, row.written[factor_id]))
                        continue
                    entries = plural(len(logged), "entry", "entries")
                    _refuse(row, factor.column, value, f"{format_number(current)} (from {entries} stored)")
            elif (row.date, factor_id) in adding:
                earlier, where = adding[(row.date, factor_id)]
                if not same_number(float(earlier), row.written[factor_id]):
                    _refuse(row, factor.column, value, f"{earlier} (as on {where})")
            else:
                adding[(row.date, factor_id)] = (row.written[factor_id], row.where)
                plan.entries.append((row.date, factor_id, value))
                if factor_id in row.sources:
                    plan.sources[(row.date, factor_id)] = row.sources[factor_id]
        for kind in row.red_flags:
            if (row.date, kind) not in flags:
                flags.add((row.date, kind))
                plan.red_flags.append((row.date, kind))
        if row.note:
            earlier = plan.notes.get(row.date) or stored.notes.get(row.date, "")
            if not earlier:
                plan.notes[row.date] = row.note
            elif earlier != row.note and list_disagreements:
                plan.conflicts.append(Conflict(row.date, "note", repr(earlier[:40]), repr(row.note[:40])))
            elif earlier != row.note:
                _refuse(row, "note", row.note, f"{earlier[:40]!r} (the note stored for that day)")
        if row.episodes is not None:
            after = stored.twitches.get(row.date, 0) + new_twitches.get(row.date, 0)
            if row.episodes == 0 and after and not new_twitches.get(row.date):
                # The diary's twitches against the file's "no twitches": the diary keeps its
                # answer and the difference is listed, as for the file's twitches on a day the
                # diary answers "no twitches" (tracker.io.importer), never a refusal of everything.
                plan.conflicts.append(Conflict(row.date, "twitches", plural(after, "twitch"), "no twitches"))
            elif row.episodes not in (after, file_twitches.get(row.date)):
                # The count may be the day's after the import, or the file's own twitches of that
                # day when the diary holds more (another machine's twitches of the same day).
                _refuse_count(row, after)
            elif row.episodes == 0:
                plan.no_twitches.add(row.date)
        if row.twitch_facts and stored.twitches.get(row.date, 0) + new_twitches.get(row.date, 0) == 0:
            # Read off the day's twitches, never stored: on a day without any they would be lost without a word.
            name, text = row.twitch_facts
            raise InputError(
                f"{row.where}: {name} on {row.date.isoformat()}",
                text,
                "empty on a day without twitches: it is worked out from the twitches, so import the episodes "
                "file together with the daily file",
            )
    return plan


class _Stored:
    """What the diary holds for the days a daily file covers."""

    def __init__(self, conn: Connection, start: dt.date, end: dt.date) -> None:
        self.entries: dict[tuple[dt.date, int], list[float]] = defaultdict(list)
        for day, factor_id, value in conn.execute(
            select(col(FactorEntry.local_date), col(FactorEntry.factor_id), col(FactorEntry.value))
            .where(col(FactorEntry.local_date) >= start, col(FactorEntry.local_date) <= end)
            # date-only entries first, then in time order, as tracker.storage.queries reads them
            .order_by(col(FactorEntry.at).is_not(None), col(FactorEntry.at), col(FactorEntry.id))
        ):
            self.entries[(day, factor_id)].append(value)
        self.notes: dict[dt.date, str] = dict(
            conn.execute(select(col(Day.date), col(Day.note)).where(col(Day.date) >= start, col(Day.date) <= end)).all()
        )
        self.flags: set[tuple[dt.date, str]] = {
            (day, kind)
            for day, kind in conn.execute(
                select(col(RedFlag.date), col(RedFlag.kind)).where(col(RedFlag.date) >= start, col(RedFlag.date) <= end)
            )
        }
        self.twitches: dict[dt.date, int] = dict(
            conn.execute(
                select(col(Episode.local_date), func.count())
                .where(col(Episode.local_date) >= start, col(Episode.local_date) <= end)
                .group_by(col(Episode.local_date))
            ).all()
        )


def _refuse(row: DailyRow, column: str, value: object, stored: str) -> None:
    raise InputError(
        f"{row.where}: {column} on {row.date.isoformat()}",
        value,
        f"the diary says {stored}; an import adds to the diary and never changes what is in it "
        "(edit the file, or delete those entries first)",
    )


def _refuse_count(row: DailyRow, after: int) -> None:
    where = row.where.rsplit(" line ", 1)[0]
    if after == 0:
        allowed = (
            "no twitches are stored or imported for that day, and a count alone is not a diary: import the "
            f"episodes file together with the daily file (`tracker import csv {where} episodes.csv`)"
        )
    elif row.episodes == 0:
        allowed = f"0 means no twitches, but {plural(after, 'twitch')} {'is' if after == 1 else 'are'} logged that day"
    else:
        allowed = f"the day's twitches after the import, {after} (stored plus the episodes files')"
    raise InputError(f"{row.where}: episodes on {row.date.isoformat()}", row.episodes, allowed)


def _number(field_name: str, text: str) -> float:
    return validate.number_text(field_name, text)
