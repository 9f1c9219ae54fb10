"""The one storage API the CLI and the TUI call: keyword-only functions that return models.

Every function works inside the caller's session (one transaction, see db.session_scope) and
validates its input, raising InputError that names the field, the value and what is allowed.
Every write records what it did in the action journal (tracker.journal), in the same
transaction, so `tracker undo` and the TUI's undo reverse exactly it. Reads that build whole
days live in tracker.days.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlmodel import Session, col, select

from tracker import journal, validate
from tracker.columns import RESERVED_COLUMNS
from tracker.errors import InputError
from tracker.formatting import amount_words, day_words, format_number
from tracker.ids import ALLOWED as ID_ALLOWED
from tracker.ids import DAY, EPISODE, FACTOR_ENTRY, INTERVENTION, RED_FLAG, format_id, parse_id
from tracker.models import (
    DailyRule,
    Day,
    Episode,
    EpisodeCreate,
    EpisodeUpdate,
    Factor,
    FactorCreate,
    FactorEntry,
    FactorEntryCreate,
    FactorKind,
    FactorUpdate,
    Intervention,
    Location,
    Preset,
    PresetCreate,
    RedFlag,
    RedFlagCreate,
    Side,
    join_tags,
    utc_now,
)

MAX_BOUND = 1e9
# With nothing to repeat, a twitch is what the person said: no place, side or intensity made up.
NOTHING_TO_REPEAT: tuple[Location, Side, int | None] = (Location.UNSPECIFIED, Side.UNSPECIFIED, None)
MAX_DURATION_S = 24 * 3600


def local_now() -> dt.datetime:
    """Now, aware, in the machine's local timezone."""
    return dt.datetime.now().astimezone()


# --- factors and presets ---------------------------------------------------------------------


def list_factors(*, session: Session) -> list[Factor]:
    """Built-in factors first, then user factors in the order they were added."""
    return list(session.exec(select(Factor).order_by(col(Factor.position), col(Factor.id))))


def get_factor(*, session: Session, name: str) -> Factor:
    """A factor by its short name (`caffeine`) or its column name (`caffeine_mg`)."""
    wanted = name.strip().lower()
    factor = session.exec(select(Factor).where((col(Factor.name) == wanted) | (col(Factor.column) == wanted))).first()
    if factor is None:
        known = ", ".join(f.name for f in list_factors(session=session))
        raise InputError("factor", name, f"one of: {known} (or add one with `tracker factor add`)")
    return factor


def add_factor(*, session: Session, factor_in: FactorCreate) -> Factor:
    """A user-defined factor; its column is `name_unit` (e.g. alcohol_units) or `name`."""
    name = validate.name("name", factor_in.name.strip().lower())
    unit = factor_in.unit.strip()
    column = f"{name}_{_slug(unit)}" if unit and not name.endswith(f"_{_slug(unit)}") else name
    for candidate in (name, column):
        if candidate in RESERVED_COLUMNS:
            raise InputError("name", factor_in.name, "a name that is not a built-in CSV column")
        clash = session.exec(
            select(Factor).where((col(Factor.name) == candidate) | (col(Factor.column) == candidate))
        ).first()
        if clash is not None:
            raise InputError("name", factor_in.name, f"a new name ({clash.name} already exists)")
    low, high = factor_in.min_value, factor_in.max_value
    _check_bounds(low, high)
    match factor_in.kind:
        case FactorKind.SCALE:
            if low is None or high is None or not low < high:
                raise InputError("--min/--max", f"{low}..{high}", "a scale needs --min and --max with min < max")
            rule = factor_in.daily_rule or DailyRule.MEAN
        case FactorKind.YES_NO:
            low, high = 0.0, 1.0
            rule = factor_in.daily_rule or DailyRule.MAX
        case _:
            low = 0.0 if low is None else low
            high = 1_000_000.0 if high is None else high
            if not low < high:
                raise InputError("--min/--max", f"{low}..{high}", "min < max")
            rule = factor_in.daily_rule or DailyRule.SUM
    last_position = max((f.position for f in list_factors(session=session)), default=0)
    factor = Factor(
        name=name,
        column=column,
        kind=factor_in.kind.value,
        unit=unit,
        min_value=low,
        max_value=high,
        daily_rule=DailyRule(rule).value,
        builtin=False,
        position=last_position + 1,
    )
    session.add(factor)
    session.flush()
    journal.record_added(session, "factor", factor.id, f"factor {name}", verb="added")
    return factor


