"""The history a clinician takes, in the visit report's words: the course over the whole diary,
the burden in twitches and in minutes, and each site and side with its dates and bursts,
telling a twitch that spread (new sites while the old go on) from one that moved (the old
stopped). Small pure functions of the daily rows and the episodes, so tests read them back;
tracker.report.pdf lays them out. Anything worked out from the entries says "derived".
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Protocol

from tracker.analysis.persistence import EpisodeLike
from tracker.analysis.sites import (
    SPREAD_MIN_DAYS,
    SiteEntry,
    SiteStart,
    has_stopped,
    several_sites,
    site_entries,
    site_starts,
)
from tracker.core.daily import DailyRow
from tracker.core.formatting import days, duration_words, place_words, plural, report_date, report_span, rounded
from tracker.storage.models import split_tags

# The rule behind every "spreading" the report derives (tracker.analysis.sites), said where it is used.
SPREAD_RULE = (
    f"Rule: a new site counts as spreading once it has twitched on {SPREAD_MIN_DAYS} days or more while an "
    "earlier one goes on."
)
SCALES = "Scales: twitch intensity 1 (barely noticeable) to 5 (severe); stress 0 (none) to 10 (extreme)."


class TimedEpisode(EpisodeLike, Protocol):
    @property
    def duration_s(self) -> int | None: ...


@dataclass(frozen=True)
class Site:
    label: str
    placed: bool  # False for a twitch logged without a place: never a site that spread or moved
    first: dt.date
    last: dt.date
    twitches: int
    dates: frozenset[dt.date]  # the days it twitched
    durations: list[int]  # seconds, of the twitches that were timed

    @property
    def days(self) -> int:
        return len(self.dates)


def history_lines(
    rows: Sequence[DailyRow],
    episodes: Sequence[TimedEpisode],
    date_to: dt.date,
    *,
    relief: Sequence[tuple[str, int | None]] = (),
    same_minute: tuple[int, int] = (0, 0),
    contexts: Sequence[tuple[dt.date, str]] = (),
    logged_spreads: Sequence[dt.date] = (),
    story: SiteStory | None = None,
) -> list[str]:
    """Page 1's history: the course, the burden (and how far logging one twitch at several
    sites counts it more than once), the relievers tried, then each site and side. A spread
    logged as a red flag (`logged_spreads`, its dates) is said beside what the entries show.
    `story`: site_story(episodes, date_to), when the caller has it already."""
    # Whether it spread or moved goes first: a crowded page cuts the history from its end, and
    # that derived pattern is what a clinician reads the page for.
    story = story or site_story(episodes, date_to)
    return [
        *course_of_sites(story, date_to, logged_spreads),
        *course_lines(rows, date_to),
        *burden_lines(rows),
        *several_sites_lines([e for e in episodes if rows and rows[0].date <= e.local_date <= date_to]),
        *same_minute_lines(*same_minute),
        *relief_lines(relief),
        *context_lines([(day, tags) for day, tags in contexts if day <= date_to]),
        *_site_lines(story, date_to, derived=False),
    ]


def history_summary(
    rows: Sequence[DailyRow],
    episodes: Sequence[TimedEpisode],
    date_to: dt.date,
    *,
    relief: Sequence[tuple[str, int | None]] = (),
    same_minute: tuple[int, int] = (0, 0),
    contexts: Sequence[tuple[dt.date, str]] = (),
    logged_spreads: Sequence[dt.date] = (),
    story: SiteStory | None = None,
) -> list[str]:
    """The same history as `history_lines` in fewer, denser paragraphs, for a page without the
    room for every line: each part joined into one, and each site and side on one line with its
    first and last dates and counts. Nothing is left out. `story` as for `history_lines`."""
    story = story or site_story(episodes, date_to)
    found = story.sites
    parts = [
        course_of_sites(story, date_to, logged_spreads),
        course_lines(rows, date_to),
        [
            *burden_lines(rows),
            *several_sites_lines([e for e in episodes if rows and rows[0].date <= e.local_date <= date_to]),
            *same_minute_lines(*same_minute),
            *relief_lines(relief),
            *context_lines([(day, tags) for day, tags in contexts if day <= date_to]),
        ],
    ]
    lines = [" ".join(part) for part in parts if part]
    if found:
        each = "; ".join(
            f"{site.label} {short_span(site.first, site.last)} ({site.twitches} on {days(site.days)}"
            + (f", median burst {duration_words(round(statistics.median(site.durations)))})" if site.durations else ")")
            for site in found
        )
        lines.append(f"Each site and side, first to last logged (twitches on days): {each}.")
    return lines


def where_line(episodes: Sequence[TimedEpisode], date_to: dt.date, *, story: SiteStory | None = None) -> str:
    """Site and side in one line, the most days first, for a page 1 whose site chart went to a
    later page: "Where (site and side, days twitching, first to last logged): left eyelid 58 days,
    30 Sep–30 Nov 2026; left cheek 1 day, 4 Nov 2026." Empty without a twitch. `story` as for
    `history_lines`."""
    found = sorted((story or site_story(episodes, date_to)).sites, key=lambda site: (-site.days, site.first))
    if not found:
        return ""
    each = "; ".join(f"{site.label} {days(site.days)}, {short_span(site.first, site.last)}" for site in found)
    return f"Where (site and side, days twitching, first to last logged): {each}."


def short_span(first: dt.date, last: dt.date) -> str:
    """ "5 Jun–6 Sep 2026", "3 Nov 2026", "4 Dec 2025–6 Jan 2026": a site's span, short."""
    if first == last:
        return report_date(first)
    if first.year == last.year:
        return f"{report_date(first, year=False)}–{report_date(last)}"
    return f"{report_date(first)}–{report_date(last)}"


