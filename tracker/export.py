"""CSV export in the documented contract: UTF-8, RFC 4180, ISO 8601, empty = not logged."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from sqlmodel import Session

from tracker.columns import DAILY_HEAD, DAILY_TAIL, EPISODE_COLUMNS
from tracker.daily import DailyRow
from tracker.days import daily_rows, episodes_between, logged_range
from tracker.formatting import format_number  # also imported from here by the commands
from tracker.models import Episode, Factor
from tracker.store import list_factors

# OWASP CSV injection: a spreadsheet runs cells starting with these as formulas. A leading
# apostrophe is also escaped so that importing our own export gives back the original text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore_text(text: str) -> str:
    """Undo `neutralise` (a hand-written leading apostrophe before other text is kept)."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def daily_columns(factors: Sequence[Factor]) -> list[str]:
    return DAILY_HEAD + [factor.column for factor in factors] + DAILY_TAIL


def daily_csv(rows: Sequence[DailyRow], factors: Sequence[Factor]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: CRLF line ends, minimal quoting
    writer.writerow(daily_columns(factors))
    for row in rows:
        if not row.tracked:
            writer.writerow([row.date.isoformat(), "0"] + [""] * (len(factors) + len(DAILY_HEAD) + len(DAILY_TAIL) - 2))
            continue
        writer.writerow(
            [
                row.date.isoformat(),
                "1",
                format_number(row.episodes),
                format_number(row.total_duration_s),
                format_number(row.max_intensity),
                neutralise(";".join(row.locations)),
                *(format_number(row.factors.get(factor.column)) for factor in factors),
                neutralise(";".join(row.red_flags)),
                neutralise(row.note),
            ]
        )
    return buffer.getvalue()


def episodes_csv(episodes: Sequence[Episode]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EPISODE_COLUMNS)
    for episode in episodes:
        started = episode.local_started_at
        writer.writerow(
            [
                started.isoformat(timespec="seconds"),
                episode.local_date.isoformat(),
                episode.location,
                episode.side,
                format_number(episode.intensity),
                format_number(episode.duration_s),
                neutralise(episode.context),
                neutralise(episode.relief),
                neutralise(episode.note),
            ]
        )
    return buffer.getvalue()


def export_range(
    *, session: Session, date_from: dt.date | None, date_to: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """The range to export: as given, or filled in from the first and last logged day."""
    logged = logged_range(session=session)
    if logged is None and (date_from is None or date_to is None):
        return None
    start = date_from or logged[0]  # type: ignore[index]
    end = date_to or logged[1]  # type: ignore[index]
    return (start, end) if start <= end else None


def export_daily(*, session: Session, date_from: dt.date | None = None, date_to: dt.date | None = None) -> str:
    factors = list_factors(session=session)
    span = export_range(session=session, date_from=date_from, date_to=date_to)
    rows = daily_rows(session=session, start=span[0], end=span[1]) if span else []
    return daily_csv(rows, factors)


def export_episodes(*, session: Session, date_from: dt.date | None = None, date_to: dt.date | None = None) -> str:
    span = export_range(session=session, date_from=date_from, date_to=date_to)
    episodes = episodes_between(session=session, start=span[0], end=span[1]) if span else []
    return episodes_csv(episodes)