def update_factor(*, session: Session, name: str, changes: FactorUpdate) -> Factor:
    """Change a user factor's range or daily rule; its name, kind and unit (its CSV column) stay.

    Built-in factors keep the ranges the tool documents. A new range must still hold every
    value already logged.
    """
    factor = get_factor(session=session, name=name)
    if factor.builtin:
        raise InputError("factor", name, "a factor of your own (built-in factors keep their ranges)")
    _check_bounds(changes.min_value, changes.max_value)
    low = factor.min_value if changes.min_value is None else changes.min_value
    high = factor.max_value if changes.max_value is None else changes.max_value
    if factor.kind == FactorKind.YES_NO and (low, high) != (0.0, 1.0):
        raise InputError("--min/--max", f"{low}..{high}", "a yes-no factor is always 0..1")
    if low is None or high is None or not low < high:
        raise InputError("--min/--max", f"{low}..{high}", "min < max")
    outside = session.exec(
        select(FactorEntry).where(
            FactorEntry.factor_id == factor.id, (col(FactorEntry.value) < low) | (col(FactorEntry.value) > high)
        )
    ).first()
    if outside is not None:
        raise InputError(
            "--min/--max", f"{low:g}..{high:g}", f"a range that holds the values already logged ({outside.value:g})"
        )
    before = journal.changed(session, "factor", [factor.id])
    factor.min_value, factor.max_value = low, high
    if changes.daily_rule is not None:
        factor.daily_rule = DailyRule(changes.daily_rule).value
    session.add(factor)
    session.flush()
    journal.record(
        session,
        done=f"changed factor {factor.name}",
        undo=f"put back the range and daily rule of factor {factor.name}",
        changes=[before],
    )
    return factor


def list_presets(*, session: Session) -> list[Preset]:
    return list(session.exec(select(Preset).order_by(col(Preset.factor_id), col(Preset.id))))


def get_preset(*, session: Session, name: str) -> Preset:
    preset = session.exec(select(Preset).where(Preset.name == name.strip().lower())).first()
    if preset is None:
        known = ", ".join(p.name for p in list_presets(session=session))
        raise InputError("preset", name, f"one of: {known}")
    return preset


def set_preset(*, session: Session, preset_in: PresetCreate) -> Preset:
    """Add a preset, or change the amount of an existing one."""
    factor = get_factor(session=session, name=preset_in.factor)
    amount = check_factor_value(factor, preset_in.amount, field="amount")
    name = preset_in.name.strip().lower()
    validate.tags("preset name", [name])
    preset = session.exec(select(Preset).where(Preset.name == name)).first()
    if preset is None:
        preset = Preset(name=name, factor_id=factor.id, amount=amount)  # type: ignore[arg-type]
        before, undo = None, f"removed preset {name}"
    else:
        before, undo = journal.changed(session, "preset", [preset.id]), f"put back preset {name} as it was"
        preset.factor_id, preset.amount = factor.id, amount  # type: ignore[assignment]
    session.add(preset)
    session.flush()
    journal.record(
        session,
        done=f"set preset {name} to {amount:g} {factor.unit}".rstrip(),
        undo=undo,
        changes=[before or journal.added("preset", [preset.id])],
    )
    return preset


# --- episodes --------------------------------------------------------------------------------


def episode_defaults(*, session: Session, at: dt.datetime) -> tuple[Location, Side, int | None]:
    """The location, side and intensity a twitch at `at` (aware) starts from: those of the
    latest twitch by time on or before `at`, not of the one typed last (a backfilled Tuesday
    must not become today's default). Unspecified location and side and no intensity (None)
    when there is none before it."""
    latest = (
        select(Episode)
        .where(col(Episode.started_at) <= at.astimezone(dt.UTC))
        .order_by(col(Episode.started_at).desc(), col(Episode.id).desc())
        .limit(1)
    )
    last = session.exec(latest).first()
    if last is None:
        return NOTHING_TO_REPEAT
    if last.intensity is not None and not isinstance(last.intensity, int):
        # Only an edit from outside tracker puts text here. Repeating it would blame the new
        # twitch for it; failing here lets the command name the stored row instead.
        raise TypeError(f"episode {last.id}: intensity {last.intensity!r} is not a number")
    return Location(last.location), Side(last.side), last.intensity


