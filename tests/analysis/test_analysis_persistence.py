"""The persistence rule other code relies on: runs, status thresholds, recurrence, as-of."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from tracker.analysis.config import PersistenceConfig
from tracker.analysis.persistence import Run, find_runs
from tracker.analysis.persistence import collect_red_flags as typed_red_flags
from tracker.analysis.persistence import persistence as typed_persistence
from tracker.report.course_words import persistence_status_line

AS_OF = dt.date(2026, 11, 24)


def collect_red_flags(**kwargs: object) -> list[dict[str, object]]:
    """The red flags as `analyze --json` gives them."""
    return [flag.to_json() for flag in typed_red_flags(**kwargs)]  # type: ignore[arg-type]  # the same keywords


def persistence(dates: list[dt.date], **kwargs: object) -> dict[str, object]:
    """The persistence section as `analyze --json` gives it and every reader reads it."""
    return typed_persistence(dates, **kwargs).to_json()  # type: ignore[arg-type]  # as_of and config


def days_back(*offsets: int) -> list[dt.date]:
    return [AS_OF - dt.timedelta(days=offset) for offset in offsets]


def daily_run(length: int, *, ending: dt.date = AS_OF) -> list[dt.date]:
    return [ending - dt.timedelta(days=offset) for offset in range(length)]


def episode(date: dt.date, location: str, side: str = "center") -> SimpleNamespace:
    return SimpleNamespace(local_date=date, location=location, side=side)


def test_27_days_is_watch_and_28_is_persistent() -> None:
    assert persistence(daily_run(27), as_of=AS_OF)["status"] == "watch"
    result = persistence(daily_run(28), as_of=AS_OF)
    assert result["status"] == "persistent"
    assert result["current_run"] == {
        "start": "2026-10-28",
        "end": "2026-11-24",
        "days": 28,
        "active_days": 28,
    }


def test_13_days_is_early_and_14_is_watch() -> None:
    assert persistence(daily_run(13), as_of=AS_OF)["status"] == "early"
    assert persistence(daily_run(14), as_of=AS_OF)["status"] == "watch"


def test_three_quiet_days_keep_a_run_going_and_four_split_it() -> None:
    first = dt.date(2026, 1, 1)
    three_quiet = [first, first + dt.timedelta(days=4)]
    four_quiet = [first, first + dt.timedelta(days=5)]
    assert find_runs(three_quiet) == [Run(first, first + dt.timedelta(days=4), 5, 2)]
    assert [run.days for run in find_runs(four_quiet)] == [1, 1]


def test_run_length_counts_quiet_days_inside_it() -> None:
    dates = days_back(0, 3, 6, 9, 12, 15, 18, 21, 24, 27)  # every third day for 28 days
    result = persistence(dates, as_of=AS_OF)
    assert result["current_run"]["days"] == 28
    assert result["current_run"]["active_days"] == 10
    assert result["status"] == "persistent"


def test_current_run_may_have_ended_up_to_three_days_ago() -> None:
    assert persistence(daily_run(20, ending=AS_OF - dt.timedelta(days=3)), as_of=AS_OF)["status"] == "watch"
    gone = persistence(daily_run(20, ending=AS_OF - dt.timedelta(days=4)), as_of=AS_OF)
    assert gone["status"] == "none"
    assert gone["current_run"] is None
    assert gone["longest_run"]["days"] == 20


def test_a_run_that_ended_two_months_ago_is_history_not_current() -> None:
    old = daily_run(40, ending=AS_OF - dt.timedelta(days=60))
    result = persistence(old + days_back(1), as_of=AS_OF)
    assert result["status"] == "early"
    assert result["current_run"]["days"] == 1
    assert result["longest_run"]["days"] == 40
    # The course first: a new spell late in a long course is never "day 1 of twitching".
    assert persistence_status_line(result) == (
        "twitching since 17 Aug (first logged), twitches on 41 days; spell day 1"
    )


def test_episodes_after_as_of_are_ignored() -> None:
    earlier = AS_OF - dt.timedelta(days=10)
    result = persistence(daily_run(30), as_of=earlier)
    assert result["current_run"]["end"] == earlier.isoformat()
    assert result["current_run"]["days"] == 20
    assert result["status"] == "watch"


def test_recurrent_needs_three_consecutive_months() -> None:
    two = [dt.date(2026, 9, 10), dt.date(2026, 10, 10)]
    gap = [*two, dt.date(2026, 12, 1)]
    three = [dt.date(2025, 12, 30), dt.date(2025, 12, 31), dt.date(2026, 1, 2), dt.date(2026, 1, 3),
             dt.date(2026, 2, 26), dt.date(2026, 2, 27)]  # fmt: skip
    assert persistence(two, as_of=AS_OF)["recurrent"] is False
    assert persistence(gap, as_of=dt.date(2026, 12, 31))["recurrent"] is False
    once_a_month = [dt.date(2025, 12, 30), dt.date(2026, 1, 2), dt.date(2026, 2, 27)]
    assert persistence(once_a_month, as_of=AS_OF)["recurrent"] is False  # a single twitch is no month of twitching
    result = persistence(three, as_of=AS_OF)
    assert result["recurrent"] is True
    assert result["months_with_episodes"] == ["2025-12", "2026-01", "2026-02"]


def test_no_episodes_means_no_run() -> None:
    result = persistence([], as_of=AS_OF)
    assert result["status"] == "none"
    assert result["current_run"] is None and result["longest_run"] is None
    assert persistence_status_line(result) == "no twitch logged yet"


def test_thresholds_and_gap_are_parameters() -> None:
    config = PersistenceConfig(watch_days=3, threshold_days=5, gap_tolerance_days=0)
    result = persistence(days_back(0, 1, 2, 3, 4, 6), as_of=AS_OF, config=config)
    assert result["status"] == "persistent"
    assert result["current_run"]["days"] == 5
    assert result["gap_tolerance_days"] == 0


def test_status_lines() -> None:
    assert persistence_status_line(persistence(daily_run(16), as_of=AS_OF)) == (
        "twitching since 9 Nov (first logged), twitches on 16 days; spell day 16 — consider seeing a GP"
    )
    assert persistence_status_line(persistence(daily_run(30), as_of=AS_OF)) == (
        "twitching since 26 Oct (first logged), twitches on 30 days; spell day 30 — 4 weeks or more: see a doctor"
    )


def test_logged_red_flags_come_first_then_derived_ones() -> None:
    logged = [SimpleNamespace(date=AS_OF - dt.timedelta(days=30), kind="drooping", note="left lid")]
    episodes = [
        episode(AS_OF - dt.timedelta(days=5), "eyelid", "left"),
        episode(AS_OF - dt.timedelta(days=2), "cheek", "left"),
        episode(AS_OF - dt.timedelta(days=1), "eyelid", "left"),  # eye and cheek on the same days: two of them
        episode(AS_OF - dt.timedelta(days=1), "cheek", "left"),
        episode(AS_OF - dt.timedelta(days=2), "eyelid", "left"),
    ]
    flags = collect_red_flags(logged=logged, episodes=episodes, as_of=AS_OF)
    assert [(flag["kind"], flag["source"]) for flag in flags] == [
        ("drooping", "logged"),
        ("spreading", "suggested by the entries"),
        ("hemifacial-pattern", "suggested by the entries"),
    ]
    assert flags[2]["name"] == "hemifacial-spasm pattern"


def test_one_place_or_opposite_sides_derive_nothing() -> None:
    same_place = [episode(AS_OF - dt.timedelta(days=d), "lower-lip") for d in range(10)]
    assert collect_red_flags(logged=[], episodes=same_place, as_of=AS_OF) == []
    opposite = [
        episode(AS_OF - dt.timedelta(days=20), "lower-lip"),  # outside the 14 days
        episode(AS_OF, "eyelid", "left"),
    ]
    assert collect_red_flags(logged=[], episodes=opposite, as_of=AS_OF) == []
    sides = [episode(AS_OF, "eyelid", "left"), episode(AS_OF, "mouth-corner", "right")]
    kinds = [f["kind"] for f in collect_red_flags(logged=[], episodes=sides, as_of=AS_OF)]
    assert kinds == ["spreading"]
