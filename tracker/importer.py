"""CSV import: both of our formats, any subset of their columns, all or nothing.

Every row of every file is parsed and checked before anything is written, and the writes
happen in the caller's single transaction, so a bad row leaves the database as it was.
Re-importing the same file changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, col, select

from tracker import store, validate
from tracker.columns import DAILY_HEAD, DAILY_TAIL, EPISODE_COLUMNS
from tracker.daily import daily_value
from tracker.errors import InputError
from tracker.export import format_number, restore_text
from tracker.models import (
    Day,
    Episode,
    EpisodeCreate,
    Factor,
    FactorEntry,
    Location,
    RedFlag,
    RedFlagKind,
    Side,
    split_tags,
)
from tracker.when import local_moment, parse_date, parse_duration

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DAILY_EPISODES = 100_000  # a day's `episodes` count, far above anything a person logs
DERIVED_DAILY = {"episodes", "total_duration_s", "max_intensity", "locations"}


@dataclass
class ImportReport:
    files: int = 0
    rows: int = 0
    episodes_added: int = 0
    days_changed: set[dt.date] = field(default_factory=set)

    def describe(self) -> str:
        return (
            f"imported {self.rows} rows from {self.files} file(s): {self.episodes_added} new episodes, "
            f"{len(self.days_changed)} days changed"
        )


@dataclass
class _DailyRow:
    line: int
    date: dt.date
    tracked: bool | None
    episodes: int | None  # the `episodes` cell: None when empty (twitches not answered) or absent
    values: dict[int, float]
    red_flags: list[str]
    note: str | None


def read_table(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the rows (with their line numbers) of a UTF-8 CSV file."""
    where = str(path)
    if path.is_dir():
        raise InputError("file", where, "a CSV file, not a directory")
    if not path.exists():
        raise InputError("file", where, "a file that exists")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError("file", where, f"a CSV file of at most {MAX_FILE_BYTES // 2**20} MB")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("file", where, f"UTF-8 text (bad byte at position {exc.start})") from None
    if "\x00" in text:
        raise InputError("file", where, "a text CSV file (it contains NUL bytes)")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip() for name in next(reader, [])]
        rows = []
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                raise InputError(
                    f"{where} line {reader.line_num}", f"{len(record)} cells", f"{len(header)} cells, like the header"
                )
            rows.append((reader.line_num, dict(zip(header, record, strict=True))))
    except csv.Error as exc:
        raise InputError(f"{where} line {reader.line_num}", str(exc), "RFC 4180 CSV") from None
    if len(set(header)) != len(header):
        raise InputError(f"{where} header", ",".join(header), "each column once")
    return header, rows


def import_files(*, session: Session, paths: list[Path], now: dt.datetime | None = None) -> ImportReport:
    """Import every file or none of them."""
    now = now or store.local_now()
    report = ImportReport()
    factors = store.list_factors(session=session)
    parsed = []
    for path in paths:
        header, rows = read_table(Path(path))
        if "started_at" in header:
            parsed.append(("episodes", _parse_episodes(str(path), header, rows, now)))
        elif "date" in header:
            parsed.append(("daily", _parse_daily(str(path), header, rows, factors, now)))
        else:
            raise InputError(
                f"{path} header", ",".join(header)[:60], "a `date` (daily) or `started_at` (episodes) column"
            )
        report.files += 1
        report.rows += len(rows)
    # Episodes first, so a daily row's `tracked` = 1 can see that the day is already tracked.
    for kind, items in sorted(parsed, key=lambda pair: pair[0] != "episodes"):
        if kind == "episodes":
            _apply_episodes(session, items, report, now)
        else:
            _apply_daily(session, items, {f.id: f for f in factors}, report)
    session.flush()
    return report


# --- episodes --------------------------------------------------------------------------------


def _parse_episodes(where, header, rows, now) -> list[EpisodeCreate]:  # type: ignore[no-untyped-def]
    """A file's empty or missing location, side or intensity is stored as not given (unspecified,
    or no intensity): never as the last twitch's, which would put words in the file's mouth."""
    _reject_unknown(where, header, set(EPISODE_COLUMNS))
    episodes = []
    for line, cells in rows:
        try:
            started = _parse_started(cells["started_at"])
            intensity = cells.get("intensity", "").strip()
            episode = EpisodeCreate(
                started_at=validate.moment("started_at", started, now),
                location=_choice("location", cells.get("location") or Location.UNSPECIFIED, Location),
                side=_choice("side", cells.get("side") or Side.UNSPECIFIED, Side),
                intensity=validate.integer_in_range("intensity", intensity, 1, 5) if intensity else None,
                duration_s=parse_duration(cells["duration_s"]) if cells.get("duration_s") else None,
                context=validate.tags("context", split_tags(restore_text(cells.get("context", "")))),
                relief=validate.tags("relief", split_tags(restore_text(cells.get("relief", "")))),
                note=validate.note("note", restore_text(cells.get("note", ""))),
            )
        except InputError as exc:
            raise InputError(f"{where} line {line}: {exc.field}", exc.value, exc.allowed) from None
        episodes.append(episode)
    return episodes