def several_sites_lines(episodes: Sequence[EpisodeLike]) -> list[str]:
    """When twitches were logged with several sites at once, how the counts read: a twitch is one
    twitch in every count of twitches, and one site entry at each of its sites."""
    several = several_sites(episodes)
    if not several:
        return []
    return [
        f"{plural(several, 'twitch', 'twitches')} involved several sites at once: each counts once in the twitches "
        "a day, and once at each of its sites below (site entries)."
    ]


def same_minute_lines(moments: int, extra: int) -> list[str]:
    """When a twitch was logged at several sites at the same minute, the report's counts (one
    per site logged) exceed the twitches felt; said once, with by how much."""
    if not moments:
        return []
    return [
        f"{plural(moments, 'time')} a twitch was logged at several sites at the same minute: the counts here "
        f"are site entries, {extra} more than the twitches felt."
    ]


def relief_lines(twitches: Sequence[tuple[str, int | None]]) -> list[str]:
    """Each relief tag logged, with how many twitches it was tried on and how many of those
    have a recorded end (timed), their median burst beside that of timed twitches with no
    relief. The diary does not record whether the relief stopped the twitch, and says so."""
    if not twitches:
        return []
    tried: dict[str, list[int | None]] = defaultdict(list)
    for tags, duration in twitches:
        for tag in split_tags(tags):
            tried[tag].append(duration)
    if not tried:
        return ["Relief: none logged with any twitch."]
    parts = []
    for tag, durations in sorted(tried.items(), key=lambda item: (-len(item[1]), item[0])):
        timed = [seconds for seconds in durations if seconds]
        part = f"{tag.replace('-', ' ')} on {plural(len(durations), 'twitch', 'twitches')}"
        if timed:
            median = duration_words(round(statistics.median(timed)))
            part += f", {len(timed)} with a recorded end (median burst {median})"
        else:
            part += ", none with a recorded end"
        parts.append(part)
    without = [seconds for tags, seconds in twitches if not split_tags(tags) and seconds]
    line = f"Relief tried, as logged: {'; '.join(parts)}."
    if without:
        median = duration_words(round(statistics.median(without)))
        line += f" Timed twitches with no relief logged: median burst {median} ({len(without)})."
    return [line + " Whether a relief stopped the twitch is not recorded; only the burst's length is."]


