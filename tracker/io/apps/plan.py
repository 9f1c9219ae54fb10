"""What an import would do to the diary: compared, not yet written.

The rule for a day and a factor (or its note):
- the diary has nothing: the import adds its readings;
- the person logged it (in tracker, or another app brought it): the person's entry stays and
  the difference is a conflict, unless `--prefer import`; the same value is no conflict;
- an earlier import from the same app brought it: kept when the same, replaced when the
  export now says otherwise (a newer export of the same history); an older export (by its
  date, else its last day, against the journal's record of earlier imports) is a conflict.
Twitches are matched one for one by the minute they started: the diary's stay, the file's at
other minutes are added; a day answered "no twitches" is the conflict (`--prefer import`
withdraws the answer). The person's twitches are never removed.
So a second import of the same file finds everything already there and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from tracker.core import validate
from tracker.core.daily import daily_value
from tracker.core.factor_rules import caps_day_total, refuse_foreign_definition
from tracker.core.formatting import amount_words, plural
from tracker.core.sources import source_app
from tracker.core.vocabulary import DailyRule, FactorKind
from tracker.errors import InputError
from tracker.io.apps.import_history import first_imported_day, newer_import
from tracker.io.apps.mapping import Target
from tracker.io.apps.note_origin import notes_set_by_import
from tracker.io.apps.readings import Parsed, Reading
from tracker.storage.factors import check_factor_value, list_factors
from tracker.storage.models import Day, Episode, Factor, FactorEntry


@dataclass(frozen=True)
class Conflict:
    day: dt.date
    what: str  # "sleep", "twitches", "note"
    diary: str
    imported: str
    whose: str = "yours"  # whose the diary's value is: "yours", "oura's", "the newer export's"
    replaced: bool = False  # the file's value replaced the diary's (an earlier import's) all the same

    def words(self, *, prefer_import: bool) -> str:
        kept = "took the file's" if prefer_import or self.replaced else f"kept {self.whose}"
        return f"{self.day} {self.what}: {self.whose} {self.diary}, the file's {self.imported} — {kept}"


def _whose(entries: list[FactorEntry] | list[Episode]) -> str:
    """Whose stored values these are: the person's, or the app's that brought them."""
    apps = sorted({source_app(e.source) for e in entries} - {""})
    return "yours" if not apps else " and ".join(f"{app}'s" for app in apps)


@dataclass
class ImportPlan:
    source: str
    prefer_import: bool
    factors_to_create: list[Factor] = field(default_factory=list)
    entries: list[tuple[Factor, Reading, float]] = field(default_factory=list)
    remove_entries: list[int] = field(default_factory=list)
    episodes: list[tuple[Reading, str]] = field(default_factory=list)  # reading, location
    remove_episodes: list[int] = field(default_factory=list)
    withdraw_checkins: list[dt.date] = field(default_factory=list)
    notes: dict[dt.date, str] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: int = 0  # day-values the diary already had
    # The last day this app's earlier imports brought, when this file is an older export than
    # theirs: then it replaces none of their values (a conflict instead, unless --prefer import).
    newer_import: dt.date | None = None
    # The first day this app's earlier imports brought: from it to `newer_import` the newer export
    # spoke of every day, so what it no longer has on them was removed there, not never known.
    newer_from: dt.date | None = None
    as_of: dt.date | None = None  # how recent this export is (Parsed.as_of)
    days: set[dt.date] = field(default_factory=set)  # days the file speaks of
    per_factor: Counter[str] = field(default_factory=Counter)  # entries the file has, by factor
    mapped_out: Counter[str] = field(default_factory=Counter)  # readings the mapping sends nowhere, by item

    def newer_export_covers(self, day: dt.date) -> bool:
        """Whether `day` is one an export newer than this file spoke of (so this one adds nothing to it)."""
        if self.newer_import is None or self.newer_from is None:
            return False
        return self.newer_from <= day <= self.newer_import

    @property
    def changes_anything(self) -> bool:
        return bool(self.entries or self.remove_entries or self.episodes or self.remove_episodes or self.notes)


def plan_import(
    *, session: Session, parsed: Parsed, targets: dict[str, Target], source: str, prefer_import: bool
) -> ImportPlan:
    """Compare what the file says, mapped by `targets`, with the diary; returns the plan.
    InputError names the first reading whose value its factor cannot take."""
    plan = ImportPlan(source=source, prefer_import=prefer_import)
    factors = _Factors(list_factors(session=session), plan)
    by_factor: dict[tuple[str, dt.date], list[tuple[Reading, float]]] = defaultdict(list)
    twitches: dict[dt.date, list[tuple[Reading, str]]] = defaultdict(list)
    notes: dict[dt.date, list[tuple[str, str]]] = defaultdict(list)  # (time, text): told in time order
    for reading in parsed.readings:
        target = targets[reading.item]
        if target.to == "skip":
            plan.mapped_out[reading.item] += 1
        else:
            plan.days.add(reading.day)
        match target.to:
            case "factor":
                factor = factors.resolve(target, reading)
                value = target.amount if target.amount is not None else reading.value
                if value is None:
                    value = _done(factor, reading)
                value = check_factor_value(factor, value, field=f"{reading.where}: {reading.item}")
                by_factor[(factor.name, reading.day)].append((reading, value))
                plan.per_factor[factor.name] += 1
            case "episode":
                if reading.at is None:
                    raise InputError(
                        f"{reading.where}: {reading.item}", "a day without a time",
                        "a twitch needs its time: map this item to a factor, like "
                        f'{{ to = "factor", factor = "{reading.item.lower().replace(" ", "_")}", kind = "yes-no" }}',
                    )  # fmt: skip
                twitches[reading.day].append((reading, target.location))
            case "note":
                # An item sent to the note without words of its own (an activity) is named there.
                notes[reading.day].append((_instant(reading.at), reading.text.strip() or reading.item))
    _leave_out_days_over_the_cap(parsed, plan, factors, by_factor)
    app = source_app(source)
    if plan.days:
        first, last = min(plan.days), max(plan.days)
        plan.as_of = parsed.as_of()
        plan.newer_import = newer_import(session, app, plan.as_of)
        if plan.newer_import is not None:
            plan.newer_from = first_imported_day(session, app)
        _plan_factors(session, plan, factors, by_factor, app, first, last)
        _plan_twitches(session, plan, twitches, app, first, last)
        _plan_notes(session, plan, notes, app, first, last)
    return plan


def _leave_out_days_over_the_cap(
    parsed: Parsed,
    plan: ImportPlan,
    factors: _Factors,
    by_factor: dict[tuple[str, dt.date], list[tuple[Reading, float]]],
) -> None:
    """Drop each day whose readings pass what a day of that factor holds (`log`'s rule: no day
    has 3000 mg of caffeine), counted as skipped with its values: a typo or a doubled source,
    never stored, and the diary's own export of it would be refused on import."""
    for (name, day), found in list(by_factor.items()):
        factor = factors.by_name[name]
        values = [value for _, value in found]
        total = daily_value(factor.daily_rule, values)
        if caps_day_total(factor) and factor.max_value is not None and (total or 0) > factor.max_value:
            del by_factor[(name, day)]
            plan.per_factor[name] -= len(found)
            shown = " + ".join(_amount(value, factor) for value in values)
            cap = _amount(factor.max_value, factor)
            parsed.skip(f"days over what a day of {name} holds ({cap}; not imported)", f"{day}: {shown}")


