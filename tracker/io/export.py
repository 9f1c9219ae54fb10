"""CSV export in the documented contract: UTF-8, RFC 4180, ISO 8601, empty = not logged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Session

from tracker.core.columns import DAILY_HEAD, DAILY_SOURCES, DAILY_TAIL, EPISODE_COLUMNS, EPISODE_SOURCE
from tracker.core.daily import DailyRow
from tracker.core.formatting import format_number
from tracker.core.sources import sources_cell
from tracker.core.span import Bounded, bound_dates
from tracker.core.when import local_now
from tracker.io.csv_cells import csv_text
from tracker.io.factors_file import factors_csv
from tracker.io.medications_file import medications_csv
from tracker.storage.medications import list_medications
from tracker.storage.models import Episode, Factor
from tracker.storage.queries import daily_rows, episodes_between, logged_range, sources_between
from tracker.storage.store import list_factors


def daily_columns(factors: Sequence[Factor], *, sources: bool = False) -> list[str]:
    return DAILY_HEAD + [factor.column for factor in factors] + DAILY_TAIL + ([DAILY_SOURCES] if sources else [])


def daily_csv(
    rows: Sequence[DailyRow], factors: Sequence[Factor], sources: dict[dt.date, dict[str, str]] | None = None
) -> str:
    """The daily CSV; with a `sources` column only when some entry was imported (`sources`)."""
    blank = [""] * (len(factors) + len(DAILY_HEAD) + len(DAILY_TAIL) - 2)

    def tail(row: DailyRow) -> list[str]:
        return [sources_cell(sources.get(row.date, {}))] if sources else []

    return csv_text(
        [
            daily_columns(factors, sources=bool(sources)),
            *(
                [
                    row.date.isoformat(),
                    "1",
                    format_number(row.episodes),
                    format_number(row.total_duration_s),
                    format_number(row.max_intensity),
                    ";".join(row.locations),
                    *(format_number(row.factors.get(factor.column)) for factor in factors),
                    ";".join(row.red_flags),
                    row.note,
                    *tail(row),
                ]
                if row.tracked
                else [row.date.isoformat(), "0", *blank, *tail(row)]
                for row in rows
            ),
        ]
    )


def episodes_csv(episodes: Sequence[Episode]) -> str:
    """The episodes CSV; with a `source` column only when some twitch was imported."""
    sourced = any(episode.source for episode in episodes)
    return csv_text(
        [
            EPISODE_COLUMNS + ([EPISODE_SOURCE] if sourced else []),
            *(
                [
                    episode.local_started_at.isoformat(timespec="seconds"),
                    episode.local_date.isoformat(),
                    episode.location,
                    episode.side,
                    format_number(episode.intensity),
                    format_number(episode.duration_s),
                    episode.context,
                    episode.relief,
                    episode.note,
                    *([episode.source] if sourced else []),
                ]
                for episode in episodes
            ),
        ]
    )


def export_bounds(
    *, session: Session, date_from: dt.date | None, date_to: dt.date | None, today: dt.date | None = None
) -> Bounded:
    """--from/--to held to the diary's span (tracker.core.span); an empty diary has nothing to hold them to."""
    logged = logged_range(session=session)
    if logged is None:
        return Bounded(date_from, date_to, None)
    return bound_dates(logged=logged, today=today or local_now().date(), date_from=date_from, date_to=date_to)


def export_range(
    *, session: Session, date_from: dt.date | None, date_to: dt.date | None, today: dt.date | None = None
) -> tuple[dt.date, dt.date] | None:
    """The range to export: as given (held to the diary's span), or from the first to the last
    logged day; None when there is nothing to export."""
    logged = logged_range(session=session)
    if logged is None:
        return None
    bounded = export_bounds(session=session, date_from=date_from, date_to=date_to, today=today)
    start = bounded.date_from or logged[0]
    end = bounded.date_to or logged[1]
    return (start, end) if start <= end else None


def export_daily(*, session: Session, date_from: dt.date | None = None, date_to: dt.date | None = None) -> str:
    factors = list_factors(session=session)
    span = export_range(session=session, date_from=date_from, date_to=date_to)
    rows = daily_rows(session=session, start=span[0], end=span[1]) if span else []
    sources = sources_between(session=session, start=span[0], end=span[1]) if span else {}
    return daily_csv(rows, factors, sources)


def export_episodes(*, session: Session, date_from: dt.date | None = None, date_to: dt.date | None = None) -> str:
    span = export_range(session=session, date_from=date_from, date_to=date_to)
    episodes = episodes_between(session=session, start=span[0], end=span[1]) if span else []
    return episodes_csv(episodes)


def export_factors(*, session: Session) -> str:
    """The factors file (tracker.io.factors_file): the person's own factors; a header alone when there are none."""
    return factors_csv(list_factors(session=session))


def has_own_factors(*, session: Session) -> bool:
    return any(not factor.builtin for factor in list_factors(session=session))


def export_medications(*, session: Session) -> str:
    """The medications file (tracker.io.medications_file): every medication; a header alone when there are none."""
    return medications_csv(list_medications(session=session))


def has_medications(*, session: Session) -> bool:
    return bool(list_medications(session=session))