def _parse_started(text: str) -> dt.datetime:
    """An aware time; one without an offset is a wall-clock time here (when.local_moment's rules)."""
    try:
        started = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError("started_at", text, "an ISO 8601 time like 2026-11-20T08:15:00+01:00") from None
    if started.tzinfo is None:
        return local_moment(started, field="started_at").at
    return started


def _apply_episodes(session: Session, episodes: list[EpisodeCreate], report: ImportReport, now: dt.datetime) -> None:
    """Add each episode the database does not already hold, counting repeats.

    Two twitches logged in the same second with the same details are two episodes: the
    file's copies are matched one for one against the stored ones (at the file's precision,
    whole seconds), so re-importing adds nothing and nothing real is merged away.
    """
    if not episodes:
        return
    moments = [_to_second(episode.started_at) for episode in episodes]
    stored = session.exec(
        select(Episode).where(
            col(Episode.started_at) >= min(moments), col(Episode.started_at) < max(moments) + dt.timedelta(seconds=1)
        )
    )
    unmatched = Counter(_episode_key(_to_second(e.started_at), e.location, e.side, e.intensity, e.duration_s,
                                     e.context_tags, e.relief_tags, e.note) for e in stored)  # fmt: skip
    for episode, moment in zip(episodes, moments, strict=True):
        key = _episode_key(moment, episode.location.value, episode.side.value, episode.intensity,
                           episode.duration_s, episode.context, episode.relief, episode.note)  # fmt: skip
        if unmatched[key] > 0:
            unmatched[key] -= 1
            continue
        added = store.add_episode(session=session, episode_in=episode, now=now)
        report.episodes_added += 1
        report.days_changed.add(added.local_date)


def _to_second(moment: dt.datetime) -> dt.datetime:
    moment = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
    return moment.replace(microsecond=0)


def _episode_key(*fields: object) -> tuple[object, ...]:
    return tuple(tuple(field) if isinstance(field, list) else field for field in fields)


# --- daily -----------------------------------------------------------------------------------


def _parse_daily(where, header, rows, factors: list[Factor], now) -> list[_DailyRow]:  # type: ignore[no-untyped-def]
    by_column = {factor.column: factor for factor in factors}
    _reject_unknown(where, header, set(DAILY_HEAD) | set(DAILY_TAIL) | set(by_column))
    parsed = []
    seen: dict[dt.date, int] = {}
    for line, cells in rows:
        try:
            day = parse_date(cells["date"], today=now.date())
            if day in seen:
                raise InputError("date", day.isoformat(), f"each day once in a file (it is also on line {seen[day]})")
            seen[day] = line
            tracked_text = cells.get("tracked", "").strip()
            if tracked_text not in ("", "0", "1"):
                raise InputError("tracked", tracked_text, "1, 0 or empty")
            episodes_text = cells.get("episodes", "").strip()
            episodes = (
                validate.integer_in_range("episodes", episodes_text, 0, MAX_DAILY_EPISODES) if episodes_text else None
            )
            if _says_nothing(cells, tracked_text) and not (tracked_text == "" and episodes == 0):
                # An untracked day: nothing to write. Skipped before the range check, so an
                # export of any range (even one reaching past today) imports back.
                continue
            # A file may come from a machine whose clock is ahead of this one: a day that has begun
            # anywhere is allowed, so an export imports back wherever it was written.
            day = validate.calendar_day("date", day, validate.latest_local_date(now))
            values = {}
            for column, factor in by_column.items():
                text = cells.get(column, "").strip()
                if text:
                    number = _number(column, text)
                    values[factor.id] = store.check_factor_value(factor, number, field=column)
            flags = [
                _choice("red_flags", kind, RedFlagKind).value
                for kind in split_tags(restore_text(cells.get("red_flags", "")))
            ]
            note = cells.get("note")
            parsed.append(
                _DailyRow(
                    line=line,
                    date=day,
                    tracked=None if tracked_text == "" else tracked_text == "1",
                    episodes=episodes,
                    values=values,  # type: ignore[arg-type]
                    red_flags=flags,
                    note=None if note is None else validate.note("note", restore_text(note)),
                )
            )
        except InputError as exc:
            raise InputError(f"{where} line {line}: {exc.field}", exc.value, exc.allowed) from None
    return parsed


