"""Across DST both ways and a change of timezone, the analysis counts each episode on the day
the person lived, the same day storage and the CSV export use (those two are covered in
tests/test_files_and_time.py), wherever the analysis itself is run.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import use_timezone
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import EpisodeCreate

pd = pytest.importorskip("pandas")
frame_module = pytest.importorskip("tracker.analysis.frame")

LONDON, TOKYO, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("Asia/Tokyo"), ZoneInfo("America/New_York")
# (wall-clock time where the person was, fold) -> the day they lived
EPISODES = [
    (dt.datetime(2026, 3, 28, 23, 59, tzinfo=LONDON), 0),  # the evening before the clocks go forward
    (dt.datetime(2026, 3, 29, 0, 30, tzinfo=LONDON), 0),  # GMT, before 01:00 -> 02:00
    (dt.datetime(2026, 3, 29, 3, 30, tzinfo=LONDON), 0),  # BST
    (dt.datetime(2026, 3, 29, 23, 30, tzinfo=LONDON), 0),  # BST: 22:30 UTC, still the 29th
    (dt.datetime(2026, 10, 25, 0, 30, tzinfo=LONDON), 0),  # BST: 23:30 UTC on the 24th
    (dt.datetime(2026, 10, 25, 1, 30, tzinfo=LONDON), 0),  # the first 01:30 (BST)
    (dt.datetime(2026, 10, 25, 1, 30, tzinfo=LONDON), 1),  # the second 01:30 (GMT)
    (dt.datetime(2026, 10, 25, 23, 50, tzinfo=LONDON), 0),
    (dt.datetime(2026, 11, 1, 23, 30, tzinfo=TOKYO), 0),  # 14:30 UTC on the 1st
    (dt.datetime(2026, 11, 1, 8, 0, tzinfo=TOKYO), 0),  # 23:00 UTC on 31 October
    (dt.datetime(2026, 11, 1, 22, 0, tzinfo=NEW_YORK), 0),  # the flight on: 03:00 UTC on the 2nd
]
LIVED = {
    dt.date(2026, 3, 28): 1, dt.date(2026, 3, 29): 3, dt.date(2026, 10, 25): 4,
    dt.date(2026, 11, 1): 3, dt.date(2026, 11, 2): 0,
}  # fmt: skip


@pytest.mark.parametrize("reader_zone", ["Europe/London", "Pacific/Auckland"])
def test_daily_frame_counts_episodes_on_the_lived_day(engine, monkeypatch, reader_zone: str) -> None:
    with session_scope(engine) as session:
        for moment, fold in EPISODES:
            store.add_episode(
                session=session,
                episode_in=EpisodeCreate(
                    started_at=moment.replace(fold=fold), location="eyelid", side="left", intensity=2
                ),
                now=dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC),
            )
        store.check_in(session=session, day=dt.date(2026, 11, 2), today=dt.date(2026, 11, 24))
    # Where the analysis runs later must not move anything: the lived day is stored.
    use_timezone(monkeypatch, reader_zone)
    from tracker.io.export import export_daily
    from tracker.storage.queries import daily_rows

    with session_scope(engine, write=False) as session:
        rows = daily_rows(session=session, start=dt.date(2026, 3, 27), end=dt.date(2026, 11, 3))
        factors = [factor.column for factor in store.list_factors(session=session)]
        exported = export_daily(session=session, date_from=dt.date(2026, 3, 27), date_to=dt.date(2026, 11, 3))
    frame = frame_module.daily_frame(rows, factors)

    counts = frame["episodes"]
    for day, expected in LIVED.items():
        assert counts.loc[pd.Timestamp(day)] == expected, day
    # The days around the transitions that nobody logged stay unknown, not zero.
    for day in ("2026-03-27", "2026-03-30", "2026-10-24", "2026-10-26", "2026-10-31", "2026-11-03"):
        assert pd.isna(counts.loc[pd.Timestamp(day)]) and not frame["tracked"].loc[pd.Timestamp(day)], day
    assert counts.sum() == len(EPISODES)
    # The export and the analysis agree day by day (the export starts at the first logged day:
    # a day before it is not in the file, which reads as not logged too).
    from_csv = {line.split(",")[0]: line.split(",")[2] for line in exported.splitlines()[1:]}
    for stamp, value in counts.items():
        expected = "" if pd.isna(value) else str(int(value))
        assert from_csv.get(stamp.date().isoformat(), "") == expected, stamp