def _done(factor: Factor, reading: Reading) -> float:
    """The value of an item the export only says was done (a Daylio activity): yes, for a yes-no
    factor. Any other factor would get a made-up 1 (1 unit, 1 on a scale), so the mapping is
    refused, saying how to give the amount."""
    if factor.kind == FactorKind.YES_NO:
        return 1.0
    example = f'{{ to = "factor", factor = "{factor.name}", amount = 1 }}'
    raise InputError(
        f"mapping {reading.item}",
        factor.name,
        f"a yes-no factor ({reading.item} is only ticked, it has no amount), or an amount for each time, "
        f"like {example} for {amount_words(1, factor.unit, factor.kind)}",
    )


class _Factors:
    """The diary's factors by name, and the ones the import will create."""

    def __init__(self, existing: list[Factor], plan: ImportPlan) -> None:
        self.by_name = {f.name: f for f in existing} | {f.column: f for f in existing}
        self.plan = plan

    def resolve(self, target: Target, reading: Reading) -> Factor:
        found = self.by_name.get(target.factor)
        if found is not None:
            if found.id is not None:  # a stored row, not one this import makes
                refuse_foreign_definition(found)
            _same_settings(found, target, reading.item)
            return found
        validate.name(f"mapping {reading.item}: factor", target.factor)
        kind = FactorKind(target.kind or (FactorKind.YES_NO if reading.value is None else FactorKind.NUMBER))
        low, high, rule = {
            FactorKind.YES_NO: (0.0, 1.0, DailyRule.MAX),
            FactorKind.SCALE: (target.min, target.max, DailyRule.MEAN),
            FactorKind.NUMBER: (target.min or 0.0, target.max or 1_000_000.0, DailyRule.SUM),
        }[kind]
        if low is None or high is None or not low < high:
            raise InputError(f"mapping {reading.item}", target.factor, "a scale with min < max, like min = 1, max = 5")
        factor = Factor(name=target.factor, column=target.factor, kind=kind.value, unit=target.unit,
                        min_value=low, max_value=high, daily_rule=rule.value)  # fmt: skip
        self.by_name[factor.name] = factor
        self.plan.factors_to_create.append(factor)
        return factor


