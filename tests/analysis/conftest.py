"""Diaries for the analysis tests: synthetic ones, run through analyze() without a database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

import pytest

from tracker.analysis.results import analyze
from tracker.core.daily import DailyRow
from tracker.demo.synthetic import SYNTHETIC_FACTORS, SyntheticDiary, generate_diary

END = dt.date(2026, 11, 24)
FACTORS = [
    SimpleNamespace(name=name, column=column, kind=kind, unit=unit) for name, column, kind, unit, _ in SYNTHETIC_FACTORS
]

Analyze = Callable[..., dict[str, Any]]


def analyze_diary(diary: SyntheticDiary, *, rows: Sequence[DailyRow] | None = None, **overrides: Any) -> dict[str, Any]:
    """analyze() on a synthetic diary, as of its last day unless told otherwise."""
    kwargs: dict[str, Any] = {
        "rows": diary.daily_rows() if rows is None else rows,
        "episodes": diary.episodes,
        "red_flags": [SimpleNamespace(date=d, kind=k, note=n) for d, k, n in diary.red_flags],
        "interventions": [
            SimpleNamespace(name=name, start_date=start, end_date=end, note=note)
            for name, start, end, note in diary.interventions
        ],
        "factors": FACTORS,
        "as_of": diary.end,
    }
    return analyze(**(kwargs | overrides))


@pytest.fixture
def end() -> dt.date:
    return END


@pytest.fixture
def factors() -> list[SimpleNamespace]:
    return FACTORS


@pytest.fixture
def run_analysis() -> Callable[..., dict[str, Any]]:
    return analyze_diary


@pytest.fixture
def make_diary() -> Callable[..., SyntheticDiary]:
    def make(**kwargs: Any) -> SyntheticDiary:
        return generate_diary(**({"end": END} | kwargs))

    return make
