"""CSV import: both of our formats, any subset of their columns, all or nothing.

An import only adds: it never deletes or changes an entry the file does not contain, and a
file that disagrees with what is stored is refused (the merge rule: tracker.io.import_daily).
Re-importing the same file changes nothing, and `tracker undo` removes exactly what an
import added.

It runs in three steps on one connection, so a large file never keeps others from writing:
1. read and check every row of every file, staging episodes in a temporary table (no lock);
2. compare them with the diary as it is (a read, still no write lock);
3. write everything in one short transaction; if another process wrote since step 2, the
   comparison is made again first, under the lock. Any error leaves the diary as it was.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update
from sqlmodel import Session, col

from tracker.core.formatting import plural
from tracker.core.when import local_now
from tracker.errors import InputError
from tracker.io.apps.plan import Conflict
from tracker.io.csv_table import CsvTable
from tracker.io.diary_file import (
    DiaryFacts,
    DiaryPlan,
    diary_file_beside,
    is_diary_file,
    plan_diary_facts,
    read_diary_file,
    write_diary_facts,
)
from tracker.io.factors_file import factors_file_beside, is_factors_file, read_factors
from tracker.io.import_daily import DailyPlan, DailyRow, parse_daily, plan_daily
from tracker.io.import_episodes import EpisodeStaging, Progress
from tracker.io.medications_file import Row as MedicationRow
from tracker.io.medications_file import (
    is_medications_file,
    medications_file_beside,
    read_medications,
    write_medications,
)
from tracker.storage import diary_facts, journal, store
from tracker.storage.models import Day, Factor, FactorEntry, RedFlag, utc_now
from tracker.storage.queries import daily_rows

IMPORT_CACHE_KB = 64 * 1024


@dataclass
class ImportReport:
    files: int = 0
    rows: int = 0
    episodes_added: int = 0
    values_added: int = 0
    red_flags_added: int = 0
    factors_added: int = 0
    notes_added: int = 0
    checkins_added: int = 0
    facts_added: dict[str, int] = field(default_factory=dict)  # the diary file's, by what they are
    medications_added: int = 0
    noes_replaced: int = 0  # the diary's "no" answers a red flag from the file stands in place of
    noes_left_out: int = 0  # the file's "no" answers of a sign flagged that day (the flag stands)
    medications_completed: int = 0  # the diary's own medications given the stop date or note they lacked
    days_changed: set[dt.date] = field(default_factory=set)
    conflicts: list[Conflict] = field(default_factory=list)

    def counts(self) -> str:
        """What was added, in words ("2 new episodes, 1 factor value")."""
        parts = [plural(self.episodes_added, "new episode")]
        quote_no = "'no' answer"
        for count, what in (
            (self.values_added, "factor value"),
            (self.red_flags_added, "red flag"),
            (self.notes_added, "day note"),
            (self.checkins_added, "no-twitches check-in"),
            (self.factors_added, "new factor"),
            *((count, what) for what, count in self.facts_added.items()),
            (self.medications_added, "medication"),
        ):
            if count:
                parts.append(plural(count, what))
        if self.noes_replaced:
            parts.append(f"{plural(self.noes_replaced, quote_no)} replaced by that day's red flag")
        if self.noes_left_out:
            parts.append(f"{plural(self.noes_left_out, quote_no)} of the file's left out for that day's red flag")
        if self.medications_completed:
            parts.append(f"{plural(self.medications_completed, 'medication')} given the stop date or note it lacked")
        return ", ".join(parts)

    def describe(self) -> str:
        """What was imported, and each conflict (the diary's answer kept) on a line of its own."""
        done = (
            f"imported {plural(self.rows, 'row')} from {plural(self.files, 'file')}: {self.counts()}, "
            f"{plural(len(self.days_changed), 'day')} changed"
        )
        if not self.conflicts:
            return done
        listed = [f"  {conflict.words(prefer_import=False)}" for conflict in self.conflicts]
        return "\n".join([done, f"conflicts: {len(self.conflicts)}", *listed])


def import_files(
    *,
    engine: Engine,
    paths: Sequence[Path],
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    list_disagreements: bool = False,
) -> ImportReport:
    """Import every file or none of them; returns what was added. InputError names the first
    file, line and value that cannot be imported; a value or note that disagrees with the diary's
    is one of them, unless `list_disagreements` (a merge): then a listed conflict, the diary's kept."""
    now = now or local_now()
    paths = _with_files_beside(paths)
    report = ImportReport(files=len(paths))
    with engine.connect() as conn:
        # Reads and temporary tables take no write lock: SQLite's plain BEGIN; on a server, a
        # transaction without the write lock (a read-only one could not make temporary tables).
        conn.execution_options(tracker_read_only=True, tracker_unlocked=True)
        with Session(bind=conn) as session:
            factors = store.list_factors(session=session)
            new_factors = _read_factors(paths, session, factors)
        conn.rollback()
        sqlite = conn.dialect.name == "sqlite"
        cache = conn.exec_driver_sql("PRAGMA cache_size").scalar_one() if sqlite else None
        if sqlite:
            # A bigger page cache for this connection while it imports: writing a million rows' index
            # entries with SQLite's default 2 MB takes twice as long, all of it under the write lock.
            conn.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KB}")
        staging = EpisodeStaging(conn, now=now)
        try:
            facts = DiaryFacts()
            medications: list[MedicationRow] = []
            rows = _read(paths, staging, factors, now, report, progress, facts, medications)
            staging.number_repeats()
            conn.commit()
            if progress:
                progress("comparing with your diary", 0, None)
            seen = _data_version(conn)
            plan = _plan(conn, staging, rows, factors, report, facts, list_disagreements)
            conn.commit()
            if progress:
                progress("writing", 0, None)
            conn.execution_options(tracker_read_only=False, tracker_unlocked=False)
            with conn.begin():  # the write lock: waits (busy timeout) for another writer, then holds it
                if seen is None or _data_version(conn) != seen:
                    plan = _plan(conn, staging, rows, factors, report, facts, list_disagreements)  # written meanwhile
                daily, diary = plan
                _write(
                    conn,
                    staging,
                    _with_new_factors(conn, new_factors, daily, report),
                    diary,
                    report,
                    paths,
                    medications,
                )
        finally:
            if conn.in_transaction():
                conn.rollback()
            conn.execution_options(tracker_read_only=True, tracker_unlocked=True)
            staging.drop()
            conn.commit()
            if cache is not None:
                conn.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")
    return report