def _same_settings(factor: Factor, target: Target, item: str) -> None:
    """A mapping's unit or kind for a factor the diary has must be the factor's own: the values
    are stored in its unit, so "g" for caffeine in mg would be read as mg."""
    for key, given, own in (("unit", target.unit, factor.unit), ("kind", target.kind, factor.kind)):
        if given and given != own:
            raise InputError(
                f"mapping {item}.{key}", given,
                f"{factor.name}'s own {key} ({own or 'none'}), or no {key}: the diary has {factor.name}",
            )  # fmt: skip


def _plan_factors(
    session: Session,
    plan: ImportPlan,
    factors: _Factors,
    by_factor: dict[tuple[str, dt.date], list[tuple[Reading, float]]],
    app: str,
    first: dt.date,
    last: dt.date,
) -> None:
    ids = {f.id: f for f in factors.by_name.values() if f.id is not None}
    stored: dict[tuple[str, dt.date], list[FactorEntry]] = defaultdict(list)
    for entry in session.exec(
        select(FactorEntry).where(
            col(FactorEntry.factor_id).in_(list(ids)), col(FactorEntry.local_date).between(first, last)
        )
    ):
        stored[(ids[entry.factor_id].name, entry.local_date)].append(entry)
    for (name, day), found in sorted(by_factor.items(), key=lambda pair: (pair[0][1], pair[0][0])):
        factor = factors.by_name[name]
        theirs = [e for e in stored.get((name, day), []) if source_app(e.source) != app]
        ours = [e for e in stored.get((name, day), []) if source_app(e.source) == app]
        new = daily_value(factor.daily_rule, [value for _, value in found])
        if theirs:
            kept = daily_value(factor.daily_rule, [e.value for e in theirs])
            if _same(kept, new):
                plan.unchanged += 1
                continue
            plan.conflicts.append(Conflict(day, name, _amount(kept, factor), _amount(new, factor), _whose(theirs)))
            if not plan.prefer_import:
                continue
        elif ours and sorted((_instant(e.at), e.value) for e in ours) == sorted((_instant(r.at), v) for r, v in found):
            plan.unchanged += 1
            continue
        elif (ours and plan.newer_import is not None) or (not ours and plan.newer_export_covers(day)):
            kept = daily_value(factor.daily_rule, [e.value for e in ours])
            plan.conflicts.append(Conflict(day, name, _amount(kept, factor), _amount(new, factor), _NEWER))
            if not plan.prefer_import:
                continue
        # Replaced: the person's entries (only when the import is preferred) and an earlier import's.
        plan.remove_entries += [e.id for e in (theirs if plan.prefer_import else []) + ours if e.id is not None]
        plan.entries += [(factor, reading, value) for reading, value in found]


