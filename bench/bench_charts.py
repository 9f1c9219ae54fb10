"""How the chart and the visit report scale with history: 90 days against 10 years.

Not a test: run it by hand and read the numbers.

    python bench/bench_charts.py [--runs 5]

Both should cost about the same whatever the history, because they slice to what they draw
first (target: 10 years at most 1.5x 90 days). A 520-week chart of 10 years draws 120 monthly
bars, not 520 weekly ones. Building the diary and the daily frame is
not timed: that is the store's and the analysis's work.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.analysis.frame import daily_frame
from tracker.demo.synthetic import generate_diary
from tracker.report import charts
from tracker.report import pdf as visit_report
from tracker.storage.models import Intervention, RedFlag

END = dt.date(2026, 11, 24)
UNITS = {"caffeine_mg": "mg", "sleep_h": "h", "water_ml": "ml", "stress": "", "magnesium_mg": "mg"}
NAMES = {column: column.split("_")[0] for column in UNITS}
HISTORIES = {"90 days": 90, "10 years": 3650}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (median)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory)
        results: dict[str, dict[str, float]] = {}
        for label, days in HISTORIES.items():
            case = _case(days)
            results[label] = {
                "render_chart (png, 12 weeks)": _median(lambda case=case: _chart(case, out / "chart.png"), args.runs),
                "render_chart (png, 520 weeks)": _median(
                    lambda case=case: _chart(case, out / "chart.png", weeks=520), args.runs
                ),
                "write_report (pdf)": _median(lambda case=case: _report(case, out / "report.pdf"), args.runs),
            }
            print(f"{label}: {case['episodes_count']} episodes, {days} days")

    short, long = results["90 days"], results["10 years"]
    print(f"\n{'':30} {'90 days':>9} {'10 years':>9} {'ratio':>6}")
    for name in short:
        ratio = long[name] / short[name]
        verdict = "ok" if ratio <= 1.5 else "SLOW"
        print(f"{name:30} {short[name]:8.3f}s {long[name]:8.3f}s {ratio:5.2f}x {verdict}")


def _case(days: int) -> dict[str, Any]:
    diary = generate_diary(days=days, seed=1, end=END, with_red_flag=True, with_intervention=True)
    frame = daily_frame(diary.daily_rows(), list(UNITS))
    red_flags = [RedFlag(date=day, kind=kind, note=note) for day, kind, note in diary.red_flags]
    interventions = [
        Intervention(name=name, start_date=start, end_date=end, note=note)
        for name, start, end, note in diary.interventions
    ]
    return {
        "frame": frame,
        "episodes": diary.episodes,
        "episodes_count": len(diary.episodes),
        "red_flags": red_flags,
        "interventions": interventions,
        "analysis": _analysis(diary.start, days),
        "start": diary.start,
    }


def _chart(case: dict[str, Any], path: Path, weeks: int = 12) -> None:
    charts.render_chart(path, case["frame"], weeks=weeks, names=NAMES, units=UNITS, marks=_marks(case))


def _marks(case: dict[str, Any]) -> charts.ChartMarks:
    return charts.chart_marks(
        episodes=case["episodes"],
        red_flags=case["red_flags"],
        interventions=[(item.start_date, item.name) for item in case["interventions"]],
        as_of=END,
    )


def _report(case: dict[str, Any], path: Path) -> None:
    visit_report.write_report(
        path,
        frame=case["frame"],
        analysis=case["analysis"],
        episodes=case["episodes"],
        interventions=case["interventions"],
        red_flags=case["red_flags"],
        marks=_marks(case),
        factors_units=UNITS,
        factor_names=NAMES,
        date_from=case["start"],
        date_to=END,
        generated_on=END,
    )


def _analysis(start: dt.date, days: int) -> dict[str, Any]:
    """The shape analyze() returns; the bench times the report, not the statistics."""
    run = {"start": (END - dt.timedelta(days=30)).isoformat(), "end": END.isoformat()}
    run |= {"days": 31, "active_days": 25}
    trigger = {
        "factor": "caffeine_mg",
        "name": "caffeine",
        "lag_days": 0,
        "n_days": days - 10,
        "per": "100 mg",
        "rate_ratio": 1.4,
        "ci_low": 1.2,
        "ci_high": 1.7,
        "p_value": 0.001,
        "q_value": 0.01,
        "direction": "more",
        "confidence": "ample",
        "association": True,
        "adjusted_for": ["sleep", "caffeine the day before", "time trend", "weekday"],
        "described": None,
    }
    return {
        "as_of": END.isoformat(),
        "range": {"from": start.isoformat(), "to": END.isoformat()},
        "persistence": {
            "status": "persistent",
            "current_run": run,
            "longest_run": run,
            "watch_days": 14,
            "threshold_days": 28,
            "gap_tolerance_days": 3,
            "recurrent": False,
        },
        "red_flags": [],
        "triggers": [trigger],
        "trigger_model": {"answered_days": 120, "twitch_days": 80, "model_days": 120, "trend": None, "logging": []},
        "interventions": [],
    }


def _median(run: Callable[[], object], runs: int) -> float:
    run()  # warm: fonts, caches and the lazy imports are paid once per process
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    main()