def _with_files_beside(paths: Sequence[Path]) -> list[Path]:
    """The files given, and the factors, diary and medications files beside any of them that are
    not given (an export written with -o leaves `daily.factors.csv`, `daily.diary.csv` and
    `daily.medications.csv` beside `daily.csv`): those first, since the daily files' columns need
    their factors."""
    given = [Path(path) for path in paths]
    near = [
        beside(path) for path in given for beside in (factors_file_beside, diary_file_beside, medications_file_beside)
    ]
    beside = [path for path in near if path.is_file()]
    found = [path for path in dict.fromkeys(beside) if path not in given]
    return found + given


def _read_factors(paths: list[Path], session: Session, factors: list[Factor]) -> list[Factor]:
    """The factors the factors files among `paths` define and the diary lacks (`factors` grows by them)."""
    new: list[Factor] = []
    for path in paths:
        with CsvTable(path) as table:
            if is_factors_file(table.header):
                new += read_factors(table, session=session, known=factors)
    return new


def _read(
    paths: Sequence[Path],
    staging: EpisodeStaging,
    factors: list[Factor],
    now: dt.datetime,
    report: ImportReport,
    progress: Progress | None,
    facts: DiaryFacts,
    medications: list[MedicationRow],
) -> list[DailyRow]:
    rows: list[DailyRow] = []
    for path in paths:
        with CsvTable(Path(path)) as table:
            if is_factors_file(table.header):
                continue  # read first, by _read_factors
            if is_diary_file(table.header):
                report.rows += read_diary_file(table, facts, now.date())
                continue
            if is_medications_file(table.header):
                found = read_medications(table, today=now.date())
                medications.extend(found)
                report.rows += len(found)
                continue
            if "started_at" in table.header:
                report.rows += staging.add_file(table, progress)
            elif "date" in table.header:
                daily, count = parse_daily(table, factors, now)
                rows.extend(daily)
                report.rows += count
            else:
                raise InputError(
                    f"{path} header",
                    ",".join(table.header)[:60],
                    "a `date` (daily), `started_at` (episodes) or `fact` (diary) column",
                )
    return rows


