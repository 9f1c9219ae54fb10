"""Every factor together: one model adjusting each rate ratio for the others, and how the
factors move with each other (which habits might stand in for one another)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from tracker.analysis.config import AnalysisConfig
from tracker.analysis.frame import answered
from tracker.analysis.poisson import covariates, fit_rate_ratio
from tracker.analysis.triggers import FactorLike, significant_figures, step_for

if TYPE_CHECKING:
    import pandas as pd


def adjusted_model(
    frame: pd.DataFrame,
    factors: Sequence[FactorLike],
    triggers: Sequence[dict[str, Any]],
    config: AnalysisConfig | None = None,
) -> list[dict[str, Any]]:
    """Every factor with enough same-day data in one model, so each rate ratio is adjusted
    for the others. Empty when fewer than two factors qualify or too few days have them all."""
    config = config or AnalysisConfig()
    sufficient = {e["factor"] for e in triggers if e["lag_days"] == 0 and e["p_value"] is not None}
    chosen = [factor for factor in factors if factor.column in sufficient]
    if len(chosen) < 2:
        return []
    columns = [factor.column for factor in chosen]
    keep = answered(frame).to_numpy(dtype=bool) & frame[columns].notna().all(axis=1).to_numpy()
    n = int(keep.sum())
    if n < config.min_tracked_days:
        return []
    steps = [step_for(factor, frame.loc[frame["tracked"], factor.column]) for factor in chosen]
    exposure = frame.loc[keep, columns].to_numpy() / [step for step, _ in steps]
    controls = covariates(frame).to_numpy()[keep]
    fitted = fit_rate_ratio(frame["episodes"].to_numpy()[keep], exposure, controls, max_lag=config.autocorrelation_lags)
    fits = [fit for fit in fitted if fit is not None]
    if len(fits) < len(fitted):
        return []
    return [
        {
            "factor": factor.column,
            "name": factor.name,
            "per": per,
            "rate_ratio": round(fit.rate_ratio, 4),
            "ci_low": round(fit.ci_low, 4),
            "ci_high": round(fit.ci_high, 4),
            "p_value": significant_figures(fit.p_value),
            "n_days": n,
        }
        for factor, (_, per), fit in zip(chosen, steps, fits, strict=True)
    ]


def factor_correlations(
    frame: pd.DataFrame, factors: Sequence[FactorLike], config: AnalysisConfig | None = None
) -> list[dict[str, Any]]:
    """Pairwise Spearman correlations between factors on tracked days (pairwise complete),
    so a reader can see which habits move together and might stand in for each other."""
    config = config or AnalysisConfig()
    tracked = frame.loc[frame["tracked"], [factor.column for factor in factors]]
    present = tracked.notna().astype(float)
    pair_days = present.T @ present
    rho = tracked.corr(method="spearman", min_periods=config.min_tracked_days)
    out = []
    for i, a in enumerate(rho.columns):
        for b in rho.columns[i + 1 :]:
            value = cast(float, rho.at[a, b])  # a correlation, or NaN
            out.append(
                {
                    "factor_a": a,
                    "factor_b": b,
                    "rho": None if value != value else round(float(value), 3),
                    "n_days": int(cast(float, pair_days.at[a, b])),
                }
            )
    return out
