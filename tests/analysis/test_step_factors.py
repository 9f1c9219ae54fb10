"""A factor that changed on only a handful of days (a supplement taken every day from one date
on) gets no same-day or day-before estimate: the split would rest on those few days alone, and
the demo diary's magnesium was called a possible trigger (0.33x per 100 mg) on one step."""

from __future__ import annotations

from tracker.demo.synthetic import generate_diary
from tracker.report.wording import trigger_lines


def test_a_supplement_started_on_one_date_is_not_split_into_days(make_diary, run_analysis, end) -> None:
    diary = generate_diary(days=180, seed=1, end=end, caffeine_rr_per_100mg=1.3, with_intervention=True)
    result = run_analysis(diary)
    magnesium = [entry for entry in result["triggers"] if entry["factor"] == "magnesium_mg"]
    assert [entry["lag_days"] for entry in magnesium] == [0, 1]
    assert all(entry["rate_ratio"] is None and not entry["association"] for entry in magnesium)
    assert all(entry["reason"] == "few-changes" and entry["changed_days"] == 1 for entry in magnesium)
    said = [line for line in trigger_lines(result) if line.startswith("Magnesium")]
    assert said == [
        "Magnesium changed from one day to the next on 1 day only: its same-day and day-before effects "
        "cannot be told apart, nor from the trend. A habit started on one date is compared before and "
        "after under Interventions."
    ]


def test_a_supplement_taken_on_and_off_keeps_its_estimates(make_diary, run_analysis, end) -> None:
    """Spells of about six weeks on and eight off: two years hold enough starts and stops."""
    diary = generate_diary(days=730, seed=1, end=end)
    magnesium = [e for e in run_analysis(diary)["triggers"] if e["factor"] == "magnesium_mg"]
    assert all(entry["reason"] is None and entry["rate_ratio"] is not None for entry in magnesium)