def _says_nothing(cells: dict[str, str], tracked_text: str) -> bool:
    """A row with tracked 0 or empty and every other cell empty (derived columns aside)."""
    return tracked_text != "1" and not any(
        value.strip() for name, value in cells.items() if name not in ("date", "tracked", *DERIVED_DAILY)
    )


def _apply_daily(
    session: Session, rows: list[_DailyRow], factors: dict[int | None, Factor], report: ImportReport
) -> None:
    if not rows:
        return
    start, end = min(row.date for row in rows), max(row.date for row in rows)
    entries: dict[tuple[dt.date, int], list[FactorEntry]] = defaultdict(list)
    for entry in session.exec(
        select(FactorEntry)
        .where(col(FactorEntry.local_date) >= start, col(FactorEntry.local_date) <= end)
        .order_by(col(FactorEntry.at).is_not(None), col(FactorEntry.at), col(FactorEntry.id))
    ):
        entries[(entry.local_date, entry.factor_id)].append(entry)
    days = {day.date: day for day in session.exec(select(Day).where(col(Day.date) >= start, col(Day.date) <= end))}
    flags = {
        (flag.date, flag.kind)
        for flag in session.exec(select(RedFlag).where(col(RedFlag.date) >= start, col(RedFlag.date) <= end))
    }
    session.flush()
    episode_days = set(
        session.exec(
            select(Episode.local_date)
            .where(col(Episode.local_date) >= start, col(Episode.local_date) <= end)
            .distinct()
        )
    )
    # Sets of days, so each row's "is this day tracked already?" is one lookup.
    entry_days = {day for (day, _), found in entries.items() if found}
    flag_days = {day for day, _ in flags}
    for row in rows:
        for factor_id, value in row.values.items():
            current = entries.get((row.date, factor_id), [])
            factor = factors[factor_id]
            # Equal at the file's precision is equal: a mean of 7.6666… exported as 7.666667.
            if current and format_number(daily_value(factor.daily_rule, [e.value for e in current])) == format_number(
                value
            ):
                continue
            for entry in current:
                if entry in session.new:  # added by an earlier file in this import
                    session.expunge(entry)
                else:
                    session.delete(entry)
            replacement = FactorEntry(factor_id=factor_id, local_date=row.date, value=value)
            session.add(replacement)
            entries[(row.date, factor_id)] = [replacement]
            entry_days.add(row.date)
            report.days_changed.add(row.date)
        for kind in row.red_flags:
            if (row.date, kind) not in flags:
                session.add(RedFlag(date=row.date, kind=kind))
                flags.add((row.date, kind))
                flag_days.add(row.date)
                report.days_changed.add(row.date)
        # Only `episodes` = 0 says "no twitches" (a check-in). An empty `episodes` cell on a
        # tracked row means the twitches were not answered that day: `tracked` = 1 then keeps
        # a day with nothing else logged tracked (a day record without a check-in), and a day
        # tracked by its entries needs nothing more.
        already_tracked = (
            row.date in episode_days or row.date in days or row.date in entry_days or row.date in flag_days
        )
        wants_checkin = row.episodes == 0 and row.date not in episode_days
        wants_record = bool(row.tracked) and not already_tracked
        wants_note = bool(row.note)
        if wants_checkin or wants_record or wants_note:
            record = days.get(row.date) or Day(date=row.date)
            changed = row.date not in days
            if wants_checkin and not record.checked_in:
                record.checked_in, changed = True, True
            if wants_note and record.note != row.note:
                record.note, changed = row.note or "", True
            if changed:
                session.add(record)
                days[row.date] = record
                report.days_changed.add(row.date)


# --- helpers ---------------------------------------------------------------------------------


def _reject_unknown(where: str, header: list[str], known: set[str]) -> None:
    for name in header:
        if name not in known:
            raise InputError(
                f"{where} column", name, "a column of the daily or episodes format, or a defined user factor"
            )


def _choice(field_name: str, value: str, enum: type) -> object:
    try:
        return enum(value.strip().lower())
    except ValueError:
        raise InputError(field_name, value, "one of: " + ", ".join(member.value for member in enum)) from None


def _number(field_name: str, text: str) -> float:
    try:
        number = float(text)
    except ValueError:
        raise InputError(field_name, text, "a number") from None
    if not math.isfinite(number):
        raise InputError(field_name, text, "a finite number")
    return number
