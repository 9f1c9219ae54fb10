"""The one storage API the CLI and the TUI call: keyword-only functions that return models.

Every function works inside the caller's session (one transaction, see db.session_scope) and
validates its input, raising InputError that names the field, the value and what is allowed.
Every write records what it did in the action journal (tracker.storage.journal), in the same
transaction, so `tracker undo` and the TUI's undo reverse exactly it. Reads that build whole
days live in tracker.storage.queries. Factors and presets (tracker.storage.factors) and entries by
id, delete and undo (tracker.storage.removal), interventions and planned experiments
(tracker.storage.interventions) have files of their own and are called through here.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict, TypeVar

from sqlmodel import Session, col, func, select

from tracker.core import validate
from tracker.core.daily import day_record_holds
from tracker.core.factor_rules import refuse_foreign_definition
from tracker.core.formatting import amount_words
from tracker.core.sites import check_sites
from tracker.core.vocabulary import NOTHING_TO_REPEAT, Location, Side
from tracker.core.when import local_now  # the clock, when a caller passes none
from tracker.errors import InputError
from tracker.storage import diary_facts, episode_sites, journal, journal_words
from tracker.storage.episode_sites import further_sites
from tracker.storage.factors import (
    MAX_BOUND,
    add_factor,
    allowed_values,
    check_day_total,
    check_factor_value,
    factor_bounds,
    get_factor,
    get_preset,
    list_factors,
    list_presets,
    set_preset,
    update_factor,
)
from tracker.storage.interventions import (
    list_interventions,
    plan_intervention,
    start_intervention,
    stop_intervention,
)
from tracker.storage.models import (
    Day,
    Episode,
    EpisodeCreate,
    EpisodeUpdate,
    Factor,
    FactorEntry,
    FactorEntryCreate,
    RedFlag,
    RedFlagCreate,
    join_tags,
    utc_now,
)
from tracker.storage.removal import (
    Entry,
    Removed,
    delete_entries,
    entry_id,
    find_entry,
    last_action,
    restore,
    undo_action,
    undo_last,
)

MAX_DURATION_S = validate.LONGEST_TWITCH_S
Row = TypeVar("Row", Episode, FactorEntry)  # the rows an edit looks up by id


class EpisodeColumns(TypedDict):
    """An episode's stored columns, each checked (episode_fields)."""

    started_at: dt.datetime
    utc_offset_min: int
    local_date: dt.date
    location: str
    side: str
    intensity: int | None
    duration_s: int | None
    context: str
    relief: str
    note: str


# The storage API is this module: the factor and id functions live in their own files and are
# called through here.
__all__ = [
    "MAX_BOUND",
    "MAX_DURATION_S",
    "NOTHING_TO_REPEAT",
    "Entry",
    "Removed",
    "add_episode",
    "add_factor",
    "add_factor_entry",
    "add_red_flag",
    "allowed_values",
    "check_factor_value",
    "check_in",
    "delete_entries",
    "entry_id",
    "episode_defaults",
    "episode_fields",
    "factor_bounds",
    "find_entry",
    "further_sites",
    "get_factor",
    "get_preset",
    "last_action",
    "last_factor_entry",
    "list_factors",
    "list_interventions",
    "list_presets",
    "plan_intervention",
    "repeated_sites",
    "restore",
    "set_day_note",
    "set_preset",
    "start_intervention",
    "stop_intervention",
    "undo_action",
    "undo_last",
    "update_episode",
    "update_factor",
    "update_factor_entry",
]


# --- episodes --------------------------------------------------------------------------------


def episode_defaults(*, session: Session, at: dt.datetime) -> tuple[Location, Side, int | None]:
    """The location, side and intensity a twitch at `at` (aware) starts from: those of the
    latest twitch by time on or before `at`, not of the one typed last (a backfilled Tuesday
    must not become today's default). Unspecified location and side and no intensity (None)
    when there is none before it."""
    last = _latest_twitch(session, at)
    if last is None:
        return NOTHING_TO_REPEAT
    if last.intensity is not None and not isinstance(last.intensity, int):
        # Only an edit from outside tracker puts text here. Repeating it would blame the new
        # twitch for it; failing here lets the command name the stored row instead.
        raise TypeError(f"episode {last.id}: intensity {last.intensity!r} is not a number")
    return Location(last.location), Side(last.side), last.intensity


