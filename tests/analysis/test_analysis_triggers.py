"""Trigger tests against statsmodels and scipy computed directly, and the data minimums."""

from __future__ import annotations

import datetime as dt
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests

from tracker.analysis.adjusted import adjusted_model, factor_correlations
from tracker.analysis.frame import daily_frame
from tracker.analysis.poisson import benjamini_hochberg, covariates
from tracker.analysis.triggers import trigger_tests
from tracker.core.daily import DailyRow

CAFFEINE = SimpleNamespace(name="caffeine", column="caffeine_mg", kind="number", unit="mg")
STRESS = SimpleNamespace(name="stress", column="stress", kind="scale", unit="")
ALCOHOL = SimpleNamespace(name="alcohol", column="alcohol", kind="yes-no", unit="")


def small_frame(days: int = 70, seed: int = 3) -> pd.DataFrame:
    """A small diary with a few untracked days and the odd factor not logged."""
    rng = np.random.default_rng(seed)
    start = dt.date(2026, 1, 1)
    rows = []
    for i in range(days):
        date = start + dt.timedelta(days=i)
        if i in (10, 11, 40):
            rows.append(DailyRow(date=date, tracked=False))
            continue
        caffeine = float(rng.choice([0, 95, 190, 285]))
        stress = float(rng.integers(0, 11))
        count = int(rng.poisson(math.exp(0.2 + caffeine / 300)))
        rows.append(
            DailyRow(
                date=date,
                tracked=True,
                episodes=count,
                factors={
                    "caffeine_mg": None if i % 17 == 5 else caffeine,
                    "stress": stress,
                    "alcohol": float(rng.random() < 0.4),
                },
            )
        )
    return daily_frame(rows, ["caffeine_mg", "stress", "alcohol"])


def direct_fit(frame: pd.DataFrame, column: str, step: float, lag: int) -> sm.GLM:
    """The same model fitted straight with statsmodels' default IRLS."""
    x = frame[column].shift(lag) / step
    controls = covariates(frame, lag)
    # The factor on the day before the exposure day: mean-filled, with a not-logged flag.
    before = frame[column].shift(lag + 1) / step
    controls["habit"] = before.fillna(before.mean())
    controls["habit_missing"] = before.isna().astype(float)
    keep = frame["tracked"] & x.notna()
    y = frame.loc[keep, "episodes"]
    design = pd.concat([x[keep].rename("x"), controls[keep]], axis=1)
    design = design.loc[:, design.std() > 0]
    quiet = design.columns[(design.ne(0).mul(y, axis=0).sum() == 0)]
    design = design.drop(columns=quiet).T.drop_duplicates().T  # not-logged == untracked
    return sm.GLM(y, sm.add_constant(design), family=sm.families.Poisson()).fit(scale="X2")


def test_rate_ratio_is_exp_of_a_direct_statsmodels_fit() -> None:
    frame = small_frame()
    results = trigger_tests(frame, [CAFFEINE, STRESS])
    for entry, step in ((results[0], 100.0), (results[1], 100.0), (results[2], 1.0)):
        column = "caffeine_mg" if entry["factor"] == "caffeine_mg" else "stress"
        fit = direct_fit(frame, column, step, entry["lag_days"])
        assert entry["rate_ratio"] == pytest.approx(math.exp(fit.params["x"]), abs=1e-4)
        assert entry["n_days"] == fit.nobs
        # The CI is the quasi-Poisson one or wider: the autocorrelation factor never narrows it.
        low, high = np.exp(fit.conf_int().loc["x"])
        assert entry["ci_low"] <= low + 1e-4 and entry["ci_high"] >= high - 1e-4


def test_q_values_are_benjamini_hochberg() -> None:
    frame = small_frame()
    results = trigger_tests(frame, [CAFFEINE, STRESS, ALCOHOL])
    p_values = [entry["p_value"] for entry in results]
    expected = multipletests(p_values, method="fdr_bh")[1]
    assert [entry["q_value"] for entry in results] == pytest.approx(expected, rel=1e-3)
    raw = [0.001, 0.04, 0.03, 0.5, 0.2, 0.049]
    assert benjamini_hochberg(raw) == pytest.approx(multipletests(raw, method="fdr_bh")[1])


def test_adjusted_model_matches_a_direct_multivariable_fit() -> None:
    frame = small_frame()
    triggers = trigger_tests(frame, [CAFFEINE, STRESS])
    adjusted = adjusted_model(frame, [CAFFEINE, STRESS], triggers)
    keep = frame["tracked"] & frame["caffeine_mg"].notna() & frame["stress"].notna()
    controls = covariates(frame)[keep]
    design = pd.concat([frame.loc[keep, "caffeine_mg"] / 100, frame.loc[keep, "stress"], controls], axis=1)
    design = sm.add_constant(design.loc[:, design.std() > 0])
    fit = sm.GLM(frame.loc[keep, "episodes"], design, family=sm.families.Poisson()).fit()
    assert [entry["factor"] for entry in adjusted] == ["caffeine_mg", "stress"]
    assert adjusted[0]["rate_ratio"] == pytest.approx(math.exp(fit.params["caffeine_mg"]), abs=1e-4)
    assert adjusted[1]["rate_ratio"] == pytest.approx(math.exp(fit.params["stress"]), abs=1e-4)
    assert adjusted[0]["n_days"] == int(keep.sum())


def test_correlations_are_spearman_on_tracked_days() -> None:
    frame = small_frame()
    table = factor_correlations(frame, [CAFFEINE, STRESS])
    tracked = frame[frame["tracked"]]
    both = tracked[["caffeine_mg", "stress"]].dropna()
    from scipy.stats import spearmanr

    assert table == [
        {
            "factor_a": "caffeine_mg",
            "factor_b": "stress",
            "rho": pytest.approx(spearmanr(both["caffeine_mg"], both["stress"])[0], abs=1e-3),
            "n_days": len(both),
        }
    ]


def test_high_and_low_days_split_at_the_median() -> None:
    frame = small_frame()
    entry = trigger_tests(frame, [STRESS])[0]
    tracked = frame[frame["tracked"]]
    median = tracked["stress"].median()
    high = tracked[tracked["stress"] >= median]
    assert entry["high_days"] == len(high)
    assert entry["high_mean"] == pytest.approx(high["episodes"].mean(), abs=1e-4)
    assert entry["summary"].startswith(f"On days with stress {median:g} or more you logged")


def test_below_28_days_everything_is_insufficient() -> None:
    frame = small_frame(days=20)  # 18 tracked days
    results = trigger_tests(frame, [STRESS])
    assert [entry["confidence"] for entry in results] == ["insufficient", "insufficient"]
    assert results[0]["rate_ratio"] is None and results[0]["q_value"] is None
    assert results[0]["summary"] == "stress (same day): not enough data yet — about 10 more days"


def test_a_factor_needs_seven_days_on_each_side() -> None:
    frame = small_frame()
    tracked_days = frame.index[frame["tracked"]]
    frame["alcohol"] = 0.0
    frame.loc[tracked_days[:5], "alcohol"] = 1.0  # 5 yes days out of 64
    entry = trigger_tests(frame, [ALCOHOL])[0]
    assert entry["confidence"] == "insufficient"
    assert "not enough data yet — about" in entry["summary"]
    assert entry["days_needed"] > 0


def test_confidence_labels_follow_the_day_counts() -> None:
    assert trigger_tests(small_frame(days=70), [STRESS])[0]["confidence"] == "provisional"
    assert trigger_tests(small_frame(days=100), [STRESS])[0]["confidence"] == "confident"