def course_lines(rows: Sequence[DailyRow], date_to: dt.date) -> list[str]:
    """Twitching days in each month of the whole diary (out of the days answered), then the
    last 7 days against the 7 before: which way it is going."""
    months: dict[dt.date, list[DailyRow]] = defaultdict(list)
    for row in rows:
        months[row.date.replace(day=1)].append(row)
    parts = []
    for month, month_rows in sorted(months.items()):
        answered = [row for row in month_rows if row.twitches_answered]
        if not answered:
            parts.append(f"{month:%b %Y} not logged")
            continue
        active = sum(1 for row in answered if (row.episodes or 0) > 0)
        parts.append(f"{month:%b %Y} {active} of {len(answered)}")
    lines = [f"Twitching days by month, of the days answered: {'; '.join(parts)}."] if parts else []
    lines.append(_direction(rows, date_to))
    return lines


def burden_lines(rows: Sequence[DailyRow]) -> list[str]:
    """Twitches and timed minutes per twitching day; the heaviest day in both, so a day of
    near-continuous twitching reads in minutes, not only as a count."""
    active = [row for row in rows if (row.episodes or 0) > 0]
    if not active:
        return []
    counts = [row.episodes or 0 for row in active]
    timed = [row for row in active if row.total_duration_s]
    median = statistics.median(counts)
    line = f"On the {days(len(active))} with twitching: median {median:g} twitch{'es' * (median != 1)} a day"
    if timed:
        seconds = statistics.median(row.total_duration_s or 0 for row in timed)
        line += f", median {duration_words(round(seconds))} of twitching a day ({days(len(timed))} timed)"
    else:
        line += "; no twitch was timed, so the minutes are not known"
    heaviest = max(active, key=lambda row: (row.episodes or 0, row.total_duration_s or 0))
    longest = max(timed, key=lambda row: row.total_duration_s or 0) if timed else None
    line += f". Heaviest: {report_date(heaviest.date)}, {plural(heaviest.episodes or 0, 'twitch', 'twitches')}"
    if heaviest.total_duration_s:
        line += f" lasting {duration_words(heaviest.total_duration_s)} in all"
    if longest and longest.date != heaviest.date:
        line += f"; longest: {report_date(longest.date)}, {duration_words(longest.total_duration_s or 0)} of twitching"
    return [line + "."]


@dataclass(frozen=True)
class SiteStory:
    """Every site of every twitch up to a date, worked out once for all the history's lines (on
    ten years a pass over the twitches' sites is a tenth of a second): the site entries by day,
    each site and side, and the sites that began near others (tracker.analysis.sites)."""

    entries: list[SiteEntry]  # up to the date, by day, each twitch's sites in the order logged
    sites: list[Site]  # each site and side, in the order they first twitched, each twitch counted once
    starts: list[SiteStart]


def sites_of(entries: Sequence[SiteEntry]) -> list[Site]:
    """Each site and side of `entries` (in date order), in the order they first twitched."""
    found: dict[tuple[str, str], list[SiteEntry]] = defaultdict(list)
    for entry in entries:
        found[(entry.location, entry.side)].append(entry)
    return [
        Site(
            place_words(*key),
            key[0] != "unspecified",
            items[0].local_date,
            items[-1].local_date,
            len(items),
            frozenset(item.local_date for item in items),
            [item.duration_s for item in items if item.duration_s],
        )
        for key, items in found.items()
    ]


def site_story(episodes: Sequence[TimedEpisode], date_to: dt.date) -> SiteStory:
    """The site entries, sites and site starts of `episodes` up to `date_to`."""
    # itemgetter: the entries' (day, twitch) without a Python call for each of ten years' entries
    entries = sorted(site_entries(episodes), key=itemgetter(0, 4))
    entries = [entry for entry in entries if entry.local_date <= date_to]
    each = sites_of(entries)
    return SiteStory(entries, each, site_starts(entries, date_to))


