"""The diary file: what the person told the diary that the daily and episodes files do not hold,
written beside the daily CSV (`daily.diary.csv` beside `daily.csv`), one fact a row:

    fact,date,sign,note
    onset,2026-03-01,,                      the day they say the twitching began
    red flag,2026-11-03,weakness,saw my GP  a red flag's note (the flag itself is in the daily file)
    answered no,2026-11-02,spreading,       a checklist question answered "no" on that day

An import adds what the diary lacks and never changes what it holds: a different onset, a
different note of the same red flag, or a "no" where the diary logged that sign as a red flag
that day is a listed conflict, the diary's answer kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlmodel import Session, col, select

from tracker.core import validate
from tracker.core.columns import DIARY_COLUMNS
from tracker.core.vocabulary import CHECKLIST_KINDS, RedFlagKind
from tracker.core.when import parse_file_date
from tracker.errors import InputError
from tracker.io.apps.plan import Conflict
from tracker.io.csv_cells import csv_text, restore_text
from tracker.io.csv_table import CsvTable
from tracker.storage import journal
from tracker.storage.diary_facts import ONSET, standing_noes
from tracker.storage.models import DiarySetting, RedFlag, RedFlagNo, utc_now

SUFFIX = ".diary.csv"
ONSET_FACT, FLAG_FACT, NO_FACT = "onset", "red flag", "answered no"


def diary_file_beside(daily: Path) -> Path:
    """Where the diary file of a daily file goes: `daily.csv` -> `daily.diary.csv`."""
    return daily.with_name(daily.stem + SUFFIX)


def is_diary_file(header: list[str]) -> bool:
    return header[:1] == ["fact"]


def diary_csv(*, session: Session) -> str:
    """The diary file: a header, the onset, then each day's red-flag notes and "no" answers; a
    header alone when the diary holds none of them."""
    rows: list[list[str]] = []
    onset = session.get(DiarySetting, ONSET)
    if onset is not None:
        rows.append([ONSET_FACT, onset.value, "", ""])
    facts = [
        (flag.date, 0, flag.kind, FLAG_FACT, flag.note)
        for flag in session.exec(select(RedFlag).where(col(RedFlag.note) != ""))
    ] + [(no.date, 1, no.kind, NO_FACT, "") for no in session.exec(standing_noes())]
    rows += [[fact, day.isoformat(), kind, note] for day, _, kind, fact, note in sorted(facts)]
    return csv_text([DIARY_COLUMNS, *rows])


def holds_diary_facts(*, session: Session) -> bool:
    return diary_csv(session=session).count("\n") > 1


@dataclass
class DiaryFacts:
    """A diary file read and checked, not yet compared with the diary."""

    onset: tuple[dt.date, str] | None = None  # the day, and where the file says it
    flag_notes: dict[tuple[dt.date, str], str] = field(default_factory=dict)  # (day, kind): note
    noes: set[tuple[dt.date, str]] = field(default_factory=set)  # (day, kind)


def read_diary_file(table: CsvTable, facts: DiaryFacts, today: dt.date) -> int:
    """Every row of a diary file into `facts`; returns how many rows it had. InputError names
    the file, line and cell at fault."""
    if [name for name in DIARY_COLUMNS if name not in table.header]:
        raise InputError(f"{table.where} header", ",".join(table.header)[:60], ",".join(DIARY_COLUMNS))
    count = 0
    for line, record in table.rows():
        count += 1
        cells = {name: restore_text(text).strip() for name, text in zip(table.header, record, strict=True)}
        try:
            _read_row(cells, facts, today, f"{table.where} line {line}")
        except InputError as exc:
            raise InputError(f"{table.where} line {line}: {exc.field}", exc.value, exc.allowed) from None
    return count


def _read_row(cells: dict[str, str], facts: DiaryFacts, today: dt.date, where: str) -> None:
    day = validate.calendar_day("date", parse_file_date(cells["date"]), today)
    fact = cells["fact"].lower()
    if fact == ONSET_FACT:
        if facts.onset is not None and facts.onset[0] != day:
            raise InputError("date", day.isoformat(), f"{facts.onset[0].isoformat()}, the onset on {facts.onset[1]}")
        facts.onset = (day, where)
        return
    if fact not in (FLAG_FACT, NO_FACT):
        raise InputError("fact", cells["fact"], f"{ONSET_FACT}, {FLAG_FACT} or {NO_FACT}")
    kind = validate.choice("sign", cells["sign"], RedFlagKind).value
    if fact == NO_FACT:
        if kind not in CHECKLIST_KINDS:
            raise InputError("sign", kind, "one of the checklist's questions: " + ", ".join(CHECKLIST_KINDS))
        facts.noes.add((day, kind))
    else:
        facts.flag_notes[(day, kind)] = validate.note("note", cells["note"])


@dataclass
class DiaryPlan:
    """What the diary file adds; nothing in it changes a stored fact (a note goes only to a red flag without one)."""

    onset: dt.date | None = None
    notes_of_new_flags: dict[tuple[dt.date, str], str] = field(default_factory=dict)  # flags the import adds
    notes_of_stored_flags: dict[int, str] = field(default_factory=dict)  # by red flag id
    noes: list[tuple[dt.date, str]] = field(default_factory=list)
    noes_left_out: int = 0  # the file's "no" answers of a sign flagged that day, where the flag stands
    conflicts: list[Conflict] = field(default_factory=list)


def plan_diary_facts(conn: Connection, facts: DiaryFacts, new_flags: list[tuple[dt.date, str]]) -> DiaryPlan:
    """What `facts` add to the diary on `conn`, where the import also adds the red flags
    `new_flags`; a red-flag note whose flag neither holds adds the flag with it."""
    plan = DiaryPlan()
    stored_onset = conn.execute(sa.select(col(DiarySetting.value)).where(col(DiarySetting.key) == ONSET)).scalar()
    if facts.onset is not None:
        day = facts.onset[0]
        if stored_onset is None:
            plan.onset = day
        elif stored_onset != day.isoformat():
            given = dt.date.fromisoformat(stored_onset)
            plan.conflicts.append(Conflict(given, "onset date", stored_onset, day.isoformat()))
    days = {day for day, _ in facts.flag_notes} | {day for day, _ in facts.noes}
    flags: dict[tuple[dt.date, str], tuple[int, str]] = {}
    stored_flags = sa.select(col(RedFlag.id), col(RedFlag.date), col(RedFlag.kind), col(RedFlag.note))
    for flag_id, day, kind, note in conn.execute(stored_flags.where(col(RedFlag.date).in_(days))):
        assert flag_id is not None  # a stored row has its id
        flags[(day, kind)] = (flag_id, note)
    adding = set(new_flags)
    for (day, kind), note in sorted(facts.flag_notes.items()):
        if (day, kind) in flags:
            flag_id, stored = flags[(day, kind)]
            if not stored:
                plan.notes_of_stored_flags[flag_id] = note
            elif stored != note:
                plan.conflicts.append(Conflict(day, f"{kind} note", repr(stored[:40]), repr(note[:40])))
        else:
            plan.notes_of_new_flags[(day, kind)] = note
    stored_noes = {
        (day, kind)
        for day, kind in conn.execute(
            sa.select(col(RedFlagNo.date), col(RedFlagNo.kind)).where(col(RedFlagNo.date).in_(days))
        )
    }
    for day, kind in sorted(facts.noes - stored_noes):
        if (day, kind) in flags or (day, kind) in adding or (day, kind) in plan.notes_of_new_flags:
            # A red flag that day stands instead of the "no" (tracker.storage.diary_facts), either way round.
            plan.noes_left_out += 1
        else:
            plan.noes.append((day, kind))
    return plan


def write_diary_facts(conn: Connection, plan: DiaryPlan, created: dt.datetime) -> list[journal.Change]:
    """Write what `plan` adds (under the importer's write lock); returns the journal's changes.
    The notes of flags the import adds are written with those flags, by the importer."""
    changes: list[journal.Change] = []
    if plan.onset is not None:
        conn.execute(sa.insert(DiarySetting).values(key=ONSET, value=plan.onset.isoformat(), updated_at=utc_now()))
        changes.append(journal.added(DiarySetting.__tablename__, [ONSET]))
    if plan.notes_of_stored_flags:
        changes.append(journal.changed(conn, RedFlag.__tablename__, list(plan.notes_of_stored_flags)))
        for flag_id, note in plan.notes_of_stored_flags.items():
            conn.execute(sa.update(RedFlag).where(col(RedFlag.id) == flag_id).values(note=note))
    if plan.noes:
        rows = [{"date": day, "kind": kind, "created_at": created} for day, kind in plan.noes]
        changes.append(journal.added_range(RedFlagNo.__tablename__, *journal.insert_rows(conn, RedFlagNo, rows)))
    return changes