def add_episode(*, session: Session, episode_in: EpisodeCreate, now: dt.datetime | None = None) -> Episode:
    """Validate and store one twitch. A "no twitches" answer for its day is withdrawn in the
    same action (the twitch answers the day now), so the diary never says both."""
    episode = Episode(**episode_fields(episode_in, now or local_now()))
    session.add(episode)
    session.flush()
    journal.record_added(session, "episode", episode.id, journal.words(episode))
    _withdraw_no_twitches(session, episode.local_date)
    return episode


def _withdraw_no_twitches(session: Session, day: dt.date) -> None:
    record = session.get(Day, day)
    if record is None or not record.checked_in:
        return
    before = journal.changed(session, "day", [day])
    record.checked_in = False
    session.add(record)
    session.flush()
    when = day_words(day)
    journal.record(
        session,
        done=f"withdrew the no-twitches answer on {when}",
        undo=f"put back the no-twitches answer on {when}",
        changes=[before],
    )


def update_episode(*, session: Session, episode_id: int, changes: EpisodeUpdate) -> Episode:
    episode = _get(session, Episode, episode_id, "episode")
    before, what = journal.changed(session, "episode", [episode_id]), journal.words(episode)
    current = EpisodeCreate(
        started_at=episode.local_started_at,
        location=Location(episode.location),
        side=Side(episode.side),
        intensity=episode.intensity,
        duration_s=episode.duration_s,
        context=episode.context_tags,
        relief=episode.relief_tags,
        note=episode.note,
    )
    merged = current.model_copy(update=changes.model_dump(exclude_unset=True))
    for key, value in episode_fields(merged, local_now()).items():
        setattr(episode, key, value)
    session.add(episode)
    session.flush()
    journal.record(session, done=f"edited {what}", undo=f"put back {what} as it was before the edit", changes=[before])
    _withdraw_no_twitches(session, episode.local_date)  # moved onto a day answered "no twitches"
    return episode


