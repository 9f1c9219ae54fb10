"""An import's last step: everything planned written in one short transaction, under the write
lock (tracker.io.importer reads and compares first), and journalled so that `tracker undo`
removes exactly what it added. Nothing here reads a file or checks a row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlmodel import Session, col

from tracker.errors import InputError
from tracker.io.diary_file import DiaryPlan, write_diary_facts
from tracker.io.import_daily import DailyPlan
from tracker.io.import_episodes import EpisodeStaging
from tracker.io.import_report import ImportReport
from tracker.io.medications_file import Row as MedicationRow
from tracker.io.medications_file import write_medications
from tracker.storage import diary_facts, journal
from tracker.storage.models import Day, Factor, FactorEntry, RedFlag, utc_now
from tracker.storage.queries import daily_rows


def with_new_factors(conn: Connection, new: list[Factor], plan: DailyPlan, report: ImportReport) -> DailyPlan:
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


def write_import(
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
