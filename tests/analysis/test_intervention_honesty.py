"""Interventions said honestly: intervals that know twitching runs in streaks, a warning when a
start follows the worst week (twitching eases after it anyway), and a planned experiment
compared on its own on- and off-days."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from tracker.analysis.interventions import follows_worst_stretch, intervention_effects
from tracker.core.daily import DailyRow
from tracker.report.wording import intervention_line

START = dt.date(2026, 9, 1)


def rows_from(counts_before: list[int], counts_after: list[int]) -> list[DailyRow]:
    """Answered days: counts_before end the day before START, counts_after begin on START."""
    first = START - dt.timedelta(days=len(counts_before))
    counts = counts_before + counts_after
    return [DailyRow(date=first + dt.timedelta(days=i), tracked=True, episodes=c) for i, c in enumerate(counts)]


def started(name: str = "magnesium") -> SimpleNamespace:
    return SimpleNamespace(name=name, start_date=START, end_date=None, note="")


def effect(rows: list[DailyRow], item: SimpleNamespace, as_of: dt.date | None = None) -> dict:
    """The effect as `analyze --json` gives it, with the sentence every reader shows."""
    [found] = intervention_effects(rows, [item], as_of=as_of or rows[-1].date)
    entry = found.to_json()
    return entry | {"summary": intervention_line(entry)}


def test_a_start_right_after_the_worst_week_is_flagged_and_said() -> None:
    before = [3, 2, 4, 3] * 14 + [9, 10, 8, 9, 11, 9, 10]  # eight calm weeks, then the worst one
    entry = effect(rows_from(before, [3] * 30), started())
    assert entry["follows_worst_stretch"] is True
    assert "right after the worst week" in entry["summary"]
    assert "eases after its worst spells on its own" in entry["summary"]


def test_a_start_after_a_calm_week_is_not_flagged() -> None:
    # The worst week was a month before the start; the weeks since were calm.
    before = [3, 2, 4, 3] * 7 + [9, 10, 8, 9, 11, 9, 10] + [3, 2, 4, 3] * 7
    entry = effect(rows_from(before, [3] * 30), started())
    assert entry["follows_worst_stretch"] is False
    assert "worst week" not in entry["summary"]


def test_the_worst_stretch_rule_at_its_edges() -> None:
    calm = [3, 2, 4, 3] * 14
    bad = [9, 10, 8, 9, 11, 9, 10]
    by_day = lambda values: {START - dt.timedelta(days=len(values) - i): v for i, v in enumerate(values)}  # noqa: E731
    assert follows_worst_stretch(by_day([*calm, *bad, 3, 3]), START) is True  # ends 3 days before the start
    assert follows_worst_stretch(by_day([*calm, *bad, 3, 3, 3]), START) is False  # 4 days before: not right after
    assert follows_worst_stretch(by_day([*calm, 4, 4, 3, 4, 4, 4, 3]), START) is False  # no week stands out
    assert follows_worst_stretch(by_day(bad * 3), START) is None  # 21 answered days: too few to tell


def test_the_same_before_and_after_is_less_certain_in_a_streaky_diary() -> None:
    baseline, after = [5, 4, 6, 5] * 14, [3, 4, 3, 2] * 7
    streaky = [12] * 30 + [1] * 30 + [12] * 30 + [1] * 30  # months of twitchy and quiet spells
    alternating = [12, 1] * 60  # the same days, no streaks
    in_streaks = effect(rows_from(streaky + baseline, after), started())
    unstreaky = effect(rows_from(alternating + baseline, after), started())
    assert in_streaks["rate_ratio"] == unstreaky["rate_ratio"]
    assert in_streaks["ci_high"] - in_streaks["ci_low"] > 1.3 * (unstreaky["ci_high"] - unstreaky["ci_low"])


def test_a_plan_compares_its_on_days_with_its_off_days_only() -> None:
    # Four one-week blocks from START: off, on, off, on. Twitching before the plan was far higher.
    plan = [4] * 7 + [2] * 7 + [4] * 7 + [2] * 7
    item = SimpleNamespace(
        name="magnesium", start_date=START, end_date=START + dt.timedelta(days=27), note="", block_days=7
    )
    entry = effect(rows_from([12, 11, 13] * 20, plan), item)
    assert entry["design"] == "plan" and entry["status"] == "ok"
    assert entry["rate_ratio"] == 0.5  # 2 a day on, 4 off; the 12 a day before the plan plays no part
    # The first off-block follows ordinary life; each later block loses its 3 washout days.
    assert (entry["off_days"], entry["on_days"]) == (7 + 4, 4 + 4)
    assert "on-days" in entry["summary"] and "off-days" in entry["summary"]


def test_a_plan_waits_for_its_blocks() -> None:
    item = SimpleNamespace(
        name="magnesium", start_date=START, end_date=START + dt.timedelta(days=27), note="", block_days=7
    )
    rows = rows_from([3] * 60, [3] * 10)
    early = effect(rows, item, as_of=START + dt.timedelta(days=9))
    assert early["status"] == "too-early" and early["rate_ratio"] is None
    assert "1 of 4 blocks done" in early["summary"]
    ahead = effect(rows_from([3] * 60, []), item, as_of=START - dt.timedelta(days=1))
    assert ahead["status"] == "not-started" and "the first block is off" in ahead["summary"]


def test_a_start_just_after_a_sharp_rise_says_the_ratio_cannot_show_an_effect() -> None:
    # Quiet weeks, then twitching rose sharply three days before the start and stayed up: the
    # person started it because of the rise, and the after window holds it.
    before = [0, 1, 0, 0] * 14 + [8, 4, 8]
    entry = effect(rows_from(before, [7, 6, 8] * 10), started())

    assert entry["follows_sharp_rise"] == {"date": "2026-08-29", "days": 3, "before": 0.25, "rise": 6.67}
    assert (
        "It started 3 days after twitching rose sharply on 29 Aug 2026 (6.7 twitches a day, against 0.3 in the "
        "quiet weeks before): the after window holds that rise; this ratio cannot show an effect."
    ) in entry["summary"]


def test_a_rise_that_has_passed_or_a_steady_before_is_no_sharp_rise() -> None:
    calm = [3, 2, 4, 3] * 14
    # The worst week just before, then calm again: a drop, said as following the worst week.
    passed = effect(rows_from([*calm, 9, 10, 8, 9, 11, 9, 10], [3] * 30), started())
    assert passed["follows_sharp_rise"] is None
    assert "rose sharply" not in passed["summary"]
    # A rise of a fraction of a twitch a day is no sharp rise, whatever its ratio.
    small = effect(rows_from([0] * 56 + [1, 0, 1], [1] * 30), started())
    assert small["follows_sharp_rise"] is None