def repeated_sites(*, session: Session, at: dt.datetime) -> list[tuple[Location, Side]]:
    """The further sites of the twitch `episode_defaults` repeats (the latest by time on or
    before `at`), in order: a twitch logged with no place repeats the whole set of sites, not
    its first alone. Empty when it had one site, or there is none before `at`."""
    from tracker.storage.episode_sites import further_sites

    last = _latest_twitch(session, at)
    if last is None:
        return []
    return [(Location(place), Side(side)) for place, side in further_sites(session=session, episode_ids=[last.id])
            .get(last.id or 0, [])]  # fmt: skip


def _latest_twitch(session: Session, at: dt.datetime) -> Episode | None:
    latest = (
        select(Episode)
        .where(col(Episode.started_at) <= at.astimezone(dt.UTC))
        .order_by(col(Episode.started_at).desc(), col(Episode.id).desc())
        .limit(1)
    )
    return session.exec(latest).first()


def add_episode(*, session: Session, episode_in: EpisodeCreate, now: dt.datetime | None = None) -> Episode:
    """Validate and store one twitch, with its further sites. A "no twitches" answer for its day
    is withdrawn in the same action (the twitch answers the day now), so the diary never says both."""
    fields = episode_fields(episode_in, now or local_now())
    further = check_sites((fields["location"], fields["side"]), episode_in.also_sites)
    episode = Episode(**fields)
    session.add(episode)
    session.flush()
    assert episode.id is not None  # flushed
    sites_added = episode_sites.add_sites(session, episode.id, further)
    done, undo = journal_words.logged(journal.words(episode))
    changes = [journal.added("episode", [episode.id]), *([sites_added] if sites_added else [])]
    journal.record(session, done=done, undo=undo, changes=changes)  # undo removes the sites, then the twitch
    _withdraw_no_twitches(session, episode.local_date)
    return episode


def _withdraw_no_twitches(session: Session, day: dt.date) -> None:
    record = session.get(Day, day)
    if record is None or not record.checked_in:
        return
    if not day_record_holds(checked_in=False, note=record.note):
        # The answer was all the record held: it goes, so no day reads as logged with nothing in it.
        before = journal.removed(session, "day", [day])
        session.delete(record)
    else:
        before = journal.changed(session, "day", [day])
        record.checked_in = False
        session.add(record)
    session.flush()
    done, undo = journal_words.withdrew_no_twitches(day)
    journal.record(session, done=done, undo=undo, changes=[before])


def update_episode(
    *, session: Session, episode_id: int, changes: EpisodeUpdate, now: dt.datetime | None = None
) -> Episode:
    """The episode with `changes` applied, every field checked again against `now`."""
    episode = _get(session, Episode, episode_id, "episode")
    before, what = journal.changed(session, "episode", [episode_id]), journal.words(episode)
    stored_sites = episode_sites.further_sites(session=session, episode_ids=[episode_id]).get(episode_id, [])
    current = EpisodeCreate(
        started_at=episode.local_started_at,
        location=Location(episode.location),
        side=Side(episode.side),
        intensity=episode.intensity,
        duration_s=episode.duration_s,
        context=episode.context_tags,
        relief=episode.relief_tags,
        note=episode.note,
        also_sites=[(Location(location), Side(side)) for location, side in stored_sites],
    )
    # Only what the edit names changes: further sites not named stay as they are.
    merged = current.model_copy(update=changes.model_dump(exclude_unset=True))
    fields = episode_fields(merged, now or local_now())
    further = check_sites((fields["location"], fields["side"]), merged.also_sites)
    for key, value in fields.items():
        setattr(episode, key, value)
    session.add(episode)
    session.flush()
    site_changes = []
    if further != stored_sites:
        site_changes = [
            episode_sites.remove_sites(session, [episode_id]),
            episode_sites.add_sites(session, episode_id, further),
        ]
    journal.record(session, done=f"edited {what}", undo=f"put back {what} as it was before the edit",
                   changes=[before, *(change for change in site_changes if change)])  # fmt: skip
    _withdraw_no_twitches(session, episode.local_date)  # moved onto a day answered "no twitches"
    return episode


def episode_fields(episode_in: EpisodeCreate, now: dt.datetime) -> EpisodeColumns:
    """An episode's stored columns, every field checked (InputError names the first bad one).

    The importer passes a plain tuple with EpisodeCreate's fields: building a pydantic model
    for each of a million rows would cost more than the rest of the import.
    """
    started = validate.moment("at", episode_in.started_at, now)
    offset = started.utcoffset()
    assert offset is not None
    duration = episode_in.duration_s
    if duration is not None:
        duration = validate.twitch_duration(duration)
    intensity = episode_in.intensity
    if intensity is not None:
        intensity = validate.intensity(intensity)
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


