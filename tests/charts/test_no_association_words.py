"""When no factor stands out, the report says which were tested, and never points to estimates it
does not show (a doctor read "the estimates below are adjusted for this trend" above none)."""

from __future__ import annotations

from tracker.report.wording import association_lines, trend_lines

TREND = {"clear": True, "per_30_days": 0.45, "ci_low": 0.3, "ci_high": 0.68, "first_mean": 2.5, "last_mean": 0.3}


def _entry(name: str, q_value: float | None) -> dict[str, object]:
    return {"factor": f"{name}_x", "name": name, "q_value": q_value, "association": False}


def test_nothing_found_names_what_was_tested() -> None:
    result = {"triggers": [_entry("caffeine", 0.6), _entry("sleep", 0.4), _entry("magnesium", None)]}
    first = association_lines(result)[0]
    assert first.startswith("No reliable associations yet: of the factors tested (caffeine, sleep), none stood out")
    assert "magnesium" not in first  # not enough data: never said to have been tested


def test_the_trend_line_points_at_no_estimates() -> None:
    [line] = trend_lines({"trend": TREND})
    assert "below" not in line
    assert "adjusted for this trend" in line
