"""A realistic, seeded diary for the chart and report tests: real DailyRows and Episodes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from tracker.analysis.frame import daily_frame
from tracker.core.daily import DailyRow, date_range
from tracker.storage.models import Episode, Intervention, RedFlag

FACTORS = ["caffeine_mg", "sleep_h", "water_ml", "stress", "magnesium_mg"]
UNITS = {"caffeine_mg": "mg", "sleep_h": "h", "water_ml": "ml", "stress": "", "magnesium_mg": "mg"}
END = dt.date(2026, 11, 24)


@dataclass
class Diary:
    rows: list[DailyRow]
    episodes: list[Episode]
    interventions: list[Intervention]
    red_flags: list[RedFlag]
    frame: Any  # pandas.DataFrame

    @property
    def start(self) -> dt.date:
        return self.rows[0].date

    @property
    def end(self) -> dt.date:
        return self.rows[-1].date


def make_diary(days: int = 180, *, end: dt.date = END, seed: int = 7) -> Diary:
    """A diary ending on `end`: twitching from day 20, worse with caffeine and short sleep,
    spreading from the left upper lip to the right eyelid, a missed week, a red flag, and
    magnesium from day 120."""
    rng = np.random.default_rng(seed)
    dates = date_range(end - dt.timedelta(days=days - 1), end)
    # A whole ISO week not logged (away on holiday), and scattered forgotten days.
    monday = dates[min(60, days - 1)] + dt.timedelta(days=-dates[min(60, days - 1)].weekday() % 7)
    missed_week = set(date_range(monday, monday + dt.timedelta(days=6))) if days > 90 else set()
    magnesium_from = dates[min(120, days - 1)]
    flag_day = dates[max(0, days - 25)]
    rows: list[DailyRow] = []
    episodes: list[Episode] = []
    for number, day in enumerate(dates):
        if day in missed_week or rng.random() < 0.05:
            rows.append(DailyRow(date=day, tracked=False))
            continue
        factors: dict[str, float | None] = {
            "caffeine_mg": float(rng.choice([0, 95, 190, 285, 380], p=[0.1, 0.3, 0.3, 0.2, 0.1])),
            "sleep_h": round(float(rng.normal(7.0, 1.0)), 1),
            "water_ml": float(rng.integers(4, 12) * 250),
            "stress": float(rng.integers(1, 9)),
            "magnesium_mg": 300.0 if day >= magnesium_from else None,
        }
        if rng.random() < 0.15:
            factors["sleep_h"] = None  # forgot to log
        rate = 0.0
        if number >= 20:
            caffeine = factors["caffeine_mg"] or 0.0
            sleep = factors["sleep_h"] or 7.0
            rate = 0.6 * np.exp(0.003 * caffeine + 0.3 * (7.0 - sleep))
        count = int(rng.poisson(rate))
        day_episodes = [_episode(rng, day, number, days) for _ in range(count)]
        episodes.extend(day_episodes)
        intensities = [episode.intensity for episode in day_episodes]
        durations = [episode.duration_s for episode in day_episodes if episode.duration_s]
        rows.append(
            DailyRow(
                date=day,
                tracked=True,
                episodes=count,
                total_duration_s=sum(durations) if durations else None,
                max_intensity=max(intensities) if intensities else None,
                mean_intensity=sum(intensities) / count if count else None,
                locations=tuple(sorted({episode.location for episode in day_episodes})),
                factors=factors,
                red_flags=("drooping",) if day == flag_day else (),
            )
        )
    interventions = [
        Intervention(name="magnesium", start_date=magnesium_from, note="magnesium glycinate 300 mg nightly")
    ]
    red_flags = [RedFlag(date=flag_day, kind="drooping", note="left eyelid felt heavy")]
    return Diary(rows, episodes, interventions, red_flags, daily_frame(rows, FACTORS))


def _episode(rng: np.random.Generator, day: dt.date, number: int, days: int) -> Episode:
    late = number > days * 0.6
    location, side = ("upper-lip", "left")
    if late and rng.random() < 0.4:
        location, side = ("eyelid", "right")
    hour = int(rng.integers(8, 22))
    started = dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)
    return Episode(
        started_at=started,
        utc_offset_min=0,
        local_date=day,
        location=location,
        side=side,
        intensity=int(rng.integers(1, 6)),
        duration_s=int(rng.integers(5, 120)),
    )


def analysis_for(diary: Diary, **overrides: Any) -> dict[str, Any]:
    """A hand-built dict in the shape tracker.analysis.analyze() returns."""
    as_of = diary.end.isoformat()
    run_start = (diary.end - dt.timedelta(days=40)).isoformat()
    tracked = sum(row.tracked for row in diary.rows)
    analysis: dict[str, Any] = {
        "as_of": as_of,
        "range": {
            "from": diary.start.isoformat(),
            "to": as_of,
            "tracked_days": tracked,
            "untracked_days": len(diary.rows) - tracked,
        },
        "persistence": {
            "status": "persistent",
            "current_run": {"start": run_start, "end": as_of, "days": 41, "active_days": 33},
            "longest_run": {"start": run_start, "end": as_of, "days": 41, "active_days": 33},
            "watch_days": 14,
            "threshold_days": 28,
            "gap_tolerance_days": 3,
            "recurrent": False,
            "months_with_episodes": ["2026-10", "2026-11"],
        },
        "red_flags": [
            {"date": flag.date.isoformat(), "kind": flag.kind, "source": "logged", "note": flag.note}
            for flag in diary.red_flags
        ],
        "triggers": [
            {
                "factor": "caffeine_mg",
                "name": "caffeine",
                "lag_days": 0,
                "n_days": 140,
                "per": "100 mg",
                "rate_ratio": 1.42,
                "ci_low": 1.18,
                "ci_high": 1.71,
                "p_value": 0.0004,
                "q_value": 0.004,
                "direction": "more",
                "confidence": "ample",
                "association": True,
                "adjusted_for": ["stress", "caffeine the day before", "time trend", "weekday"],
                "described": {
                    "condition": "On days with 200 mg caffeine or more",
                    "high_mean": 2.1,
                    "low_mean": 1.2,
                    "high_days": 70,
                    "low_days": 70,
                },
            },
            {
                "factor": "stress",
                "name": "stress",
                "lag_days": 1,
                "n_days": 138,
                "per": "1 point",
                "rate_ratio": 1.05,
                "ci_low": 0.97,
                "ci_high": 1.14,
                "p_value": 0.2,
                "q_value": 0.4,
                "direction": "more",
                "confidence": "limited",
                "association": False,
                "adjusted_for": ["caffeine", "stress the same day", "time trend", "weekday"],
                "described": None,
            },
        ],
        "trigger_model": {
            "answered_days": 140,
            "twitch_days": 90,
            "model_days": 140,
            "trend": None,
            "logging": [],
            "alpha": 0.05,
        },
        "interventions": [
            {
                "name": "magnesium",
                "start": diary.interventions[0].start_date.isoformat(),
                "status": "too-early",
                "rate_ratio": 0.91,
                "ci_low": 0.70,
                "ci_high": 1.18,
                "summary": "Too early to tell whether magnesium changed anything.",
            }
        ],
    }
    analysis.update(overrides)
    return analysis


@pytest.fixture(scope="session")
def chart_diary() -> Diary:
    return make_diary()


@pytest.fixture
def analysis(chart_diary: Diary) -> dict[str, Any]:
    return analysis_for(chart_diary)
