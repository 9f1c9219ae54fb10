"""The trigger model against statsmodels and scipy computed directly, and the data minimums."""

from __future__ import annotations

import datetime as dt
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from statsmodels.stats.multitest import multipletests

from tracker.analysis.adjusted import factor_correlations
from tracker.analysis.frame import daily_frame
from tracker.analysis.model import time_basis, trigger_report
from tracker.analysis.poisson import benjamini_hochberg, covariates
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


def direct_fit(frame: pd.DataFrame, steps: dict[str, float]) -> sm.GLM:
    """The model fitted straight with statsmodels' default IRLS: each factor at lags 0 and 1
    (mean-filled, with a not-logged flag), the count two days back, weekday, time."""
    keep = frame["episodes"].notna()
    columns = {}
    for column, step in steps.items():
        for lag in (0, 1):
            x = frame[column].shift(lag)[keep] / step
            columns[f"{column}_{lag}"] = x.fillna(x.mean())
            if x.isna().any():
                columns[f"{column}_{lag}_missing"] = x.isna().astype(float)
    design = pd.concat([pd.DataFrame(columns), covariates(frame, 1)[keep]], axis=1)
    day = np.flatnonzero(keep.to_numpy()).astype(float)
    design["time"] = time_basis(day)[:, 0]
    design = design.loc[:, design.std() > 0]
    quiet = design.columns[(design.ne(0).mul(frame.loc[keep, "episodes"], axis=0).sum() == 0)]
    design = design.drop(columns=quiet).T.drop_duplicates().T  # not-logged == unanswered
    model = sm.GLM(frame.loc[keep, "episodes"], sm.add_constant(design), family=sm.families.Poisson())
    return model.fit(cov_type="HC0")


def estimates(frame: pd.DataFrame, factors) -> list[dict]:
    return [estimate.to_json() for estimate in trigger_report(frame, factors).estimates]


def test_rate_ratios_are_exp_of_one_direct_statsmodels_fit() -> None:
    frame = small_frame()
    results = estimates(frame, [CAFFEINE, STRESS])
    fit = direct_fit(frame, {"caffeine_mg": 100.0, "stress": 1.0})
    for entry in results:
        name = f"{entry['factor']}_{entry['lag_days']}"
        assert entry["rate_ratio"] == pytest.approx(math.exp(fit.params[name]), abs=1e-4)
        # The CI is the plain sandwich one or wider: HC3 scales each residual up by its
        # leverage, and the autocorrelation factor never narrows it.
        low, high = np.exp(fit.conf_int().loc[name])
        assert entry["ci_low"] <= low + 1e-4 and entry["ci_high"] >= high - 1e-4
    assert results[0]["n_days"] == int(frame["caffeine_mg"][frame["episodes"].notna()].notna().sum())


def test_q_values_are_benjamini_hochberg() -> None:
    frame = small_frame()
    results = estimates(frame, [CAFFEINE, STRESS, ALCOHOL])
    p_values = [entry["p_value"] for entry in results]
    expected = multipletests(p_values, method="fdr_bh")[1]
    assert [entry["q_value"] for entry in results] == pytest.approx(expected, rel=1e-3)
    raw = [0.001, 0.04, 0.03, 0.5, 0.2, 0.049]
    assert benjamini_hochberg(raw) == pytest.approx(multipletests(raw, method="fdr_bh")[1])


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
    entry = estimates(frame, [STRESS])[0]
    answered_days = frame[frame["episodes"].notna()]
    median = answered_days["stress"].median()
    high = answered_days[answered_days["stress"] >= median]
    assert entry["described"]["high_days"] == len(high)
    assert entry["described"]["high_mean"] == pytest.approx(high["episodes"].mean(), abs=1e-4)
    assert entry["described"]["condition"] == f"On days with stress {median:g} or more"


def test_below_28_days_everything_is_insufficient() -> None:
    frame = small_frame(days=20)  # 18 tracked days
    results = estimates(frame, [STRESS])
    assert [entry["confidence"] for entry in results] == ["insufficient", "insufficient"]
    assert results[0]["rate_ratio"] is None and results[0]["q_value"] is None
    assert results[0]["reason"] == "few-answered-days" and results[0]["days_needed"] == 10


def test_a_factor_needs_seven_days_on_each_side() -> None:
    frame = small_frame()
    tracked_days = frame.index[frame["tracked"]]
    frame["alcohol"] = 0.0
    frame.loc[tracked_days[:5], "alcohol"] = 1.0  # 5 yes days out of 64
    entry = estimates(frame, [ALCOHOL])[0]
    assert entry["confidence"] == "insufficient" and entry["reason"] == "few-days"
    assert entry["days_needed"] > 0


def test_confidence_labels_follow_the_day_counts() -> None:
    assert estimates(small_frame(days=70), [STRESS])[0]["confidence"] == "limited"
    assert estimates(small_frame(days=100), [STRESS])[0]["confidence"] == "ample"