def _plan_twitches(
    session: Session,
    plan: ImportPlan,
    twitches: dict[dt.date, list[tuple[Reading, str]]],
    app: str,
    first: dt.date,
    last: dt.date,
) -> None:
    if not twitches:
        return
    stored: dict[dt.date, list[Episode]] = defaultdict(list)
    for episode in session.exec(select(Episode).where(col(Episode.local_date).between(first, last))):
        stored[episode.local_date].append(episode)
    checked = set(session.exec(select(col(Day.date)).where(col(Day.checked_in), col(Day.date).between(first, last))))
    for day, found in sorted(twitches.items()):
        theirs = [e for e in stored.get(day, []) if source_app(e.source) != app]
        ours = [e for e in stored.get(day, []) if source_app(e.source) == app]
        if day in checked and not theirs:
            # The person answered "no twitches": a contradiction, not a new twitch.
            plan.conflicts.append(Conflict(day, "twitches", "no twitches", plural(len(found), "twitch")))
            if not plan.prefer_import:
                continue
            plan.withdraw_checkins.append(day)
        # Twitches are matched one for one by the minute they started: the person's (or another
        # app's) stay as they are, and the file's at other times are twitches of their own.
        new = _unmatched(found, theirs)
        plan.unchanged += len(found) - len(new)
        if ours and sorted(_minute(e.started_at) for e in ours) == sorted(_minute(r.at) for r, _ in new):
            plan.unchanged += len(new)
            continue
        if new and ((ours and plan.newer_import is not None) or (not ours and plan.newer_export_covers(day))):
            said, told = plural(len(ours), "twitch"), plural(len(new), "twitch")
            plan.conflicts.append(Conflict(day, "twitches", said, told, _NEWER))
            if not plan.prefer_import:
                continue
        # An earlier import of this app said otherwise: the newer export's twitches replace its.
        plan.remove_episodes += [e.id for e in ours if e.id is not None]
        plan.episodes += new


_NEWER = "the newer export's"


def export_words(app: str, as_of: dt.date | None) -> str:
    """How the journal says which export an import read ("apple-health export of 2026-11-20"),
    so a later import can tell whether it is older; "" when the export's date is unknown."""
    return f" ({app} export of {as_of})" if as_of is not None else ""


def _unmatched(found: list[tuple[Reading, str]], stored: list[Episode]) -> list[tuple[Reading, str]]:
    """The file's twitches that no stored twitch of the same minute answers, one for one."""
    left = Counter(_minute(e.started_at) for e in stored)
    new = []
    for reading, location in found:
        minute = _minute(reading.at)
        if left[minute] > 0:
            left[minute] -= 1
        else:
            new.append((reading, location))
    return new


def _plan_notes(
    session: Session,
    plan: ImportPlan,
    notes: dict[dt.date, list[tuple[str, str]]],
    app: str,
    first: dt.date,
    last: dt.date,
) -> None:
    """A day's note as the values are: the person's is kept (a conflict), an earlier import's of
    this app is replaced by a newer export and kept against an older one."""
    if not notes:
        return
    stored = {day.date: day.note for day in session.exec(select(Day).where(col(Day.date).between(first, last)))}
    differing = [day for day, _ in notes.items() if stored.get(day)]
    apps = notes_set_by_import(session, app, differing) if differing else set()
    for day, texts in sorted(notes.items()):
        text = " / ".join(text for _, text in sorted(texts))
        kept = stored.get(day, "")
        if kept == text:
            plan.unchanged += 1
            continue
        if kept and day in apps:
            older = plan.newer_import is not None
            whose = _NEWER if older else f"{app}'s earlier import"
            conflict = Conflict(day, "note", repr(_short(kept)), repr(_short(text)), whose, replaced=not older)
            plan.conflicts.append(conflict)
            if older and not plan.prefer_import:
                continue
        elif kept:
            plan.conflicts.append(Conflict(day, "note", repr(_short(kept)), repr(_short(text))))
            if not plan.prefer_import:
                continue
        plan.notes[day] = text


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) < 1e-9


def _amount(value: float | None, factor: Factor) -> str:
    return amount_words(value, factor.unit, factor.kind) if value is not None else "none"


def _instant(at: dt.datetime | None) -> Any:
    """A time to compare by: stored times come back naive UTC, readings' are aware."""
    if at is None:
        return ""
    return (at.astimezone(dt.UTC) if at.tzinfo else at.replace(tzinfo=dt.UTC)).isoformat()


def _minute(at: dt.datetime | None) -> str:
    """The minute a twitch started, to match by: apps keep times to the minute, tracker to the second."""
    return str(_instant(at))[:16]


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