def _with_new_factors(conn: Connection, new: list[Factor], plan: DailyPlan, report: ImportReport) -> DailyPlan:
    """Write the factors the import makes (first, so that undo removes them last) and give the
    plan's entries their ids in place of the stand-ins they were read with."""
    if not new:
        return plan
    for factor in new:  # another process may have made one since the files were read
        names = [factor.name, factor.column]
        clash = select(col(Factor.id)).where(col(Factor.name).in_(names) | col(Factor.column).in_(names))
        if conn.execute(clash).first() is not None:
            raise InputError("factor", factor.name, "a factor the diary did not have when the import began")
    fields = ("name", "column", "kind", "unit", "min_value", "max_value", "daily_rule", "builtin", "position",
              "absent_means_none")  # fmt: skip
    first, last = journal.insert_rows(conn, Factor, [{name: getattr(f, name) for name in fields} for f in new])
    assert last - first + 1 == len(new)  # under the write lock the new rows take consecutive ids
    real = {factor.id: first + n for n, factor in enumerate(new) if factor.id is not None}
    report.factors_added = len(new)
    plan.factor_ids = real
    plan.entries = [(day, real.get(factor_id, factor_id), value) for day, factor_id, value in plan.entries]
    plan.sources = {(day, real.get(f, f)): source for (day, f), source in plan.sources.items()}
    return plan


def _data_version(conn: Connection) -> int | None:
    """Changes whenever another connection commits a write (SQLite's PRAGMA data_version); None
    on a server, which has no such counter: the comparison is always made again under the lock."""
    if conn.dialect.name != "sqlite":
        return None
    return int(conn.exec_driver_sql("PRAGMA data_version").scalar_one())


def _plan(
    conn: Connection,
    staging: EpisodeStaging,
    rows: list[DailyRow],
    factors: list[Factor],
    report: ImportReport,
    facts: DiaryFacts,
    list_disagreements: bool,
) -> tuple[DailyPlan, DiaryPlan]:
    staging.plan()
    # A day answered "no twitches" keeps its answer, as an app's import does: the file's
    # twitches of that day are a listed conflict, not added beside it.
    held = staging.keep_no_twitches_days()
    report.conflicts = [
        Conflict(day, "twitches", "no twitches", plural(count, "twitch")) for day, count in sorted(held.items())
    ]
    # A daily file's count (and facts) of such a day are checked against the file's own twitches,
    # held back or not: the conflict is listed once, as above, rather than refusing the whole import.
    files_twitches = Counter(staging.new_per_day()) + Counter(held)
    plan = plan_daily(
        conn, rows, factors, dict(files_twitches), staging.file_per_day(), list_disagreements=list_disagreements
    )
    diary = plan_diary_facts(conn, facts, plan.red_flags)
    # A red flag's note whose flag neither the diary nor the daily file holds brings the flag with it.
    plan.red_flags += [flag for flag in diary.notes_of_new_flags if flag not in set(plan.red_flags)]
    conflicts = report.conflicts + plan.conflicts + diary.conflicts
    report.conflicts = sorted(conflicts, key=lambda conflict: conflict.day)
    return plan, diary


# --- writing: under the lock, so nothing here reads a file or checks a row --------------------