def add_factor_entry(
    *, session: Session, entry_in: FactorEntryCreate, now: dt.datetime | None = None, in_place: bool = False
) -> FactorEntry:
    """One timestamped (or date-only) value; the day's value follows the factor's daily rule.
    With `in_place`, the value takes the place of the day's entries of the factor (a night's
    sleep corrected): they are removed in the same action, so undo puts them back."""
    now = now or local_now()
    factor = get_factor(session=session, name=entry_in.factor)
    refuse_foreign_definition(factor)
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
    if in_place:
        _remove_day_entries(session, factor, fields["local_date"])  # type: ignore[arg-type]  # a date, set above
    check_day_total(session, factor, fields["local_date"], value)
    entry = FactorEntry(factor_id=factor.id, value=value, note=validate.note("note", entry_in.note), **fields)  # type: ignore[arg-type]  # fields: one of two literal shapes above
    session.add(entry)
    session.flush()
    journal.record_added(session, "factor_entry", entry.id, journal.words(entry, factor=factor))
    return entry


def _remove_day_entries(session: Session, factor: Factor, day: dt.date) -> None:
    """Remove the factor's entries on `day`, journalled in the caller's action (undo restores them)."""
    gone = list(
        session.exec(select(FactorEntry).where(FactorEntry.factor_id == factor.id, col(FactorEntry.local_date) == day))
    )
    if not gone:
        return
    change = journal.removed(session, "factor_entry", [entry.id for entry in gone])
    listed = journal.listing([journal.words(entry, factor=factor) for entry in gone])
    for entry in gone:
        session.delete(entry)
    session.flush()
    journal.record(session, done=f"replaced {listed}", undo=f"restored {listed}", changes=[change])


def update_factor_entry(*, session: Session, entry_id: int, value: float, note: str | None = None) -> FactorEntry:
    """The factor entry with its new value (and note, when one is given); its time, id and
    creation time stay as they were. Journalled like every write, so `tracker undo` puts the
    old value back."""
    entry = _get(session, FactorEntry, entry_id, "factor entry")
    factor = session.get(Factor, entry.factor_id)
    assert factor is not None  # a foreign key
    refuse_foreign_definition(factor)
    before, was = journal.changed(session, "factor_entry", [entry_id]), journal.words(entry, factor=factor)
    entry.value = check_factor_value(factor, value, field=factor.name)
    check_day_total(session, factor, entry.local_date, entry.value, leaving_out=entry_id)
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


# --- days and red flags ----------------------------------------------------------------------


def check_in(*, session: Session, day: dt.date, today: dt.date | None = None) -> Day:
    """The day marked "no twitches" (tracked, zero episodes). Refused (InputError) on a day that
    has twitches: the diary never says both."""
    day = validate.calendar_day("date", day, today or local_now().date())
    logged = session.exec(select(func.count()).select_from(Episode).where(Episode.local_date == day)).one()
    validate.day_without_twitches(day, logged)
    record = session.get(Day, day)
    # An existing day keeps its note when the check-in is undone: only the old values come back.
    before = journal.changed(session, "day", [day]) if record else None
    record = record or Day(date=day)
    record.checked_in = True
    record.created_at = utc_now()
    session.add(record)
    session.flush()
    done, undo = journal_words.checked_in(day, note_stays=bool(record.note))
    journal.record(session, done=done, undo=undo, changes=[before or journal.added("day", [day])])
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
    if not text and not (existing and existing.checked_in):
        if existing is not None:
            change = journal.removed(session, "day", [day])
            session.delete(existing)
            session.flush()
            done, undo = journal_words.cleared_note(day)
            journal.record(session, done=done, undo=undo, changes=[change])
            return existing
        return Day(date=day)  # nothing to clear: nothing written
    before = journal.changed(session, "day", [day]) if existing else None
    record = existing or Day(date=day)
    record.note = text
    record.created_at = utc_now()
    session.add(record)
    session.flush()
    done, undo = journal_words.noted(day, earlier=earlier)
    journal.record(session, done=done, undo=undo, changes=[before or journal.added("day", [day])])
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
    replaced, noes = diary_facts.replace_noes(session, [(day, kind)])  # the "yes" replaces that day's "no"
    what = journal.words(flag)
    journal.record(
        session,
        done=f"logged {what}" + (" (in place of its 'no' answer)" if replaced else ""),
        undo=(f"put back the note of {what}" if before else f"removed {what}")
        + (", its 'no' answer back" if replaced else ""),
        changes=[*noes, before or journal.added("red_flag", [flag.id])],
    )
    return flag


def _get(session: Session, model: type[Row], key: int, what: str) -> Row:
    row = session.get(model, key)
    if row is None:
        raise InputError(what, key, "an id that exists (see `tracker list`)")
    return row
