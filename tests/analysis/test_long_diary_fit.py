"""The trend spline the trigger model adjusts for: the same basis, and so the same estimates,
as patsy's `cr` gave; the sandwich errors as statsmodels computes them; and a long diary's analysis no
longer loads patsy or scipy.linalg."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from patsy import dmatrix  # type: ignore[import-untyped]  # the reference the basis is held to

from tests.analysis.conftest import END, FACTORS
from tracker.analysis import model
from tracker.analysis.frame import analysis_frame
from tracker.analysis.model import time_basis, trigger_report
from tracker.analysis.poisson import Fit
from tracker.demo.synthetic import generate_diary


def patsy_time_basis(day: np.ndarray) -> np.ndarray:
    """time_basis as it was built with patsy: the reference."""
    span = float(day.max() - day.min())
    df = round(span / model.DAYS_PER_KNOT)
    centred = (day - day.mean()) / max(span, 1.0)
    if df < 3:
        return centred[:, None]
    return np.asarray(dmatrix(f"cr(x, df={df}, constraints='center') - 1", {"x": centred}, return_type="matrix"))


@pytest.mark.parametrize("days, skipped", [(3650, 0.3), (400, 0.1), (180, 0.0), (240, 0.5)])
def test_the_basis_is_patsys_to_rounding(days: int, skipped: float) -> None:
    rng = np.random.default_rng(days)
    day = np.flatnonzero(rng.random(days) >= skipped).astype(float)  # answered days, with gaps
    ours, reference = time_basis(day), patsy_time_basis(day)
    assert ours.shape == reference.shape and ours.shape[1] >= 3
    np.testing.assert_allclose(ours, reference, rtol=0, atol=1e-12)


def recorded_fits(frame, monkeypatch: pytest.MonkeyPatch, basis) -> list[Fit | None]:
    """The model's unrounded estimates for every factor and lag, with `basis` as the trend."""
    fits: list[Fit | None] = []
    fit = model.fit_rate_ratio

    def recording(*args, **kwargs):  # passes through whatever the model is given
        result = fit(*args, **kwargs)
        fits.extend(result)
        return result

    monkeypatch.setattr(model, "time_basis", basis)
    monkeypatch.setattr(model, "fit_rate_ratio", recording)
    trigger_report(frame, FACTORS)
    monkeypatch.undo()
    return fits


def test_ten_years_of_estimates_are_what_patsys_basis_gave(monkeypatch: pytest.MonkeyPatch) -> None:
    diary = generate_diary(days=3650, seed=11, end=END)
    frame = analysis_frame(diary.daily_rows(), FACTORS)
    ours = recorded_fits(frame, monkeypatch, time_basis)
    reference = recorded_fits(frame, monkeypatch, patsy_time_basis)
    assert len(ours) == len(reference) > 2  # the factors' fits, then the trend's
    assert sum(fit is not None for fit in ours) >= len(FACTORS)
    for new, old in zip(ours, reference, strict=True):
        assert (new is None) == (old is None)
        if new is not None and old is not None:
            for name in ("rate_ratio", "ci_low", "ci_high", "p_value"):
                assert getattr(new, name) == pytest.approx(getattr(old, name), rel=1e-9, abs=1e-12), name


def test_a_long_diary_is_analysed_without_patsy_or_scipy_linalg() -> None:
    """Those two loaded only for diaries over five months, and cost a ten-year analysis more
    than its model fit."""
    code = (
        "import sys, json\n"
        "from tests.analysis.conftest import analyze_diary\n"
        "from tracker.demo.synthetic import generate_diary\n"
        "import datetime as dt\n"
        "result = analyze_diary(generate_diary(days=400, seed=3, end=dt.date(2026, 11, 24)))\n"
        "assert any(t['rate_ratio'] is not None for t in result['triggers'])\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "numpy" in loaded
    assert not {"patsy", "scipy.linalg"} & loaded


def test_hc3_errors_use_each_days_leverage_as_statsmodels_computes_it() -> None:
    """The sandwich errors' leverage is the diagonal of the weighted hat matrix, the same
    numbers statsmodels' GLM influence gives, and the HC3 errors follow from it."""
    import statsmodels.api as sm

    from tracker.analysis.poisson import _hc3_standard_errors, _poisson_fit

    rng = np.random.default_rng(5)
    design = np.column_stack([np.ones(300), rng.normal(size=(300, 4))])
    y = rng.poisson(np.exp(0.3 + design[:, 1:] @ np.array([0.2, -0.1, 0.0, 0.05]))).astype(float)
    fitted = _poisson_fit(y, design)
    assert fitted is not None
    params, mu = fitted
    weighted = design * np.sqrt(mu)[:, None]
    bread = np.linalg.inv(weighted.T @ weighted)
    ours = _hc3_standard_errors(design, weighted, bread, y, mu)

    glm = sm.GLM(y, design, family=sm.families.Poisson()).fit()
    np.testing.assert_allclose(params, glm.params, rtol=1e-7)
    leverage = glm.get_influence().hat_matrix_diag
    scores = design * ((y - glm.mu) / (1.0 - leverage))[:, None]
    covariance = np.linalg.inv(weighted.T @ weighted) @ (scores.T @ scores) @ np.linalg.inv(weighted.T @ weighted)
    np.testing.assert_allclose(ours, np.sqrt(np.diag(covariance)), rtol=1e-6)