def _write(
    conn: Connection,
    staging: EpisodeStaging,
    plan: DailyPlan,
    diary: DiaryPlan,
    report: ImportReport,
    paths: Sequence[Path],
    medications: list[MedicationRow],
) -> None:
    created = utc_now()
    changes: list[journal.Change] = []
    if plan.factor_ids:
        changes.append(journal.added_range("factor", min(plan.factor_ids.values()), max(plan.factor_ids.values())))
    new_days = staging.new_per_day()
    episodes = staging.write(created)
    if episodes:
        first, last, report.episodes_added = episodes
        changes.append(journal.added_range("episode", first, last))
        sites = staging.write_sites()
        if sites:  # after the twitches: undo, newest first, removes the sites before the twitches they name
            changes.append(journal.added_range("episode_site", *sites))
        report.days_changed.update(new_days)
    date_only = {"at": None, "utc_offset_min": None, "note": "", "created_at": created}
    values = _insert(
        conn,
        FactorEntry,
        [
            {"factor_id": f, "local_date": day, "value": v, "source": plan.sources.get((day, f), ""), **date_only}
            for day, f, v in plan.entries
        ],
    )
    notes = diary.notes_of_new_flags
    flags = _insert(
        conn,
        RedFlag,
        [{"date": d, "kind": k, "note": notes.get((d, k), ""), "created_at": created} for d, k in plan.red_flags],
    )
    # A red flag the file adds stands in place of that day's "no" for its sign (the store's rule).
    report.noes_replaced, replaced = diary_facts.replace_noes(conn, plan.red_flags)
    changes += replaced
    report.noes_left_out = diary.noes_left_out
    for span, table, rows in ((values, "factor_entry", plan.entries), (flags, "red_flag", plan.red_flags)):
        if span:
            changes.append(journal.added_range(table, *span))
            report.days_changed.update(day for day, *_ in rows)
    report.values_added, report.red_flags_added = len(plan.entries), len(plan.red_flags)
    days = _DayWrites(conn, created)
    for day, note in plan.notes.items():
        days.set(day, note=note)
    report.notes_added = len(plan.notes)
    changes += write_diary_facts(conn, diary, created)
    report.facts_added = {
        what: count
        for what, count in (
            ("onset date", int(diary.onset is not None)),
            ("red-flag note", len(diary.notes_of_new_flags) + len(diary.notes_of_stored_flags)),
            ("'no' answer", len(diary.noes)),
        )
        if count
    }
    report.days_changed.update(day for day, _ in diary.noes)
    report.days_changed.update(day for day, _ in diary.notes_of_new_flags)
    # Whether a day already reads as "no twitches" is decided by tracker.storage.queries,
    # the one home of that rule, on the diary as it is now, with the rows above in it.
    with Session(bind=conn) as session:
        shown = {row.date: row for span in _runs(plan.no_twitches)
                 for row in daily_rows(session=session, start=span[0], end=span[-1])}  # fmt: skip
    for day in sorted(plan.no_twitches):
        if shown[day].episodes != 0:
            days.set(day, checked_in=True)
            report.checkins_added += 1
    report.days_changed.update(days.touched)
    changes += days.changes()
    # The medication list is short: matched with the diary's here, under the lock, in one read.
    listed = write_medications(conn, medications)
    report.medications_added, report.medications_completed = listed.added, listed.completed
    changes += listed.changes
    report.conflicts = sorted(report.conflicts + listed.conflicts, key=lambda conflict: conflict.day)
    names = ", ".join(Path(path).name for path in paths)
    if changes:
        journal.write_action(
            conn,
            done=f"imported {names}: {report.counts()}",
            undo=f"removed what the import of {names} added: {report.counts()}",
            changes=changes,
        )
    else:
        # An import that found nothing new is still the last thing done: `undo` right after it
        # must reverse it (nothing), not reach back to an earlier import and remove that.
        journal.write_action(
            conn,
            done=f"imported {names}: nothing new",
            undo=f"the import of {names} added nothing, so nothing was changed",
            changes=[],
        )


def _insert(conn: Connection, model: Any, rows: list[dict[str, Any]]) -> tuple[int, int] | None:
    """Insert rows (one executemany); returns the first and last new id, or None."""
    return journal.insert_rows(conn, model, rows) if rows else None


class _DayWrites:
    """Days' records (check-in, note): inserted where a day has none, else changed once the
    journal holds the old values, so that undo puts back exactly those."""

    def __init__(self, conn: Connection, created: dt.datetime) -> None:
        self.conn, self.created = conn, created
        self.inserted: list[dt.date] = []
        self.saved: set[dt.date] = set()  # existing days whose old values the journal holds
        self.before: list[journal.Change] = []
        self.touched: set[dt.date] = set()

    def set(self, day: dt.date, **values: Any) -> None:
        """Give `day` these values (none: just make sure it has a record)."""
        self.touched.add(day)
        if day not in self.inserted and day not in self.saved:
            if self.conn.execute(select(col(Day.date)).where(col(Day.date) == day)).first() is None:
                fields = {"checked_in": False, "note": "", **values}
                self.conn.execute(insert(Day).values(date=day, created_at=self.created, **fields))
                self.inserted.append(day)
                return
            if values:
                self.before.append(journal.changed(self.conn, "day", [day]))
                self.saved.add(day)
        if values:
            self.conn.execute(update(Day).where(col(Day.date) == day).values(**values))

    def changes(self) -> list[journal.Change]:
        return ([journal.added("day", self.inserted)] if self.inserted else []) + self.before


def _runs(days: set[dt.date]) -> list[list[dt.date]]:
    """Consecutive days grouped, so each run is one read."""
    runs: list[list[dt.date]] = []
    for day in sorted(days):
        if runs and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs
