"""Everything the analysis, charts and report read, loaded once from the store. No pandas."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypedDict

from sqlmodel import Session

from tracker.core.daily import DailyRow
from tracker.core.formatting import factor_words
from tracker.core.span import Adjusted, Earlier, bound_dates, earlier_than, tracking_start
from tracker.core.when import local_now
from tracker.storage import diary_facts
from tracker.storage.medications import list_medications
from tracker.storage.models import Factor, Intervention, Medication, RedFlag
from tracker.storage.queries import (
    EpisodePoint,
    NotedTwitch,
    contexts_between,
    daily_rows,
    episode_points_between,
    logged_days,
    logged_range,
    noted_twitches_between,
    red_flags_between,
    relief_between,
    same_minute_sites,
)
from tracker.storage.store import list_factors, list_interventions


@dataclass(frozen=True)
class History:
    start: dt.date
    end: dt.date
    rows: list[DailyRow]
    episodes: list[EpisodePoint]  # every episode up to `end`: persistence needs the whole run
    red_flags: list[RedFlag]
    interventions: list[Intervention]
    factors: list[Factor]
    as_of: dt.date  # the day the analysis stands on
    adjusted: tuple[Adjusted, ...] = ()  # dates asked for that were brought into the diary's span
    noted_twitches: list[NotedTwitch] = field(default_factory=list)  # from `start` to `end`, for the report
    onset: dt.date | None = None  # the day the person says it began (tracker onset); None: not given
    checklist_no: dict[str, dt.date] = field(default_factory=dict)  # red-flag kind -> last day answered "no"
    relief: list[tuple[str, int | None]] = field(default_factory=list)  # (tags, burst s) per twitch, first entry to end
    same_minute: tuple[int, int] = (0, 0)  # twitches logged at several sites at one minute, and the extra entries
    # Every day from the first logged one to `end`: the history a report gives whatever its
    # period (the course by month, the last 14 days' direction). Empty: the same as `rows`.
    diary_rows: list[DailyRow] = field(default_factory=list)
    earlier: Earlier | None = None  # entries before the current stretch of tracking, left out of the history
    medications: list[Medication] = field(default_factory=list)  # the whole list, whatever the dates asked for
    contexts: list[tuple[dt.date, str]] = field(default_factory=list)  # (day, tags) of twitches with a context

    @property
    def units(self) -> dict[str, str]:
        return {factor.column: factor.unit for factor in self.factors}

    @property
    def names(self) -> dict[str, str]:
        """Each factor's name as a person reads it ("screen time"), by its column."""
        return {factor.column: factor_words(factor.name) for factor in self.factors}


def load_history(
    *,
    session: Session,
    as_of: dt.date | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    today: dt.date | None = None,
    from_tracking_start: bool = False,
    for_report: bool = True,
) -> History:
    """Daily rows from `date_from` (default: the first logged day; with `from_tracking_start`,
    the first of the current stretch of tracking, tracker.core.span.tracking_start) to `date_to`
    or `as_of` (default: today), each held to the diary's span first (tracker.core.span): the
    History says which were adjusted. Its diary_rows, episodes and red flags reach back to the
    stretch's start (or the period's, if earlier); what lies before is `earlier`. Raises
    InputError when the dates leave no day of the diary. `for_report=False` leaves empty what
    only the visit report reads (noted twitches, relief, same-minute sites, checklist answers,
    contexts): on ten years, a tenth of a second `analyze` and `chart` never show.
    """
    today = today or local_now().date()
    logged = logged_range(session=session)
    bounded = bound_dates(logged=logged, today=today, date_from=date_from, date_to=date_to, as_of=as_of)
    # A twitch logged in a zone ahead (travel, a changed system zone) can be dated after today
    # here; the default end is then its day, so it is not cut off the analysis.
    as_of = bounded.as_of or max(today, logged[1] if logged else today)
    end = min(bounded.date_to or as_of, as_of)
    days_logged = logged_days(session=session, end=end)
    stretch = tracking_start(days_logged) or end
    start = bounded.date_from or (stretch if from_tracking_start else logged[0] if logged else end)
    start = min(start, end)
    first = min(stretch, start)  # where the report's history begins
    rows = daily_rows(session=session, start=start, end=end)
    report_only = _report_parts(session, start=start, end=end, first=first) if for_report else _ReportParts()
    return History(
        start=start,
        end=end,
        rows=rows,
        episodes=episode_points_between(session=session, start=min(first, start), end=end),
        red_flags=red_flags_between(session=session, start=min(first, start), end=end),
        interventions=list_interventions(session=session),
        factors=list_factors(session=session),
        as_of=as_of,
        adjusted=bounded.adjusted,
        onset=diary_facts.onset(session=session),
        diary_rows=daily_rows(session=session, start=first, end=end) if first < start else rows,
        earlier=earlier_than(days_logged, first),
        # Every reader of the analysis names a new medicine (a short list: read always).
        medications=list_medications(session=session),
        # The checklist's answers, so every reader sets a "no" beside the medication list's dates.
        checklist_no=diary_facts.checklist_noes(session=session, end=end),
        **report_only,
    )


class _ReportParts(TypedDict, total=False):
    noted_twitches: list[NotedTwitch]
    relief: list[tuple[str, int | None]]
    same_minute: tuple[int, int]
    contexts: list[tuple[dt.date, str]]


def _report_parts(session: Session, *, start: dt.date, end: dt.date, first: dt.date) -> _ReportParts:
    """What only the visit report reads, for History's fields of the same names."""
    return _ReportParts(
        noted_twitches=noted_twitches_between(session=session, start=start, end=end),
        # The report's history covers the whole diary, whatever the period: so do these.
        relief=relief_between(session=session, start=min(first, start), end=end),
        same_minute=same_minute_sites(session=session, start=min(first, start), end=end),
        contexts=contexts_between(session=session, start=min(first, start), end=end),
    )
