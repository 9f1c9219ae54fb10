"""How long the twitching has gone on, whether it keeps coming back, and red flags.

Pure Python, no pandas: the TUI's status line uses it on every refresh.

The rule, which charts and the TUI rely on: an active day has at least one episode; a run
is a sequence of active days no more than `gap_tolerance_days + 1` calendar days apart
(so at most 3 days without an episode in between, logged or not); its length is
last - first + 1. The current run is the one whose last active day is at most
`gap_tolerance_days` before the as-of date.

The onset the person gives (`tracker onset`) stands beside the runs, never in them: it dates
the start as remembered, while the runs count only days with a twitch logged. When the current
run is the only twitching logged since that onset, the person says it has gone on since then:
`since_onset` counts those days, and the status (the two-week notice, the four-week warning)
goes by the longer of the two, so no reader says "14-day mark on 8 Dec" of a spell the person
says began a month ago.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from tracker.analysis.config import PersistenceConfig
from tracker.analysis.sites import SiteEntry, SiteStart, site_entries, site_starts
from tracker.analysis.text import LOGGED, SUGGESTED
from tracker.core.formatting import report_date
from tracker.core.vocabulary import Location

MOUTH_AND_CHEEK = frozenset({"cheek", "upper-lip", "lower-lip", "mouth-corner"})
ONE_SIDE = frozenset({"left", "right"})
TOGETHER_DAYS = 2  # days with two sites twitching together before a pattern is suggested (one could be chance)
# What the person is told about a suggested pattern (the CLI, Today, Insights); the clinician's
# report states the pattern's counts and dates without it.
PATTERN_ADVICE = ": worth showing a doctor"
RECURRENT_TWITCHES = 2  # a month counts towards "recurrent" with at least this many twitches


class EpisodeLike(Protocol):
    @property
    def local_date(self) -> dt.date: ...
    @property
    def location(self) -> str: ...
    @property
    def side(self) -> str: ...


class RedFlagLike(Protocol):
    @property
    def date(self) -> dt.date: ...
    @property
    def kind(self) -> str: ...
    @property
    def note(self) -> str: ...


@dataclass(frozen=True)
class Run:
    start: dt.date
    end: dt.date
    days: int  # end - start + 1
    active_days: int  # days with at least one episode

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "days": self.days,
            "active_days": self.active_days,
        }


def find_runs(active_dates: Iterable[dt.date], gap_tolerance_days: int = 3) -> list[Run]:
    """Runs of active days in date order; days more than gap_tolerance_days + 1 apart split."""
    dates = sorted(set(active_dates))
    runs: list[Run] = []
    if not dates:
        return runs
    first = previous = dates[0]
    count = 1
    for date in dates[1:]:
        if (date - previous).days > gap_tolerance_days + 1:
            runs.append(Run(first, previous, (previous - first).days + 1, count))
            first, count = date, 0
        previous = date
        count += 1
    runs.append(Run(first, previous, (previous - first).days + 1, count))
    return runs


@dataclass(frozen=True)
class Persistence:
    """How long the twitching has gone on: `status` is "none" without a current run, else
    "early", "watch" (>= watch_days) or "persistent" (>= threshold_days) by the current run's
    length. tracker.report.wording says it, the same way in every reader."""

    status: str
    current_run: Run | None
    longest_run: Run | None
    watch_days: int
    threshold_days: int
    gap_tolerance_days: int
    recurrent: bool  # twitching in at least recurrent_months calendar months in a row
    recurrent_months: int
    recurrent_twitches: int  # a month counts towards "recurrent" with at least this many twitches
    months_with_episodes: tuple[str, ...]  # "YYYY-MM", in order
    as_of: dt.date | None = None
    onset: dt.date | None = None  # as the person gave it; None: not given
    first_logged: dt.date | None = None  # the first day with a twitch logged, up to as_of
    recent_days: int = 0  # the window counted: the last threshold_days, or fewer since the first entry
    recent_active: int = 0  # days with a twitch logged in that window
    since_onset: int | None = None  # onset given to as_of, counted when longer than the run (see module)
    logged_days: int = 0  # days with a twitch logged, first_logged to as_of: the whole course
    last_logged: dt.date | None = None  # the last day with a twitch logged, up to as_of
    previous_run: Run | None = None  # the run before the current one: a new spell is not a new complaint

    def to_json(self) -> dict[str, Any]:
        """The "persistence" section of `analyze --json`."""
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "onset": self.onset.isoformat() if self.onset else None,
            "first_logged": self.first_logged.isoformat() if self.first_logged else None,
            "recent_days": self.recent_days,
            "recent_active": self.recent_active,
            "since_onset": self.since_onset,
            "logged_days": self.logged_days,
            "last_logged": self.last_logged.isoformat() if self.last_logged else None,
            "previous_run": self.previous_run.as_dict() if self.previous_run else None,
            "status": self.status,
            "current_run": self.current_run.as_dict() if self.current_run else None,
            "longest_run": self.longest_run.as_dict() if self.longest_run else None,
            "watch_days": self.watch_days,
            "threshold_days": self.threshold_days,
            "gap_tolerance_days": self.gap_tolerance_days,
            "recurrent": self.recurrent,
            "recurrent_months": self.recurrent_months,
            "recurrent_twitches": self.recurrent_twitches,
            "months_with_episodes": list(self.months_with_episodes),
        }


def persistence(
    episode_dates: Iterable[dt.date],
    *,
    as_of: dt.date,
    config: PersistenceConfig | None = None,
    onset: dt.date | None = None,
) -> Persistence:
    """Status, current and longest run, recurrence, from the dates with episodes (see
    Persistence), and the `onset` the person gave beside them: the status counts only the days
    logged, so a remembered start never lengthens a run. Episodes after as_of are ignored."""
    config = config or PersistenceConfig()
    dates = [date for date in episode_dates if date <= as_of]  # one per twitch
    active = set(dates)
    runs = find_runs(active, config.gap_tolerance_days)
    current = None
    if runs and (as_of - runs[-1].end).days <= config.gap_tolerance_days:
        current = runs[-1]
    # max() keeps the first of equals; reversed() makes that the most recent.
    longest = max(reversed(runs), key=lambda run: run.days) if runs else None
    months = tuple(sorted({f"{date.year:04d}-{date.month:02d}" for date in active}))
    twitches = Counter(f"{date.year:04d}-{date.month:02d}" for date in dates)
    # A single twitch in a month does not make it a month of twitching: "recurrent" needs more.
    recurring = [month for month in months if twitches[month] >= RECURRENT_TWITCHES]
    first = min(active) if active else None
    # "of the last 28 days" only as far back as the diary goes: days before the first entry
    # were not logged, and are not counted as days without a twitch.
    recent = min(config.threshold_days, (as_of - first).days + 1) if first else 0
    recent_active = sum(1 for date in active if (as_of - date).days < recent)
    onset = onset if onset is None or onset <= as_of else None
    since = _since_onset(onset, current, runs, as_of)
    return Persistence(
        status=_status(max(current.days, since or 0) if current else None, config),
        current_run=current,
        longest_run=longest,
        watch_days=config.watch_days,
        threshold_days=config.threshold_days,
        gap_tolerance_days=config.gap_tolerance_days,
        recurrent=_longest_month_streak(recurring) >= config.recurrent_months,
        recurrent_months=config.recurrent_months,
        recurrent_twitches=RECURRENT_TWITCHES,
        months_with_episodes=months,
        as_of=as_of,
        onset=onset,
        first_logged=first,
        recent_days=recent,
        recent_active=recent_active,
        since_onset=since,
        logged_days=len(active),
        last_logged=max(active) if active else None,
        previous_run=runs[-2] if current and len(runs) > 1 else None,
    )


def _since_onset(onset: dt.date | None, current: Run | None, runs: Sequence[Run], as_of: dt.date) -> int | None:
    """Days from the onset given to as_of when the person's account is longer than the current
    run and no earlier run logged after that onset says the twitching stopped in between."""
    if onset is None or current is None or onset >= current.start:
        return None
    if any(run.end >= onset for run in runs if run != current):
        return None  # the diary shows a spell that ended after the onset: the run counts, not the memory
    return (as_of - onset).days + 1


def _status(length: int | None, config: PersistenceConfig) -> str:
    if length is None:
        return "none"
    if length >= config.threshold_days:
        return "persistent"
    if length >= config.watch_days:
        return "watch"
    return "early"


def _longest_month_streak(months: Sequence[str]) -> int:
    """The most calendar months in a row, among "YYYY-MM" strings in order."""
    best = streak = 0
    previous = None
    for month in months:
        index = int(month[:4]) * 12 + int(month[5:]) - 1
        streak = streak + 1 if previous is not None and index == previous + 1 else 1
        best, previous = max(best, streak), index
    return best


@dataclass(frozen=True)
class RedFlagFinding:
    """A red flag in the period: logged by the person (`source` LOGGED) or suggested by the
    entries (SUGGESTED), never one shown as the other. tracker.report.wording says it."""

    date: dt.date
    kind: str  # a RedFlagKind, or a suggestion's own: "spreading", "hemifacial-pattern"
    name: str  # the kind, or a suggestion's name ("hemifacial-spasm pattern")
    source: str
    note: str

    def to_json(self) -> dict[str, Any]:
        """The `red_flags` entry of `analyze --json`."""
        return {"date": self.date.isoformat(), "kind": self.kind, "name": self.name, "source": self.source,
                "note": self.note}  # fmt: skip


def collect_red_flags(
    *,
    logged: Iterable[RedFlagLike],
    episodes: Iterable[EpisodeLike],
    as_of: dt.date,
    date_from: dt.date | None = None,
    config: PersistenceConfig | None = None,
) -> list[RedFlagFinding]:
    """Logged red flags (in date order, always first; `source` LOGGED), then the ones the
    episodes suggest (`source` SUGGESTED, "suggested by the entries"), each from every site of
    every twitch (tracker.analysis.sites): "spreading" (a new region of the face began while an
    older one went on, or too soon after it last twitched to tell; one that moved is not
    spreading), a one-sided "hemifacial-pattern" (eyelid plus cheek or mouth on the same side, in
    one twitch, or on the same days) and a "both-eyelids-pattern". A twitch logged without a place
    (or a side) is no place at all: it never makes a second place, nor one side of a pattern.

    Both kinds keep to one period, `date_from` (if given) to `as_of`: the suggestions look
    at its last `red_flag_window_days` days only, so none is dated before a logged flag
    that the period leaves out. Spreading is the exception: which site came first, and whether
    the older one went on, is a fact of the whole diary (as the first entry is), so it is judged
    on the last `red_flag_window_days` days up to `as_of` whatever `date_from` is: a short period
    tells the same story as the whole diary up to its end, never the last days' reversed; a spread
    that began before the period is not one of its flags (the report lists earlier flags apart)."""
    config = config or PersistenceConfig()
    logged = list(logged)  # read twice: the flags listed, and whether spreading was logged
    diary_window = as_of - dt.timedelta(days=config.red_flag_window_days - 1)
    window_start = max(diary_window, date_from) if date_from else diary_window
    flags = [
        RedFlagFinding(date=flag.date, kind=str(flag.kind), name=str(flag.kind), source=LOGGED, note=flag.note)
        for flag in sorted(logged, key=lambda flag: flag.date)  # a day's in the order logged, as `list` shows
        if flag.date <= as_of and (date_from is None or flag.date >= date_from)
    ]
    entries = [entry for entry in site_entries(episodes) if entry.local_date <= as_of]
    recent = [entry for entry in entries if window_start <= entry.local_date and entry.location != Location.UNSPECIFIED]
    logged_spreading = any(
        str(flag.kind) == "spreading" and diary_window <= flag.date <= as_of for flag in logged
    )  # one the period leaves out still says it: it is in the report's line of earlier flags
    lately = {(e.location, e.side) for e in entries if diary_window <= e.local_date}
    spreading = _spreading(site_starts(entries, as_of), lately)
    if spreading and not logged_spreading and (date_from is None or spreading.date >= date_from):  # in the period
        flags.append(spreading)
    # Found in the window, dated from the first day in the period the rule was met: the same
    # twitching-together months long is not two weeks old.
    known = [
        e for e in entries if e.location != Location.UNSPECIFIED and (date_from is None or e.local_date >= date_from)
    ]
    flags += [flag for flag in (_hemifacial(recent, known), _both_eyelids(recent, known)) if flag]
    return flags


# Sites of one facial region: the lips and the corner of the mouth are one muscle ring
# (orbicularis oris), so a lip twitch moving from the upper to the lower lip is not spreading.
REGIONS = {"eyelid": "eye", "upper-lip": "mouth", "lower-lip": "mouth", "mouth-corner": "mouth"}


def _region(location: str) -> str:
    return REGIONS.get(location, location)


def _spreading(starts: Sequence[SiteStart], recent: set[tuple[str, str]]) -> RedFlagFinding | None:
    """A region of the face that began while another region went on twitching (or had last
    twitched too recently to call it stopped), both twitching within the window (`recent`):
    the rule the report's site history reads too (tracker.analysis.sites), so what one calls
    spreading the other never calls moved. Dated the day the new region first twitched."""
    found = []
    for start in starts:
        region = _region(start.site[0])
        if start.site not in recent or region == "other":
            continue  # a place the person did not name ("other") is no region of the face to spread to
        if start.course == "one-off":
            continue  # a twitch there on a single day: the history names it, it is no spread yet
        older = [site for site in (*start.together, *start.going, *start.unsettled)
                 if site in recent and _region(site[0]) not in (region, "other")]  # fmt: skip
        if older:
            found.append((start, older))
    if not found:
        return None
    (start, older), *later = found
    first, new = _region(older[0][0]), _region(start.site[0])
    note = f"twitching in 2 places within two weeks: the {first}, then the {new} from {report_date(start.began)}"
    if any(site in start.going for site in older):
        note += f", while the {first} went on (spreading, not moved)"
    elif older[0] in start.together:
        note += f", the {first} from the same day"
    else:
        since = report_date(start.last[older[0]])
        note += f"; the {first} last twitched {since}, too soon to tell spreading from moving"
    began: dict[str, dt.date] = {}
    for each, _ in later:
        began.setdefault(_region(each.site[0]), each.began)
    for named in (first, new):  # "the mouth, then the eye; later also the mouth" would reverse the story
        began.pop(named, None)
    if began:
        note += "; later also " + ", ".join(f"the {region} ({report_date(day)})" for region, day in began.items())
    return RedFlagFinding(date=start.began, kind="spreading", name="spreading", source=SUGGESTED, note=note)


def _in_one(entries: Sequence[SiteEntry], side: str) -> list[dt.date]:
    """The day of each twitch that pulled the eyelid and the cheek or mouth on `side` at once."""
    parts: dict[int, set[tuple[str, str]]] = {}
    for entry in entries:
        part = _part(entry.side, entry.location)
        if part is not None:
            parts.setdefault(entry.twitch, set()).add(part)
    dated = {entry.twitch: entry.local_date for entry in entries}
    return sorted(dated[key] for key, found in parts.items() if {(side, "eye"), (side, "lower")} <= found)


def _same_days(entries: Sequence[SiteEntry], side: str) -> list[dt.date]:
    together = _days_with(entries, _part)
    return sorted(together.get((side, "eye"), set()) & together.get((side, "lower"), set()))


def _hemifacial(recent: Sequence[SiteEntry], known: Sequence[SiteEntry]) -> RedFlagFinding | None:
    """The eyelid and the cheek or mouth on one side pulled in one twitch (the key sign: once is
    enough), or twitching on the same day on at least TOGETHER_DAYS days of the window: eye and
    mouth together is the sign of hemifacial spasm. An eyelid one week and a cheek the next is not
    it (that is spreading or migrating). Found in the window (`recent`), dated the day the rule was
    first met in `known` (the period up to its end), and counted since then."""
    for side in sorted(ONE_SIDE):
        if _in_one(recent, side):
            in_one = _in_one(known, side)
            return RedFlagFinding(
                date=in_one[0],
                kind="hemifacial-pattern",
                name="hemifacial-spasm pattern",
                source=SUGGESTED,
                note=f"{side} eyelid and {side} cheek or mouth in one twitch, {_times(len(in_one))} "
                f"since {report_date(in_one[0])}, the last two weeks included{PATTERN_ADVICE}",
            )
        if len(_same_days(recent, side)) >= TOGETHER_DAYS:
            days = _same_days(known, side)
            return RedFlagFinding(
                date=days[TOGETHER_DAYS - 1],
                kind="hemifacial-pattern",
                name="hemifacial-spasm pattern",
                source=SUGGESTED,
                note=f"{side} eyelid and {side} cheek or mouth twitching on the same day, on {len(days)} days "
                f"since {report_date(days[0])}, the last two weeks included{PATTERN_ADVICE}",
            )
    return None


def _part(side: str, location: str) -> tuple[str, str] | None:
    """(side, "eye") for an eyelid, (side, "lower") for the cheek or mouth, None elsewhere."""
    return (side, "eye") if location == "eyelid" else (side, "lower") if location in MOUTH_AND_CHEEK else None


def _times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"


def _eyelid_days(entries: Sequence[SiteEntry]) -> list[dt.date]:
    eyes = _days_with(entries, lambda side, place: (side, "eye") if place == "eyelid" else None)
    both = eyes.get(("both", "eye"), set()) | (eyes.get(("left", "eye"), set()) & eyes.get(("right", "eye"), set()))
    return sorted(both)


def _both_eyelids(recent: Sequence[SiteEntry], known: Sequence[SiteEntry]) -> RedFlagFinding | None:
    """Both eyelids twitching on the same day, on at least TOGETHER_DAYS days of the window: the
    pattern of blepharospasm, named as its own (it is not one-sided). Dated and counted as
    _hemifacial's is: from the day the rule was first met in `known`."""
    if len(_eyelid_days(recent)) < TOGETHER_DAYS:
        return None
    days = _eyelid_days(known)
    return RedFlagFinding(
        date=days[TOGETHER_DAYS - 1],
        kind="both-eyelids-pattern",
        name="both-eyelids pattern",
        source=SUGGESTED,
        note=f"both eyelids twitching on the same day, on {len(days)} days since {report_date(days[0])}, "
        f"the last two weeks included{PATTERN_ADVICE}",
    )


def _days_with(
    recent: Sequence[SiteEntry], key: Callable[[str, str], tuple[str, str] | None]
) -> dict[tuple[str, str], set[dt.date]]:
    """The days each (side, part) twitched; `key` names the part of a place (None: not counted)."""
    days: dict[tuple[str, str], set[dt.date]] = {}
    for episode in recent:
        side, location = str(episode.side), str(episode.location)
        if location not in MOUTH_AND_CHEEK and location != "eyelid":
            continue
        part = key(side, location)
        if part is not None:
            days.setdefault(part, set()).add(episode.local_date)
    return days
