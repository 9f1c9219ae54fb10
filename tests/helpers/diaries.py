"""Two diaries a clinician tells apart, built through the store into a real SQLite file.

- one-sided: the left eyelid and the left mouth corner twitching on the same days for two
  months (the pattern of hemifacial spasm), long bursts, a day of near-continuous twitching;
- migrating: the lower lip from June to 23 Nov, then the left eyelid alone (a twitch every
  few days since), and the right cheek one week in between; never two places the same day.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from tracker.storage import store
from tracker.storage.engine import open_database, session_scope
from tracker.storage.history import History, load_history
from tracker.storage.models import EpisodeCreate

TODAY = dt.date(2026, 11, 30)
LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 11, 30, 21, 0, tzinfo=LONDON)


def one_sided(path: Path) -> History:
    """Eyelid and mouth corner, left, together on every twitching day since 1 Oct."""
    first = dt.date(2026, 10, 1)

    def day_episodes(day: dt.date, offset: int) -> list[EpisodeCreate]:
        if offset % 3 == 2:
            return []
        return [
            _twitch(day, 9, "eyelid", "left", 40 + offset),
            _twitch(day, 14, "mouth-corner", "left", 25 + offset),
        ]

    return _diary(path, first, day_episodes)


def migrating(path: Path) -> History:
    """Lower lip (center) to 23 Nov; the right cheek one week in October; the left eyelid after."""
    first = dt.date(2026, 6, 1)
    lip_ends = dt.date(2026, 11, 23)

    def day_episodes(day: dt.date, offset: int) -> list[EpisodeCreate]:
        if dt.date(2026, 10, 5) <= day <= dt.date(2026, 10, 11):
            return [_twitch(day, 11, "cheek", "right", 20)]
        if day == lip_ends or (day < lip_ends and offset % 2 == 0):
            return [_twitch(day, 10, "lower-lip", "center", 15)]
        if day > lip_ends and offset % 3 == 0:
            return [_twitch(day, 20, "eyelid", "left", 5)]
        return []

    return _diary(path, first, day_episodes)


def _twitch(day: dt.date, hour: int, location: str, side: str, seconds: int) -> EpisodeCreate:
    return EpisodeCreate(
        started_at=dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON),
        location=location,
        side=side,
        intensity=2,
        duration_s=seconds,
    )


def _diary(path: Path, first: dt.date, day_episodes) -> History:  # type: ignore[no-untyped-def]
    engine = open_database(path)
    try:
        with session_scope(engine) as session:
            for offset in range((TODAY - first).days + 1):
                day = first + dt.timedelta(days=offset)
                twitches = day_episodes(day, offset)
                for twitch in twitches:
                    store.add_episode(session=session, episode_in=twitch, now=NOW)
                if not twitches:
                    store.check_in(session=session, day=day, today=TODAY)
        with session_scope(engine, write=False) as session:
            return load_history(session=session, as_of=TODAY, today=TODAY)
    finally:
        engine.dispose()


def twitch_at(day: dt.date, hour: int, location: str, side: str = "left") -> EpisodeCreate:
    """A twitch of intensity 2 at `hour` o'clock on `day`, London time."""
    return EpisodeCreate(
        started_at=dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON), location=location, side=side, intensity=2
    )


def report_page_one(tmp_path, twitches, **facts) -> str:  # type: ignore[no-untyped-def]
    """Page 1's text of the report of a diary of `twitches` (see `report_pages`), as one line:
    what a reader of that page sees, in order."""
    return " ".join(report_pages(tmp_path, twitches, **facts)[0].split())


def report_pages(  # type: ignore[no-untyped-def]
    tmp_path,
    twitches,
    *,
    onset: dt.date | None = None,
    magnesium_from: dt.date | None = None,
    quiet_days: bool = False,
    red_flags=(),
    medications=(),
) -> list[str]:
    """Each page's text, line by line as extracted, of the report of a diary of `twitches` (with
    an onset given, magnesium started, `red_flags` logged (RedFlagCreate), `medications` listed
    (MedicationCreate), or every day from the
    first twitch without one logged as a day without twitches: `quiet_days`)."""
    from pypdf import PdfReader

    from tracker.report.outputs import write_visit_report
    from tracker.storage.diary_facts import set_onset
    from tracker.storage.medications import add_medication

    engine = open_database(tmp_path / "diary.db")
    try:
        with session_scope(engine) as session:
            for twitch in twitches:
                store.add_episode(session=session, episode_in=twitch, now=NOW)
            twitching = {twitch.started_at.date() for twitch in twitches}
            for offset in range((TODAY - min(twitching)).days + 1 if quiet_days else 0):
                if (day := min(twitching) + dt.timedelta(days=offset)) not in twitching:
                    store.check_in(session=session, day=day, today=TODAY)
            for flag in red_flags:
                store.add_red_flag(session=session, red_flag_in=flag, today=TODAY)
            for medication in medications:
                add_medication(session=session, medication_in=medication, today=TODAY)
            if onset:
                set_onset(session=session, day=onset, today=TODAY, after_first_twitch=True)
            if magnesium_from:
                store.start_intervention(session=session, name="magnesium", start=magnesium_from, today=TODAY)
        with session_scope(engine, write=False) as session:
            history = load_history(session=session, as_of=TODAY, today=TODAY)
    finally:
        engine.dispose()
    pdf = write_visit_report(history, tmp_path / "report.pdf", today=TODAY)
    return [page.extract_text() for page in PdfReader(pdf).pages]
