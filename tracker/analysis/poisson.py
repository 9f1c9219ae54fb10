"""The statistics under the trigger model: the Poisson rate-ratio fit with sandwich errors
widened for autocorrelation, its carry-over and weekday covariates, and the
Benjamini-Hochberg correction. Pure functions of arrays and frames; numpy, scipy and
statsmodels load inside them (tracker.analysis.model explains the model).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


@dataclass(frozen=True)
class Fit:
    rate_ratio: float
    ci_low: float
    ci_high: float
    p_value: float


def covariates(frame: pd.DataFrame, lag: int = 0) -> pd.DataFrame:
    """The carry-over and weekday covariates for each day of a daily frame.

    `log1p_before` is log(1 + the count on the day before the exposure day, i.e. 1 + lag
    days back), 0 when that day's twitches were not answered, which `before_unanswered`
    marks. Going back past the exposure day matters for lag 1: yesterday's count is partly
    caused by yesterday's factor, and adjusting for it would bias the lag-1 rate ratio
    towards "fewer". `dow_1`..`dow_6` are weekday indicators (Monday = 0).
    """
    import pandas as pd  # deferred: ~250 ms

    back = 1 + lag
    before = frame["episodes"].shift(back)
    before_answered = before.notna()
    out = pd.DataFrame(index=frame.index)
    out["log1p_before"] = before.where(before_answered, 0.0).map(math.log1p)
    out["before_unanswered"] = (~before_answered).astype(float)
    weekday = cast("pd.DatetimeIndex", frame.index).day_of_week  # a daily frame is indexed by date
    for day in range(1, 7):
        out[f"dow_{day}"] = (weekday == day).astype(float)
    return out


def fit_rate_ratio(y: np.ndarray, exposure: np.ndarray, controls: np.ndarray, *, max_lag: int = 28) -> list[Fit | None]:
    """Rate ratios per unit of each exposure column, with 95% CIs and p-values
    (None where the model has no finite estimate).

    Rows are the answered days (tracker.analysis.frame.answered) in date order. The point
    estimates are Poisson maximum likelihood (_poisson_fit); the standard errors are HC3 sandwich ones
    (_hc3_standard_errors) widened by the effective-sample-size factor
    1 + 2 sum_k w_k r_a(k) r_e(k), where r_a and r_e are the autocorrelations of the
    exposure (after the other columns) and of the Pearson residuals (Bartlett 1935;
    Dutilleul 1993), w_k a Bartlett taper up to max_lag days.
    The factor is never below 1, and the t reference uses the effective day count.
    The quasi-Poisson errors used before were 16% too narrow for a strong effect on
    negative binomial days, and let a shared trend through in 12% of no-effect diaries.
    Controls without a finite estimate (constant, or only on quiet days) are dropped.
    """
    import numpy as np
    from scipy import special  # deferred; special, not stats: importing scipy.stats costs about a second

    if controls.size:
        # A control that is constant, or non-zero only on days without twitches (two
        # unanswered yesterdays, both quiet), has no finite estimate: leave it out.
        useful = (np.ptp(controls, axis=0) > 0) & ((controls != 0).T @ y > 0)
        controls = controls[:, useful]
    design = np.column_stack([np.ones(len(y)), exposure, controls])
    kept = _independent_columns(design)
    design = design[:, kept]
    fitted = _poisson_fit(y, design)
    if fitted is None:
        # Separation: e.g. not one twitch on any high day yet. No finite rate ratio.
        return [None] * exposure.shape[1]
    params, mu = fitted
    root_mu = np.sqrt(mu)
    weighted = design * root_mu[:, None]
    bread = np.linalg.pinv(weighted.T @ weighted)  # the inverse information, shared by all below
    base_se = _hc3_standard_errors(design, weighted, bread, y, mu)
    n, width = design.shape
    lags = max(1, min(max_lag, n // 4))
    taper = 1.0 - np.arange(1, lags + 1) / (lags + 1)
    residual_acf = _acf((y - mu) / root_mu, lags)
    fits: list[Fit | None] = []
    for column in range(1, 1 + exposure.shape[1]):
        if column not in kept:  # the earlier columns already span it: no estimate of its own
            fits.append(None)
            continue
        j = kept.index(column)
        # The exposure as the score sees it: weighted, with the other columns taken out. Its
        # residual on the others is the j-th column of X (X'X)^-1, scaled: no refit per column.
        partial = weighted @ bread[:, j] / bread[j, j]
        inflation = max(1.0, 1.0 + 2.0 * float(np.sum(taper * _acf(partial, lags) * residual_acf)))
        coef, se = float(params[j]), float(base_se[j]) * math.sqrt(inflation)
        # Separation (not one twitch on any high day, say): the likelihood keeps rising as the
        # coefficient runs off; past e^10 per step (20,000x) it is that, not an estimate.
        if not se > 0 or abs(coef) > 10:
            fits.append(None)
            continue
        df = max(3.0, n / inflation - width)
        half_width = float(special.stdtrit(df, 0.975)) * se  # Student t quantile
        p_value = 2.0 * float(special.stdtr(df, -abs(coef / se)))  # two-sided t tail
        if not abs(coef) + half_width < 50:  # a factor of e^50: separation by another name
            fits.append(None)
            continue
        fits.append(Fit(math.exp(coef), math.exp(coef - half_width), math.exp(coef + half_width), p_value))
    return fits


def _poisson_fit(y: np.ndarray, design: np.ndarray, iterations: int = 60) -> tuple[np.ndarray, np.ndarray] | None:
    """The Poisson maximum-likelihood coefficients and fitted means by Newton's method, or None
    when they do not converge (separation: the likelihood keeps rising as a coefficient runs
    off to infinity). The same estimates as statsmodels' GLM (a test holds them together);
    written out because GLM's set-up takes a pseudo-inverse of the whole design, which on ten
    years of days cost more than the fit."""
    import numpy as np

    params = np.zeros(design.shape[1])
    params[0] = math.log(max(float(np.mean(y)), 0.1))
    log_likelihood = -math.inf
    for _ in range(iterations):
        mu = np.exp(np.clip(design @ params, -50.0, 50.0))
        step = np.linalg.lstsq((design * mu[:, None]).T @ design, design.T @ (y - mu), rcond=None)[0]
        # Halve a step that would lower the likelihood (far from the optimum Newton overshoots).
        for _halving in range(30):
            candidate = params + step
            eta = np.clip(design @ candidate, -50.0, 50.0)
            candidate_likelihood = float(y @ eta - np.exp(eta).sum())
            if candidate_likelihood >= log_likelihood - 1e-9:
                break
            step = step / 2.0
        params, gain, log_likelihood = candidate, candidate_likelihood - log_likelihood, candidate_likelihood
        if float(np.max(np.abs(step))) < 1e-8 or 0.0 <= gain < 1e-10:
            mu = np.exp(np.clip(design @ params, -50.0, 50.0))
            return params, mu
    return None


def _hc3_standard_errors(
    design: np.ndarray, weighted: np.ndarray, bread: np.ndarray, y: np.ndarray, mu: np.ndarray
) -> np.ndarray:
    """Sandwich standard errors with each day's residual scaled by 1 / (1 - leverage), as
    HC3 does for least squares (MacKinnon and White 1985): the variance of a count is not
    a fixed multiple of its mean (negative binomial days vary more on twitchy days), and
    with a few dozen columns on a few hundred days the plain sandwich is too small.
    `weighted` is the design times sqrt(mu), `bread` the inverse of its cross-product."""
    import numpy as np

    # Each row's x' B x, through one matrix product: einsum's three-operand loop took 15x as
    # long on ten years of days, more than the rest of the fit.
    leverage = ((weighted @ bread) * weighted).sum(axis=1)
    scores = design * ((y - mu) / np.clip(1.0 - leverage, 0.05, None))[:, None]
    covariance = bread @ (scores.T @ scores) @ bread
    return cast("np.ndarray", np.sqrt(np.clip(np.diag(covariance), 0.0, None)))


def _independent_columns(design: np.ndarray) -> list[int]:
    """Columns in order, skipping any that the earlier ones already span (a not-logged
    indicator that matches the unanswered-yesterday one, say): R's diagonal in a QR without
    pivoting is what is left of each column after the ones before it."""
    import numpy as np

    norms = np.linalg.norm(design, axis=0)
    residual = np.abs(np.diag(np.linalg.qr(design, mode="r")))
    return [j for j in range(design.shape[1]) if norms[j] > 0 and residual[j] > 1e-9 * norms[j]]


def _acf(values: np.ndarray, lags: int) -> np.ndarray:
    """Autocorrelations at lags 1..lags (0 for a constant series)."""
    import numpy as np

    centred = values - values.mean()
    total = float(centred @ centred)
    if total == 0.0:
        return np.zeros(lags)
    return np.array([centred[:-k] @ centred[k:] / total for k in range(1, lags + 1)])


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """BH-adjusted q-values, in the order given (the same as statsmodels' fdr_bh)."""
    n = len(p_values)
    order = sorted(range(n), key=lambda i: p_values[i])
    q = [0.0] * n
    running = 1.0
    for rank in range(n, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * n / rank)
        q[i] = running
    return q
