"""One calendar day as the export, the analysis and the TUI see it. Pure; no pandas, no
database stack.

`None` always means "not logged". An untracked day has every value `None`. Whether a day had
twitches is known only once they were answered for it, by a twitch or a "no twitches"
check-in: a day tracked for something else (a factor, a note, a red flag) keeps its twitch
columns `None` too, and only a checked-in day without twitches has `episodes == 0`.

A DaySummary holds one day's entries. The store fills it with its models (tracker.storage.queries), the
Today screen's first look with plain rows (tracker.storage.glance); the protocols below are what
either must offer.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from tracker.core.vocabulary import DailyRule


@dataclass(frozen=True)
class DailyRow:
    date: dt.date
    tracked: bool  # anything at all logged that day
    episodes: int | None = None  # None: twitches not answered that day (see twitches_answered)
    total_duration_s: int | None = None  # None also when no episode had a duration
    max_intensity: int | None = None
    mean_intensity: float | None = None
    locations: tuple[str, ...] = ()
    factors: dict[str, float | None] = field(default_factory=dict)  # by column name
    red_flags: tuple[str, ...] = ()
    note: str = ""

    @property
    def twitches_answered(self) -> bool:
        """Whether the day's twitches are known: a twitch or a "no twitches" check-in was logged."""
        return self.episodes is not None


class EpisodeShown(Protocol):
    @property
    def id(self) -> int | None: ...
    @property
    def local_started_at(self) -> dt.datetime: ...
    @property
    def location(self) -> str: ...
    @property
    def side(self) -> str: ...
    @property
    def intensity(self) -> int | None: ...
    @property
    def duration_s(self) -> int | None: ...
    @property
    def note(self) -> str: ...


class EntryShown(Protocol):
    @property
    def id(self) -> int | None: ...
    @property
    def factor_id(self) -> int: ...
    @property
    def local_date(self) -> dt.date: ...
    @property
    def value(self) -> float: ...
    @property
    def local_at(self) -> dt.datetime | None: ...
    @property
    def note(self) -> str: ...


class FactorShown(Protocol):
    @property
    def id(self) -> int | None: ...
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def daily_rule(self) -> str: ...


class RedFlagShown(Protocol):
    @property
    def id(self) -> int | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def note(self) -> str: ...


@dataclass(frozen=True)
class FactorTotal:
    factor: FactorShown
    value: float
    entries: int


@dataclass(frozen=True)
class DaySummary:
    """What one day holds, for `make run`'s summary and the TUI's Today screen."""

    date: dt.date
    tracked: bool
    checked_in: bool
    note: str
    episodes: Sequence[EpisodeShown]
    totals: list[FactorTotal]
    unlogged: Sequence[FactorShown]
    entries: Sequence[EntryShown] = ()
    red_flags: Sequence[RedFlagShown] = ()
    twitches_answered: bool = False  # a twitch or a "no twitches" check-in was logged
    # Each twitch's further sites, (location, side) in order, by the twitch's id; a twitch at one site has none.
    further: Mapping[int, Sequence[tuple[str, str]]] = field(default_factory=dict)


def daily_value(rule: str, values: Iterable[float]) -> float | None:
    """A day's value from its timestamped entries (in time order), or None if there are none."""
    values = list(values)
    return daily_reducer(rule)(values) if values else None


# Each rule once, as a function of a day's entries (never empty): reading ten years of diary
# picks the rule once per factor rather than once for each of some 16,000 days' values.
_REDUCERS: dict[DailyRule, Callable[[Sequence[float]], float]] = {
    DailyRule.SUM: lambda values: float(sum(values)),
    DailyRule.MEAN: lambda values: float(sum(values) / len(values)),
    DailyRule.MAX: lambda values: float(max(values)),
    DailyRule.LAST: lambda values: float(values[-1]),
}


def daily_reducer(rule: str) -> Callable[[Sequence[float]], float]:
    """The function that gives a day's value from its entries (a non-empty list, in time order)
    under `rule`; raises ValueError for a rule that is none of DailyRule's."""
    return _REDUCERS[DailyRule(rule)]


def tracked_on(factor: object, day: dt.date) -> bool:
    """The one rule for a factor added to a diary: it is tracked from the day it was added
    (`tracked_from`, lowered to an earlier day logged for it by the readers that see its
    entries) and "not tracked" before: never "no", zero or "not logged yet" on a day it did not
    exist. A factor without the date (the built-ins, ones added before it was kept) always was."""
    since = getattr(factor, "tracked_from", None)
    return since is None or day >= since


def summarize_day(
    day: dt.date,
    *,
    factors: Sequence[FactorShown],
    entries: Sequence[EntryShown],
    episodes: Sequence[EpisodeShown],
    red_flags: Sequence[RedFlagShown],
    checked_in: bool | None,
    note: str,
    further: Mapping[int, Sequence[tuple[str, str]]] | None = None,
) -> DaySummary:
    """One day from its rows (entries in time order); `checked_in` is None when the day has no
    record of its own (no check-in, no note)."""
    grouped: dict[int | None, list[EntryShown]] = defaultdict(list)
    for entry in entries:
        grouped[entry.factor_id].append(entry)
    totals = []
    for factor in factors:
        if values := [entry.value for entry in grouped.get(factor.id, ())]:
            totals.append(FactorTotal(factor, daily_value(factor.daily_rule, values) or 0.0, len(values)))
    return DaySummary(
        date=day,
        tracked=bool(episodes or entries or day_record_holds(checked_in=bool(checked_in), note=note) or red_flags),
        checked_in=bool(checked_in),
        note=note,
        episodes=episodes,
        totals=totals,
        unlogged=[factor for factor in factors if not grouped.get(factor.id) and tracked_on(factor, day)],
        entries=entries,
        red_flags=red_flags,
        twitches_answered=answered_twitches(len(episodes), checked_in=bool(checked_in)),
        further=further or {},
    )


def day_record_holds(*, checked_in: bool, note: str) -> bool:
    """The one rule for a day's own record (its "no twitches" answer and its note): whether it
    says anything. Tracker keeps a record only while it does (a record emptied by a twitch that
    withdrew the answer, or a note cleared, is removed), and a record that says nothing, left by
    an earlier version or another program, never makes its day read as logged."""
    return checked_in or bool(note)


def answered_twitches(episode_count: int, *, checked_in: bool) -> bool:
    """The one rule for "were the day's twitches answered?": a twitch was logged, or the day
    was checked in as having none. Anything else logged that day leaves it unanswered."""
    return episode_count > 0 or checked_in


def date_range(start: dt.date, end: dt.date) -> list[dt.date]:
    """Every calendar day from start to end, inclusive."""
    return [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]