def site_lines(episodes: Sequence[TimedEpisode], date_to: dt.date, *, derived: bool = True) -> list[str]:
    """In words, whether the twitching spread or moved (derived; left out without `derived`),
    then one line per site and side (first and last dates, twitches, bursts)."""
    return _site_lines(site_story(episodes, date_to), date_to, derived=derived)


def _site_lines(story: SiteStory, date_to: dt.date, *, derived: bool) -> list[str]:
    lines = course_of_sites(story, date_to) if derived else []  # first: what a short page must keep
    for site in story.sites:
        line = (
            f"{site.label.capitalize()}: {report_span(site.first, site.last)}, "
            f"{plural(site.twitches, 'twitch', 'twitches')} on {days(site.days)}"
        )
        if site.durations:
            median = duration_words(round(statistics.median(site.durations)))
            line += f"; bursts median {median}, longest {duration_words(max(site.durations))}"
            if len(site.durations) < site.twitches:
                line += f" ({len(site.durations)} timed)"
        else:
            line += "; no burst timed"
        lines.append(line + ".")
    return lines


def course_of_sites(story: SiteStory, date_to: dt.date, logged_spreads: Sequence[dt.date] = ()) -> list[str]:
    """Derived, for each site that began within two weeks of another twitching, by the one rule
    the red flags read too (tracker.analysis.sites.site_starts): spreading if that other site went
    on twitching after it began, moved if it stopped, and too soon to tell if it has been quiet
    only a few days. Then the sites the latest stretch outlived ("lower lip (centre) twitching
    ended 23 Nov 2026; since then left eyelid on 3 days"). A site alone, or one that came back
    after a quiet spell, says nothing. A spread logged as a red flag near a site's start
    (`logged_spreads`) that the rule does not count is said first, then what the entries show,
    so the two never stand side by side unexplained."""
    found = [site for site in story.sites if site.placed]
    lines = []
    unclaimed = sorted(logged_spreads)
    for start in story.starts:
        label, began = place_words(*start.site), report_date(start.began)
        course = start.course  # one verdict per new site (tracker.analysis.sites)
        logged = _logged_spread(unclaimed, start.began) if course != "spreading" else None
        said = f"Logged by the patient as spreading on {report_date(logged)}; by the entries, " if logged else ""
        if course == "spreading":
            joined = ", ".join(place_words(*site) for site in start.going)
            lines.append(f"Derived: {label} began {began} while {joined} went on (spreading).")
        elif course == "moved":
            joined = ", ".join(place_words(*site) for site in start.stopped)
            if said:
                lines.append(f"{said}the {label} began {began} as {joined} stopped: moved, not spread (derived).")
            else:
                lines.append(f"Derived: {label} began {began} as {joined} stopped (moved, not spread).")
        elif course == "one-off":
            twitches = plural(_twitches_on(story.entries, start.site, start.began), "twitch", "twitches")
            beside = [*start.going, *start.unsettled] or list(start.stopped)
            joined = ", ".join(place_words(*site) for site in beside)
            went = "went on" if start.going or start.unsettled else "had stopped"
            if said:
                lines.append(
                    f"{said}the {label} twitched on 1 day only ({began}, {twitches}) while the {joined} {went}, "
                    "which the rule does not count as spreading (derived)."
                )
            else:
                lines.append(
                    f"Derived: {label} only on {began} ({twitches} on 1 day) while {joined} {went}: "
                    "not counted as spreading."
                )
        elif course == "unsettled":
            quiet = ", ".join(f"{place_words(*site)} (last {report_date(start.last[site])})"
                              for site in start.unsettled)  # fmt: skip
            lead = f"{said}the {label} began {began}" if said else f"Derived: {label} began {began}"
            lines.append(f"{lead}; {quiet} quiet since: too soon to tell spread from move.")
    if any("spreading" in line for line in lines):  # the rule, with the lines that name it
        lines[-1] += f" {SPREAD_RULE}"  # once, after the lines it was applied in
    # The latest site to stop while others went on: what keeps the current stretch alive.
    ended = [
        site
        for site in found
        if has_stopped(site.dates, date_to) and any(o.last > site.last for o in found if o is not site)
    ]
    if ended:
        site = max(ended, key=lambda site: site.last)
        later = [o for o in found if o is not site and o.last > site.last]
        since = ", ".join(f"{o.label} on {days(sum(1 for d in o.dates if d > site.last))}" for o in later)
        lines.append(
            f"Derived: {site.label} twitching ended {report_date(site.last)} (last logged); since then {since}."
        )
    return lines


