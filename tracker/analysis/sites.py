"""Where the twitching was: every site of every twitch, and the one rule that tells a twitch that
spread (new sites while the old ones go on) from one that moved (the old ones stopped).

A twitch may involve several sites at once (its own place and side, then its further sites,
`also`): each site gets a SiteEntry of its own, tied to its twitch, so the site chart, the site
table, per-site persistence and the derived patterns count every site, while counts of twitches
(a day's episodes, the runs) go on counting each twitch once. The red flags
(tracker.analysis.persistence) and the report's history (tracker.report.history_words) both read
`site_starts`, so the two can never call one change "spreading" in one place and "moved" in the
other. Pure Python, no pandas.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple, Protocol

from tracker.core.vocabulary import Location

NEAR_DAYS = 14  # sites twitching within two weeks of each other are one stretch (as the red flags read it)
ENDED_AFTER_DAYS = 4  # a site silent for more than the run's gap tolerance (3 days) has stopped, as logged
# A new site is a spread (or a move) once it has twitched on this many days: one twitch at the cheek
# is worth a line, not the red flag a site that keeps twitching beside the first one is.
SPREAD_MIN_DAYS = 2

Site = tuple[str, str]  # (location, side), as stored


class PlacedTwitch(Protocol):
    @property
    def local_date(self) -> dt.date: ...
    @property
    def location(self) -> str: ...
    @property
    def side(self) -> str: ...


class SiteEntry(NamedTuple):
    """One site of one twitch: a twitch at the eyelid and the mouth corner is two site entries."""

    local_date: dt.date
    location: str
    side: str
    duration_s: int | None
    twitch: int  # the twitch's position among those given: the sites of one twitch share it


def further_of(twitch: PlacedTwitch) -> tuple[Site, ...]:
    """A twitch's further sites (`also`); none for a reading that carries none."""
    return tuple(getattr(twitch, "also", ()) or ())


def site_entries(twitches: Iterable[PlacedTwitch]) -> list[SiteEntry]:
    """Every site of every twitch, its own place and side first, in the order given."""
    # A visit report reads these eight times over (red flags, site chart, history): each entry
    # is built as a plain tuple (a NamedTuple's own constructor is a Python call) and the loop
    # looks nothing up twice, which halves the time on ten years of twitches.
    entries: list[SiteEntry] = []
    add, new = entries.append, tuple.__new__
    for number, twitch in enumerate(twitches):
        day, duration = twitch.local_date, getattr(twitch, "duration_s", None)
        add(new(SiteEntry, (day, str(twitch.location), str(twitch.side), duration, number)))
        for location, side in further_of(twitch):
            add(new(SiteEntry, (day, str(location), str(side), duration, number)))
    return entries


def several_sites(twitches: Iterable[PlacedTwitch]) -> int:
    """How many twitches involved more than one site."""
    return sum(1 for twitch in twitches if further_of(twitch))


@dataclass(frozen=True)
class SiteStart:
    """A placed site that began while (or right after) other sites were twitching: within
    NEAR_DAYS before it began. Each of those is `going` if it twitched again from that day on
    (within NEAR_DAYS), `stopped` if it never did, was seen on more than one day and has been
    silent for more than ENDED_AFTER_DAYS, `unsettled` if silent since but too recently to
    tell. A site seen on a single day that has been silent since is none of these: one twitch
    elsewhere is no site the twitching moved from. Sites that began on the very same day are
    `together`: neither spread from the other. `course` is the one verdict."""

    site: Site
    began: dt.date
    together: tuple[Site, ...]
    going: tuple[Site, ...]
    stopped: tuple[Site, ...]
    unsettled: tuple[Site, ...]
    last: dict[Site, dt.date]  # each earlier site's last day, as logged up to the date asked
    days_seen: int = SPREAD_MIN_DAYS  # the days the new site twitched, up to the date asked

    @property
    def course(self) -> str:
        """One verdict for the new site: "one-off" while it has twitched on fewer than
        SPREAD_MIN_DAYS days (beside sites that went on, stopped or were too briefly quiet),
        else "spreading" if any earlier site went on, else "unsettled" if one was quiet too
        briefly to tell, "moved" only when every earlier site had stopped, else "together" (or
        "" when only one-off twitches came before it)."""
        if self.days_seen < SPREAD_MIN_DAYS and (self.going or self.unsettled or self.stopped):
            return "one-off"
        if self.going:
            return "spreading"
        if self.unsettled:
            return "unsettled"
        if self.stopped:
            return "moved"
        return "together" if self.together else ""


def has_stopped(days: Collection[dt.date], as_of: dt.date) -> bool:
    """Whether a site with twitches on these days had stopped by `as_of`: seen on more than one
    day (one twitch elsewhere is no site that stopped) and silent for more than ENDED_AFTER_DAYS."""
    return len(days) > 1 and (as_of - max(days)).days > ENDED_AFTER_DAYS


def site_starts(entries: Sequence[SiteEntry], as_of: dt.date) -> list[SiteStart]:
    """The sites (placed ones only: a twitch logged without a place is no site that spread or
    moved) that began near others, in the order they began, from the entries up to `as_of`.
    Sites that began on the same day are taken in the order they were logged."""
    days: dict[Site, set[dt.date]] = defaultdict(set)
    for entry in sorted(entries, key=itemgetter(0, 4)):  # by (local_date, twitch), without a call each
        if entry.local_date <= as_of and entry.location != Location.UNSPECIFIED:
            days[(entry.location, entry.side)].add(entry.local_date)
    order = list(days)  # first twitched first (dicts keep the order of insertion)
    starts = []
    for index, site in enumerate(order):
        began = min(days[site])
        near = [other for other in order[:index] if any(0 <= (began - day).days <= NEAR_DAYS for day in days[other])]
        if not near:
            continue  # a site alone, or one that came back after a quiet spell: nothing to say
        together = tuple(other for other in near if min(days[other]) == began)
        near = [other for other in near if other not in together]
        going = tuple(other for other in near if any(0 <= (day - began).days <= NEAR_DAYS for day in days[other]))
        silent = [other for other in near if max(days[other]) < began]
        stopped = tuple(other for other in silent if has_stopped(days[other], as_of))
        # A one-off long quiet is neither: it never stopped, and it is too late for it to go on.
        unsettled = tuple(other for other in silent if (as_of - max(days[other])).days <= ENDED_AFTER_DAYS)
        if not (together or going or stopped or unsettled):
            continue  # only one-off twitches elsewhere before it: neither spread nor moved
        last = {other: max(days[other]) for other in near}
        starts.append(SiteStart(site, began, together, going, stopped, unsettled, last, len(days[site])))
    return starts
