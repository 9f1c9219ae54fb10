"""analyze() end to end on synthetic diaries: keys, JSON, missing days, interventions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys

from tracker.analysis.config import AnalysisConfig
from tracker.core.daily import DailyRow
from tracker.report.wording import format_text, intervention_line


def test_report_keeps_its_keys_and_is_json(make_diary, run_analysis) -> None:
    result = run_analysis(make_diary(days=150, seed=2, with_red_flag=True, with_intervention=True))
    json.dumps(result, allow_nan=False)
    assert list(result)[:8] == [
        "as_of", "range", "persistence", "red_flags", "triggers", "trigger_model",
        "factor_correlations", "interventions",
    ]  # fmt: skip
    assert result["range"]["tracked_days"] + result["range"]["untracked_days"] == 150
    assert len(result["triggers"]) == 10  # five factors, lags 0 and 1
    assert result["red_flags"][0]["source"] == "logged"
    assert {"factor", "lag_days", "n_days", "per", "rate_ratio", "ci_low", "ci_high", "p_value",
            "q_value", "direction", "confidence", "adjusted_for", "described"} <= set(
        result["triggers"][0]
    )  # fmt: skip
    assert [entry["per"] for entry in result["triggers"][::2]] == [
        "100 mg", "1 h", "500 ml", "1 point", "100 mg",
    ]  # fmt: skip


def test_text_report_has_the_five_sections_in_order(make_diary, run_analysis) -> None:
    text = format_text(run_analysis(make_diary(days=120, seed=5, with_intervention=True)))
    headings = ["1. How long", "2. Red flags", "3. Possible triggers", "4. Interv"]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)


def test_missing_days_are_not_zero(make_diary, run_analysis) -> None:
    """Filling untracked days with zeros (what a naive tracker does) changes the answer."""
    source = make_diary(days=200, seed=11, untracked_fraction=0.15)
    rows = source.daily_rows()
    zero_filled = [
        row
        if row.tracked
        else DailyRow(
            date=row.date,
            tracked=True,
            episodes=0,
            factors=dict.fromkeys(("caffeine_mg", "sleep_h", "water_ml", "stress"), 0.0) | {"magnesium_mg": 0.0},
        )
        for row in rows
    ]
    honest, naive = run_analysis(source), run_analysis(source, rows=zero_filled)
    assert honest["range"]["untracked_days"] == 30
    assert naive["range"]["untracked_days"] == 0
    caffeine = [r["triggers"][0] for r in (honest, naive)]
    assert caffeine[0]["n_days"] < caffeine[1]["n_days"]
    assert caffeine[0]["rate_ratio"] != caffeine[1]["rate_ratio"]
    assert caffeine[0]["described"]["high_mean"] != caffeine[1]["described"]["high_mean"]


def test_as_of_cuts_off_later_data(make_diary, run_analysis) -> None:
    source = make_diary(days=200, seed=4)
    as_of = source.end - dt.timedelta(days=50)
    whole, cut = run_analysis(source), run_analysis(source, as_of=as_of)
    truncated = [row for row in source.daily_rows() if row.date <= as_of]
    assert cut == run_analysis(source, as_of=as_of, rows=truncated)
    assert cut["range"]["to"] == as_of.isoformat()
    assert cut["range"]["tracked_days"] < whole["range"]["tracked_days"]


def test_date_range_narrows_the_trigger_days(make_diary, run_analysis) -> None:
    source = make_diary(days=200, seed=4)
    date_from = source.end - dt.timedelta(days=99)
    result = run_analysis(source, date_from=date_from)
    assert result["range"]["from"] == date_from.isoformat()
    assert result["range"]["tracked_days"] + result["range"]["untracked_days"] == 100


def test_short_diaries_say_how_many_more_days(make_diary, run_analysis) -> None:
    result = run_analysis(make_diary(days=21, seed=1, untracked_fraction=0.0))
    assert {entry["confidence"] for entry in result["triggers"]} == {"insufficient"}
    caffeine = result["triggers"][0]
    more = 28 - result["trigger_model"]["answered_days"]
    assert caffeine["days_needed"] == more
    assert f"the trigger model needs about {more} more" in format_text(result)
    assert result["triggers"][0]["rate_ratio"] is None
    json.dumps(result, allow_nan=False)


def test_intervention_compares_before_and_after_the_washout(make_diary, run_analysis) -> None:
    source = make_diary(days=150, seed=6, with_intervention=True)
    (name, start, _, _) = source.interventions[0]
    effect = run_analysis(source)["interventions"][0]
    assert effect["status"] == "ok" and effect["name"] == name
    assert effect["before_days"] == AnalysisConfig().intervention_baseline_days
    tracked_after = [row for row in source.daily_rows() if row.tracked and row.date >= start + dt.timedelta(3)]
    assert effect["after_days"] == len(tracked_after)
    assert effect["ci_low"] < effect["rate_ratio"] < effect["ci_high"]


def test_intervention_is_too_early_for_the_first_days(make_diary, run_analysis) -> None:
    source = make_diary(days=150, seed=6, with_intervention=True, untracked_fraction=0.0)
    start = source.interventions[0][1]
    early = run_analysis(source, as_of=start + dt.timedelta(days=8))["interventions"][0]
    assert early["status"] == "too-early"
    assert early["rate_ratio"] is None
    assert "too early to tell — about 1 more tracked day after" in intervention_line(early)
    ready = run_analysis(source, as_of=start + dt.timedelta(days=9))["interventions"][0]
    assert ready["status"] == "ok"


def test_user_factors_get_a_round_step(make_diary, run_analysis, factors) -> None:
    from types import SimpleNamespace

    source = make_diary(days=120, seed=3)
    rows = [
        dataclasses.replace(row, factors=row.factors | {"steps": 4000.0 + 3000 * (i % 3)}) if row.tracked else row
        for i, row in enumerate(source.daily_rows())
    ]
    steps = SimpleNamespace(name="steps", column="steps", kind="number", unit="")
    result = run_analysis(source, rows=rows, factors=[*factors, steps])
    assert result["triggers"][-1]["per"] == "1000"


def test_importing_the_report_does_not_import_pandas() -> None:
    code = (
        "import sys, tracker.analysis.results, tracker.analysis.persistence, tracker.report.wording; "
        "print(sorted({'pandas', 'statsmodels', 'scipy'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