def _logged_spread(unclaimed: list[dt.date], began: dt.date) -> dt.date | None:
    """The logged spread nearest a site's start, within a week of it, taken from `unclaimed` so
    no flag is said beside two sites; None without one."""
    near = [day for day in unclaimed if abs((day - began).days) <= 7]
    if not near:
        return None
    nearest = min(near, key=lambda day: (abs((day - began).days), day))
    unclaimed.remove(nearest)
    return nearest


def _twitches_on(entries: Sequence[SiteEntry], site: tuple[str, str], day: dt.date) -> int:
    """The twitches at `site` on `day` (every site of a twitch counted, as the site lines count)."""
    return sum(1 for entry in entries if (entry.location, entry.side) == site and entry.local_date == day)


# The fewest twitches over the last two weeks that a direction (settling, steady, worsening) is
# judged on: 1 against 0, or 2 against 4, is chance, not a course.
MIN_DIRECTION_TWITCHES = 10


def _direction(rows: Sequence[DailyRow], date_to: dt.date) -> str:
    """The last 7 days against the 7 before, in twitches, over the days answered in each."""
    last = [row for row in rows if 0 <= (date_to - row.date).days < 7 and row.twitches_answered]
    before = [row for row in rows if 7 <= (date_to - row.date).days < 14 and row.twitches_answered]
    if not last:
        return "Last 7 days: twitches not answered on any day, so the direction is not known."
    now = sum(row.episodes or 0 for row in last)
    said = f"{plural(now, 'twitch', 'twitches')} on {days(len(last))} answered"
    if not before:
        return f"Last 7 days: {said}; the 7 days before were not answered, so no direction."
    earlier = sum(row.episodes or 0 for row in before)
    if now + earlier < MIN_DIRECTION_TWITCHES:
        return (
            f"Last 7 days: too few twitches to tell a direction ({now}, and {earlier} the 7 days before; it is "
            f"judged on {MIN_DIRECTION_TWITCHES} or more over the two weeks)."
        )
    rate_now, rate_before = now / len(last), earlier / len(before)
    way = "settling" if rate_now < 0.75 * rate_before else "worsening" if rate_now > 1.25 * rate_before else "steady"
    return (
        f"Last 7 days, derived: {way}: {said} ({rounded(rate_now, 1)} a day); the 7 before, "
        f"{plural(earlier, 'twitch', 'twitches')} on {days(len(before))} ({rounded(rate_before, 1)} a day)."
    )  # the rates a day answered are what the direction is judged on: said, so the counts do not mislead


def context_lines(contexts: Sequence[tuple[dt.date, str]]) -> list[str]:
    """What the person was doing when twitches were logged, from (day, tags) of each twitch, the
    most frequent first, with first and last dates: "What the person was doing, as logged with the
    twitches: talking 40 twitches, 1 Aug–29 Nov 2026." Empty when no twitch has a context."""
    found: dict[str, list[dt.date]] = defaultdict(list)
    for day, tags in contexts:
        for tag in split_tags(tags):
            found[tag.replace("-", " ")].append(day)
    if not found:
        return []
    ordered = sorted(found.items(), key=lambda item: (-len(item[1]), item[0]))
    each = "; ".join(
        f"{tag} {plural(len(dates), 'twitch', 'twitches')}, {short_span(min(dates), max(dates))}"
        for tag, dates in ordered
    )
    return [f"What the person was doing, as logged with the twitches: {each}."]
