"""The synthetic diary generator: reproducible and realistic in shape."""

from __future__ import annotations

import datetime as dt
import itertools

from tracker.demo.synthetic import generate_diary
from tracker.storage.models import Location

END = dt.date(2026, 11, 24)


def test_same_seed_same_diary_other_seed_other_diary() -> None:
    first, again = generate_diary(days=60, seed=3, end=END), generate_diary(days=60, seed=3, end=END)
    assert first == again
    assert generate_diary(days=60, seed=4, end=END).episodes != first.episodes


def test_ten_years_is_about_four_twitches_a_day() -> None:
    # How long ten years take to generate is measured in bench/bench_synthetic.py, not here: a
    # time limit in a test fails whenever the machine is busy.
    diary = generate_diary(days=3650, seed=0, end=END)
    rows = diary.daily_rows()
    assert 12_000 <= len(diary.episodes) <= 18_000
    assert len(rows) == 3650 and rows[-1].date == END
    assert 0.04 <= len(diary.untracked) / 3650 <= 0.06


def test_untracked_days_have_nothing_and_quiet_days_are_check_ins() -> None:
    diary = generate_diary(days=365, seed=1, end=END, untracked_fraction=0.1)
    logged_days = {e.local_date for e in diary.episodes} | {f.date for f in diary.factor_entries}
    assert not logged_days & diary.untracked
    quiet = {row.date for row in diary.daily_rows() if row.tracked and row.episodes == 0}
    assert quiet and set(diary.checkins) == quiet
    gaps = sorted(diary.untracked)
    assert any((b - a).days == 1 for a, b in itertools.pairwise(gaps))  # multi-day gaps


def test_episodes_are_aware_local_times_in_known_places() -> None:
    diary = generate_diary(days=90, seed=2, end=END, tz_offset_min=60)
    offsets = {episode.started_at.utcoffset() for episode in diary.episodes}
    assert offsets == {dt.timedelta(minutes=60)}
    assert {episode.location for episode in diary.episodes} <= set(Location)
    assert all(1 <= episode.intensity <= 5 and episode.duration_s > 0 for episode in diary.episodes)


def test_daily_rows_aggregate_with_the_built_in_rules() -> None:
    diary = generate_diary(days=30, seed=5, end=END, untracked_fraction=0.0)
    day = diary.end - dt.timedelta(days=3)
    caffeine = [e.value for e in diary.factor_entries if e.date == day and e.column == "caffeine_mg"]
    row = next(row for row in diary.daily_rows() if row.date == day)
    assert row.factors["caffeine_mg"] == (sum(caffeine) if caffeine else None)
    assert row.episodes == sum(1 for e in diary.episodes if e.local_date == day)


def test_red_flag_and_intervention_on_request() -> None:
    diary = generate_diary(days=120, seed=8, end=END, with_red_flag=True, with_intervention=True)
    ((date, kind, note),) = diary.red_flags
    assert kind == "spreading" and note and date not in diary.untracked
    ((name, start, end, _),) = diary.interventions
    assert name == "magnesium" and diary.start < start <= diary.end and end is None