def episode_fields(episode_in: EpisodeCreate, now: dt.datetime) -> dict[str, object]:
    """An episode's stored columns, every field checked (InputError names the first bad one).

    The importer passes a plain tuple with EpisodeCreate's fields: building a pydantic model
    for each of a million rows would cost more than the rest of the import.
    """
    started = validate.moment("at", episode_in.started_at, now)
    offset = started.utcoffset()
    assert offset is not None
    duration = episode_in.duration_s
    if duration is not None:
        duration = validate.integer_in_range("duration", duration, 0, MAX_DURATION_S)
    intensity = episode_in.intensity
    if intensity is not None:
        intensity = validate.integer_in_range("intensity", intensity, 1, 5)
    return {
        "started_at": started.astimezone(dt.UTC),
        "utc_offset_min": int(offset.total_seconds() // 60),
        "local_date": started.date(),
        "location": Location(episode_in.location).value,
        "side": Side(episode_in.side).value,
        "intensity": intensity,
        "duration_s": duration,
        "context": join_tags(validate.tags("context", episode_in.context)),
        "relief": join_tags(validate.tags("relief", episode_in.relief)),
        "note": validate.note("note", episode_in.note),
    }


# --- factor entries --------------------------------------------------------------------------


def add_factor_entry(*, session: Session, entry_in: FactorEntryCreate, now: dt.datetime | None = None) -> FactorEntry:
    """One timestamped (or date-only) value; the day's value follows the factor's daily rule."""
    now = now or local_now()
    factor = get_factor(session=session, name=entry_in.factor)
    value = check_factor_value(factor, entry_in.value, field=factor.name)
    if entry_in.at is not None:
        at = validate.moment("at", entry_in.at, now)
        offset = at.utcoffset()
        assert offset is not None
        fields: dict[str, object] = {
            "at": at.astimezone(dt.UTC),
            "utc_offset_min": int(offset.total_seconds() // 60),
            "local_date": at.date(),
        }
    else:
        day = validate.calendar_day("date", entry_in.date or now.date(), now.date())
        fields = {"at": None, "utc_offset_min": None, "local_date": day}
    entry = FactorEntry(factor_id=factor.id, value=value, note=validate.note("note", entry_in.note), **fields)  # type: ignore[arg-type]
    session.add(entry)
    session.flush()
    journal.record_added(session, "factor_entry", entry.id, journal.words(entry, factor=factor))
    return entry


def update_factor_entry(*, session: Session, entry_id: int, value: float, note: str | None = None) -> FactorEntry:
    """The factor entry with its new value (and note, when one is given); its time, id and
    creation time stay as they were. Journalled like every write, so `tracker undo` puts the
    old value back."""
    entry = _get(session, FactorEntry, entry_id, "factor entry")
    factor = session.get(Factor, entry.factor_id)
    assert factor is not None  # a foreign key
    before, was = journal.changed(session, "factor_entry", [entry_id]), journal.words(entry, factor=factor)
    entry.value = check_factor_value(factor, value, field=factor.name)
    if note is not None:
        entry.note = validate.note("note", note)
    session.add(entry)
    session.flush()
    value_now = amount_words(entry.value, factor.unit)
    journal.record(session, done=f"changed {was} to {value_now}", undo=f"put back {was} in place of {value_now}",
                   changes=[before])  # fmt: skip
    return entry


def last_factor_entry(*, session: Session, factor: str, day: dt.date) -> FactorEntry | None:
    """The latest entry of a factor by time on or before `day` (the dose to repeat), not the
    one typed last: a backfilled week ago does not change today's. Within a day, a timed entry
    counts as later than a date-only one (as a day's "last" value does). None when there is none."""
    found = get_factor(session=session, name=factor)
    return session.exec(
        select(FactorEntry)
        .where(FactorEntry.factor_id == found.id, col(FactorEntry.local_date) <= day)
        .order_by(
            col(FactorEntry.local_date).desc(),
            col(FactorEntry.at).is_not(None).desc(),
            col(FactorEntry.at).desc(),
            col(FactorEntry.id).desc(),
        )
        .limit(1)
    ).first()


def factor_bounds(factor: Factor) -> tuple[float, float]:
    """The lowest and highest value a factor takes (0 to a million when it sets none)."""
    low = factor.min_value if factor.min_value is not None else 0.0
    high = factor.max_value if factor.max_value is not None else 1_000_000.0
    return low, high


def allowed_values(factor: Factor) -> str:
    """What a factor takes, in words for a hint: "1 for yes, 0 for no", "0–1000 mg"."""
    if factor.kind == FactorKind.YES_NO:
        return "1 for yes, 0 for no"
    low, high = factor_bounds(factor)
    return f"{format_number(low)}–{format_number(high)} {factor.unit}".strip()


def check_factor_value(factor: Factor, value: float, *, field: str) -> float:
    low, high = factor_bounds(factor)
    if factor.kind == FactorKind.YES_NO and value not in (0, 1):
        raise InputError(field, value, "yes or no (1 or 0)")
    return validate.number_in_range(field, value, low, high, factor.unit)


# --- days, red flags, interventions ----------------------------------------------------------


def check_in(*, session: Session, day: dt.date, today: dt.date | None = None) -> Day:
    """Mark a day tracked: with no episodes, it is a "no twitches today" day."""
    day = validate.calendar_day("date", day, today or local_now().date())
    record = session.get(Day, day)
    # An existing day keeps its note when the check-in is undone: only the old values come back.
    before = journal.changed(session, "day", [day]) if record else None
    record = record or Day(date=day)
    record.checked_in = True
    record.created_at = utc_now()
    session.add(record)
    session.flush()
    when = day_words(day)
    journal.record(
        session,
        done=f"logged no twitches on {when}",
        undo=f"cleared the no-twitches check-in on {when}" + ("; its note stays" if record.note else ""),
        changes=[before or journal.added("day", [day])],
    )
    return record


def set_day_note(*, session: Session, day: dt.date, note: str, today: dt.date | None = None) -> Day:
    """Set the day's one note, replacing any note it had; an empty note clears it.

    Returns the day's record. Clearing the note of a day whose record held nothing else (no
    "no twitches" answer) deletes the record, so the day reads as not logged again rather
    than as a tracked day with nothing in it. Either way the journal can undo it.
    """
    day = validate.calendar_day("date", day, today or local_now().date())
    existing = session.get(Day, day)
    earlier = existing.note if existing else ""
    text = validate.note("note", note)
    when = day_words(day)
    if not text and not (existing and existing.checked_in):
        if existing is not None:
            change = journal.removed(session, "day", [day])
            session.delete(existing)
            session.flush()
            journal.record(
                session, done=f"cleared the note on {when}", undo=f"put back the note on {when}", changes=[change]
            )
            return existing
        return Day(date=day)  # nothing to clear: nothing written
    before = journal.changed(session, "day", [day]) if existing else None
    record = existing or Day(date=day)
    record.note = text
    record.created_at = utc_now()
    session.add(record)
    session.flush()
    journal.record(
        session,
        done=f"noted on {when}",
        undo=f"put back the earlier note on {when}" if earlier else f"removed the note on {when}",
        changes=[before or journal.added("day", [day])],
    )
    return record


def add_red_flag(*, session: Session, red_flag_in: RedFlagCreate, today: dt.date | None = None) -> RedFlag:
    """Record a red-flag sign; the same sign on the same day is one record (its note updated)."""
    day = validate.calendar_day("date", red_flag_in.date, today or local_now().date())
    kind = red_flag_in.kind.value
    existing = session.exec(select(RedFlag).where(RedFlag.date == day, RedFlag.kind == kind)).first()
    before = journal.changed(session, "red_flag", [existing.id]) if existing else None
    flag = existing or RedFlag(date=day, kind=kind)
    if red_flag_in.note or existing is None:
        flag.note = validate.note("note", red_flag_in.note)
    session.add(flag)
    session.flush()
    what = journal.words(flag)
    journal.record(
        session,
        done=f"logged {what}",
        undo=f"put back the note of {what}" if before else f"removed {what}",
        changes=[before or journal.added("red_flag", [flag.id])],
    )
    return flag


def start_intervention(
    *, session: Session, name: str, start: dt.date, note: str = "", today: dt.date | None = None
) -> Intervention:
    name = name.strip()
    if not name or len(name) > 80:
        raise InputError("name", name, "a name of 1 to 80 characters")
    start = validate.calendar_day("date", start, today or local_now().date())
    if _open_intervention(session, name) is not None:
        raise InputError("name", name, "a name not already running (stop it first)")
    item = Intervention(name=name, start_date=start, note=validate.note("note", note))
    session.add(item)
    session.flush()
    journal.record_added(session, "intervention", item.id, journal.words(item), verb="started")
    return item


def stop_intervention(*, session: Session, name: str, end: dt.date, today: dt.date | None = None) -> Intervention:
    item = _open_intervention(session, name.strip())
    if item is None:
        running = ", ".join(i.name for i in list_interventions(session=session) if i.end_date is None)
        raise InputError("name", name, f"a running intervention ({running or 'none running'})")
    end = validate.calendar_day("date", end, today or local_now().date())
    if end < item.start_date:
        raise InputError("date", end.isoformat(), f"on or after the start, {item.start_date.isoformat()}")
    before = journal.changed(session, "intervention", [item.id])
    item.end_date = end
    session.add(item)
    session.flush()
    what = journal.words(item)
    journal.record(
        session, done=f"stopped {what} on {day_words(end)}", undo=f"made {what} running again", changes=[before]
    )
    return item


def list_interventions(*, session: Session) -> list[Intervention]:
    return list(session.exec(select(Intervention).order_by(col(Intervention.start_date), col(Intervention.id))))


def _open_intervention(session: Session, name: str) -> Intervention | None:
    return session.exec(
        select(Intervention).where(Intervention.name == name, col(Intervention.end_date).is_(None))
    ).first()


# --- ids, delete and undo --------------------------------------------------------------------

ID_MODELS = {EPISODE: Episode, FACTOR_ENTRY: FactorEntry, RED_FLAG: RedFlag, INTERVENTION: Intervention}
Entry = Episode | FactorEntry | RedFlag | Intervention | Day


@dataclass(frozen=True)
class Removed:
    """A deleted row, and the journal action that deleted it (what the TUI's Undo reverses)."""

    entry_id: str
    row: Entry
    action_id: int
    what: str = ""  # in words: "twitch at 08:12 on Mon 30 Nov"


def entry_id(row: Entry) -> str:
    """The id a person types: e12 (episode), f7 (factor entry), r3, i2, d2026-11-20 (day)."""
    if isinstance(row, Day):
        return format_id(DAY, row.date)
    kind = next(kind for kind, model in ID_MODELS.items() if isinstance(row, model))
    return format_id(kind, row.id)  # type: ignore[arg-type]


def find_entry(*, session: Session, entry: str) -> Entry:
    """The row an id names; InputError for an id that is malformed, or names nothing (then
    with ids that do exist as the hint)."""
    try:
        ref = parse_id(entry)
    except InputError as exc:  # malformed: what an id looks like, with ids that exist as the examples
        raise InputError("id", entry, exc.allowed.replace(ID_ALLOWED, _id_hint(session))) from None
    model = Day if ref.kind == DAY else ID_MODELS[ref.kind]
    row = session.get(model, ref.key)
    if row is None:
        deleted = journal.deleting_action(session, model.__tablename__, ref.key)  # type: ignore[attr-defined]
        if deleted is not None:
            undo = "; `tracker undo` brings it back" if deleted[1] else ""
            raise InputError("id", entry, f"an entry that exists: {entry} was deleted{undo}")
        raise InputError("id", entry, _id_hint(session))
    return row  # type: ignore[return-value]


def _id_hint(session: Session) -> str:
    """What to type instead: ids that exist (the newest few), never made-up examples."""
    newest = [
        row
        for model in (Episode, FactorEntry, RedFlag, Intervention, Day)
        for row in session.exec(select(model).order_by(col(model.created_at).desc()).limit(3))  # type: ignore[attr-defined]
    ]
    newest.sort(key=lambda row: row.created_at, reverse=True)
    if not newest:
        return "an id shown by `tracker list` (nothing is logged yet)"
    return f"an id shown by `tracker list`, such as {', '.join(entry_id(row) for row in newest[:3])}"


def delete_entries(*, session: Session, ids: list[str]) -> list[Removed]:
    """Delete every id or none (an unknown id fails the whole call), as one action that undo restores."""
    rows = list({entry_id(row): row for row in (find_entry(session=session, entry=entry) for entry in ids)}.values())
    factors = {factor.id: factor for factor in list_factors(session=session)}
    phrases = [
        journal.words(row, factor=factors.get(row.factor_id) if isinstance(row, FactorEntry) else None) for row in rows
    ]
    changes = [
        journal.removed(session, table, [_key(row) for row in rows if row.__tablename__ == table])
        for table in dict.fromkeys(row.__tablename__ for row in rows)
    ]
    for row in rows:
        session.delete(row)
    session.flush()
    listed = journal.listing(phrases)
    action_id = journal.record(session, done=f"deleted {listed}", undo=f"restored {listed}", changes=changes)
    return [Removed(entry_id(row), row, action_id, what) for row, what in zip(rows, phrases, strict=True)]


def restore(*, session: Session, removed: list[Removed]) -> str:
    """Put deleted rows back with their ids (the TUI's Undo): undoes the delete's action, even if
    later actions followed it. Returns what was done, in words."""
    done = [journal.undo_action(session, action_id) for action_id in dict.fromkeys(item.action_id for item in removed)]
    session.flush()
    return "; ".join(done)


def last_action(*, session: Session) -> tuple[int, str] | None:
    """What `undo_last` would reverse now: the action's id and what it did, in words ("logged
    stress 4 on Mon 30 Nov"); None when there is nothing to undo."""
    return journal.last_action(session)


def undo_action(*, session: Session, action_id: int) -> str:
    """Reverse this one action (the one a person was shown and confirmed), all of it or none
    (InputError if it was undone already); returns what was done, in words."""
    done = journal.undo_action(session, action_id)
    session.flush()
    return done


def undo_last(*, session: Session) -> str | None:
    """Reverse the last action not yet undone (a log, a delete, an import, ...); returns what was
    done, in words ("restored stress 4 on Mon 30 Nov"), or None when there is nothing to undo."""
    return journal.undo_last(session)


def _key(row: Entry) -> object:
    return row.date if isinstance(row, Day) else row.id


def _get(session: Session, model: type, key: int, what: str):  # type: ignore[no-untyped-def]
    row = session.get(model, key)
    if row is None:
        raise InputError(what, key, "an id that exists (see `tracker list`)")
    return row


def _check_bounds(*bounds: float | None) -> None:
    for bound in bounds:
        if bound is not None and not (math.isfinite(bound) and abs(bound) <= MAX_BOUND):
            raise InputError("--min/--max", bound, f"finite numbers within ±{MAX_BOUND:.0e}")


def _slug(unit: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in unit.lower()).strip("_")
