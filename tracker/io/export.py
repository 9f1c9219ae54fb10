"""CSV export in the documented contract: UTF-8, RFC 4180, ISO 8601, empty = not logged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from tracker.core.columns import (
    DAILY_HEAD,
    DAILY_SOURCES,
    DAILY_TAIL,
    EPISODE_COLUMNS,
    EPISODE_SITES,
    EPISODE_SOURCE,
)
from tracker.core.daily import DailyRow
from tracker.core.files import output_target, write_private
from tracker.core.formatting import format_number
from tracker.core.sites import Site, sites_cell
from tracker.core.sources import sources_cell
from tracker.core.span import Bounded, bound_dates
from tracker.core.when import local_now
from tracker.io.csv_cells import csv_text
from tracker.io.diary_file import diary_csv, diary_file_beside, holds_diary_facts
from tracker.io.factors_file import factors_csv, factors_file_beside
from tracker.io.medications_file import medications_csv, medications_file_beside
from tracker.storage.medications import list_medications
from tracker.storage.models import Episode, Factor
from tracker.storage.queries import daily_rows, episodes_between, logged_range, sources_between
from tracker.storage.store import further_sites, list_factors


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


def episodes_csv(episodes: Sequence[Episode], further: Mapping[int, Sequence[Site]] | None = None) -> str:
    """The episodes CSV; with an `also_sites` column only when some twitch has further sites
    (`further`, by episode id), and a `source` column only when some twitch was imported."""
    further = further or {}
    sited = any(further.get(episode.id or 0) for episode in episodes)
    sourced = any(episode.source for episode in episodes)
    return csv_text(
        [
            EPISODE_COLUMNS + ([EPISODE_SITES] if sited else []) + ([EPISODE_SOURCE] if sourced else []),
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
                    *([sites_cell(further.get(episode.id or 0, []))] if sited else []),
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
    return episodes_csv(episodes, further_sites(session=session, episode_ids=[episode.id for episode in episodes]))


def export_factors(*, session: Session) -> str:
    """The factors file (tracker.io.factors_file): the person's own factors; a header alone when there are none."""
    return factors_csv(list_factors(session=session))


def has_own_factors(*, session: Session) -> bool:
    return any(not factor.builtin for factor in list_factors(session=session))


@dataclass(frozen=True)
class CsvExport:
    """What `tracker export csv` and the app's CSV exports write: the days (or episodes) CSV, and
    beside a days file the person's own factors (tracker.io.factors_file), without which the
    days file cannot be imported into a new diary, and the diary file (tracker.io.diary_file:
    onset, red flags' notes, "no" answers), which the days file cannot hold ("" when there is
    nothing of the kind, or for episodes)."""

    text: str
    factors: str = ""
    diary: str = ""
    medications: str = ""  # the medication list (tracker.io.medications_file)

    def write(self, path: Path) -> list[Path]:
        """Write the CSV to `path` and its companions beside it: all refused (InputError, from
        core.files.output_target) or all written. Returns the paths written, the CSV first."""
        beside = [(text, target) for text, target, _ in self.companions(path) if text]
        for _, target in beside:
            output_target(target)
        write_private(path, self.text.encode("utf-8"))
        for text, target in beside:
            write_private(target, text.encode("utf-8"))
        return [path, *(target for _, target in beside)]

    def companions(self, path: Path) -> list[tuple[str, Path, str]]:
        """The files written beside `path`: each with its text ("" when not written) and what it
        holds, in words."""
        return [
            (self.factors, factors_file_beside(path), f"your factors, for importing {path.name} into another diary"),
            (
                self.diary,
                diary_file_beside(path),
                f"onset, red flags' notes and 'no' answers, imported with {path.name}",
            ),
            (self.medications, medications_file_beside(path), f"your medications, imported with {path.name}"),
        ]


def csv_export(
    *, session: Session, episodes: bool, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> CsvExport:
    """The days (or, with `episodes`, the episodes) from `date_from` to `date_to`, with the
    factors, diary and medications files a days file needs to be imported again (CsvExport)."""
    if episodes:
        return CsvExport(export_episodes(session=session, date_from=date_from, date_to=date_to))
    factors = export_factors(session=session) if has_own_factors(session=session) else ""
    diary = diary_csv(session=session) if holds_diary_facts(session=session) else ""
    medications = export_medications(session=session) if has_medications(session=session) else ""
    return CsvExport(export_daily(session=session, date_from=date_from, date_to=date_to), factors, diary, medications)


def export_medications(*, session: Session) -> str:
    """The medications file (tracker.io.medications_file): every medication; a header alone when there are none."""
    return medications_csv(list_medications(session=session))


def has_medications(*, session: Session) -> bool:
    return bool(list_medications(session=session))
