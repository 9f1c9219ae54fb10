"""CSV import: both of our formats, any subset of their columns, all or nothing.

An import only adds: it never deletes or changes an entry the file does not contain, and a
file that disagrees with what is stored is refused (the merge rule: tracker.io.import_daily).
Re-importing the same file changes nothing, and `tracker undo` removes exactly what an
import added.

It runs in three steps on one connection, so a large file never keeps others from writing:
1. read and check every row of every file, staging episodes in a temporary table (no lock);
2. compare them with the diary as it is (a read, still no write lock);
3. write everything in one short transaction (tracker.io.import_write); if another process
   wrote since step 2, the comparison is made again first, under the lock. Any error leaves
   the diary as it was. What was added comes back as an ImportReport (tracker.io.import_report).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlmodel import Session

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
)
from tracker.io.factors_file import factors_file_beside, is_factors_file, read_factors
from tracker.io.import_daily import DailyPlan, DailyRow, parse_daily, plan_daily
from tracker.io.import_episodes import EpisodeStaging, Progress
from tracker.io.import_report import ImportReport
from tracker.io.import_write import with_new_factors, write_import
from tracker.io.medications_file import Row as MedicationRow
from tracker.io.medications_file import (
    is_medications_file,
    medications_file_beside,
    read_medications,
)
from tracker.io.same_second import hold_same_second, refusal_allowed
from tracker.storage import store
from tracker.storage.models import Factor

IMPORT_CACHE_KB = 64 * 1024


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
                write_import(
                    conn,
                    staging,
                    with_new_factors(conn, new_factors, daily, report),
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
    # A file's twitch of the same second and site(s) as a stored one, with other details, is that
    # twitch edited on one side: refused, as a disagreeing value is, or in a merge listed.
    same = hold_same_second(conn)
    if same and not list_disagreements:
        first = same[0]
        where = f"{staging.paths[first.file_no - 1]} line {first.line}: {first.what} on {first.day}"
        raise InputError(where, first.imported, refusal_allowed(first))
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
    edited = [Conflict(each.day, each.what, each.diary, each.imported) for each in same]
    conflicts = report.conflicts + edited + plan.conflicts + diary.conflicts
    report.conflicts = sorted(conflicts, key=lambda conflict: conflict.day)
    return plan, diary
