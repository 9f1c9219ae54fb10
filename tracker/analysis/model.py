"""The primary trigger model: every factor, on the same day and the day before, in one
count model of the day's twitches, adjusted for the time trend, the weekday and carry-over.

Rows are the days whose twitches were answered (a twitch or "no twitches" logged). Columns:

- each factor at lag 0 and lag 1 (a distributed lag), per a friendly step (100 mg, 1 h), a
  day not logged mean-filled with a not-logged indicator, so one gap does not drop the day;
  with both days in one model a same-day effect is not also reported as a "day before" one;
- carry-over: the count two days before (log1p, with an unanswered indicator). Two days
  back, not one: yesterday's count is partly caused by yesterday's factor, and holding it
  fixed would make a same-day effect read as a "day before" one with the opposite sign;
- a natural cubic spline of calendar time with a knot about every 60 days (the basis of
  patsy's `cr`, built by tracker.analysis.spline),
  so a slow fade in twitching is not credited to a habit that changed over the same months;
- the weekday.

Point estimates come from a Poisson GLM; the standard errors are an HC3 sandwich (for
overdispersion that grows with the count) widened for autocorrelation by an
effective-sample-size factor, with a t reference on the effective day count
(tracker.analysis.poisson.fit_rate_ratio). Benjamini-Hochberg then controls the false
discovery rate across every factor and lag. docs/analysis.md has the calibration evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from tracker.analysis.adjusted import factor_correlations
from tracker.analysis.config import AnalysisConfig
from tracker.analysis.findings import (
    AMPLE,
    BASE_ADJUSTMENTS,
    FEW_CHANGES,
    FEW_DAYS,
    LIMITED,
    MOVES_TOGETHER,
    NEVER_VARIES,
    NO_ESTIMATE,
    NO_TWITCHES,
    NOT_LOGGED,
    TOO_FEW_ANSWERED,
    Described,
    LoggingBalance,
    Trend,
    TriggerEstimate,
    TriggerReport,
)
from tracker.analysis.frame import answered
from tracker.analysis.poisson import Fit, benjamini_hochberg, covariates, fit_rate_ratio
from tracker.analysis.triggers import FactorLike, condition, days_needed, significant_figures, split, step_for

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

LAGS = (0, 1)
CARRY_OVER_DAYS = 2  # carry-over is the count this many days back
DAYS_PER_KNOT = 60
TREND_WINDOW_DAYS = 28  # the raw first/last means of the trend are over four weeks answered
UNEVEN_LOGGING = 0.2  # twitchy and quiet days logged 20 points apart: "log quiet days too"


def trigger_report(
    frame: pd.DataFrame, factors: Sequence[FactorLike], config: AnalysisConfig | None = None
) -> TriggerReport:
    """The primary model's estimates, two per factor (lag 0 then lag 1, in the order given),
    q-values across all of them, with the trend, logging balance and correlations."""

    config = config or AnalysisConfig()
    rows = answered(frame).to_numpy(dtype=bool)
    y = frame["episodes"].to_numpy()[rows]
    n_answered, n_twitchy = int(rows.sum()), int((y > 0).sum())
    steps = {f.column: step_for(f, frame.loc[frame["tracked"], f.column]) for f in factors}
    blocked = {f.column: _not_ready(frame, rows, f, n_answered, n_twitchy, config) for f in factors}
    chosen = [f for f in factors if blocked[f.column] is None]
    correlations = factor_correlations(frame, factors, config)
    moves = _moves_with(correlations, factors)

    fits: dict[tuple[str, int], Fit | None] = {}
    if chosen:
        exposure, controls = _design(frame, rows, chosen, steps)
        fitted = fit_rate_ratio(y, exposure, controls, max_lag=config.autocorrelation_lags)
        keys = [(f.column, lag) for f in chosen for lag in LAGS]
        fits = dict(zip(keys, fitted, strict=True))

    estimates: list[TriggerEstimate] = []
    for factor in factors:
        for lag in LAGS:
            estimates.append(
                _estimate(frame, rows, factor, lag, steps[factor.column][1], blocked[factor.column],
                          fits.get((factor.column, lag)), chosen, moves.get(factor.column, ()), config)
            )  # fmt: skip
    estimates = _with_q_values(estimates, config)
    return TriggerReport(
        estimates=tuple(estimates),
        answered_days=n_answered,
        twitch_days=n_twitchy,
        model_days=n_answered if chosen else 0,
        trend=_trend(frame, rows, config) if n_answered >= config.min_tracked_days and n_twitchy else None,
        logging=tuple(_logging_balance(frame, rows, factors, config)),
        correlations=tuple(correlations),
        alpha=config.alpha,
    )


def _not_ready(
    frame: pd.DataFrame, rows: np.ndarray, factor: FactorLike, n_answered: int, n_twitchy: int, config: AnalysisConfig
) -> tuple[str, int | None, float | None] | None:
    """(reason, days needed, the one value) when a factor cannot enter the model, else None."""
    import numpy as np

    values = frame[factor.column].to_numpy()[rows]
    logged = values[~np.isnan(values)]
    if n_answered < config.min_tracked_days:
        return TOO_FEW_ANSWERED, config.min_tracked_days - n_answered, None
    if n_twitchy == 0:
        return NO_TWITCHES, None, None
    if logged.size == 0:
        return NOT_LOGGED, config.min_tracked_days, None
    if logged.size < config.min_tracked_days:  # "6 days with magnesium logged" says more than "never varies"
        return FEW_DAYS, config.min_tracked_days - int(logged.size), None
    if float(logged.min()) == float(logged.max()):
        return NEVER_VARIES, None, float(logged[0])
    high, _, _ = split(factor, logged)
    more = days_needed(int(logged.size), int(high.sum()), config)
    if more:
        return FEW_DAYS, more, None
    # The same day and the day before are told apart only by the days the value changed; on a
    # handful of them "same day" would rest on those few days alone.
    changed = changed_days(frame, rows, factor)
    if changed < config.min_days_per_side:
        return FEW_CHANGES, None, float(changed)
    return None


def changed_days(frame: pd.DataFrame, rows: np.ndarray, factor: FactorLike) -> int:
    """Answered days on which the factor, logged that day and the day before, had changed."""
    import numpy as np

    values = frame[factor.column]
    today, before = values.to_numpy()[rows], values.shift(1).to_numpy()[rows]
    both = ~(np.isnan(today) | np.isnan(before))
    return int((today[both] != before[both]).sum())


def _design(
    frame: pd.DataFrame, rows: np.ndarray, chosen: Sequence[FactorLike], steps: dict[str, tuple[float, str]]
) -> tuple[np.ndarray, np.ndarray]:
    """The exposure columns (each chosen factor at lag 0 then lag 1) and the controls."""
    import numpy as np

    exposure, controls = [], []
    for factor in chosen:
        values = frame[factor.column] / steps[factor.column][0]
        for lag in LAGS:
            shifted = values.shift(lag).to_numpy()[rows]
            missing = np.isnan(shifted)
            fill = float(np.nanmean(shifted)) if (~missing).any() else 0.0
            exposure.append(np.where(missing, fill, shifted))
            if missing.any():
                controls.append(missing.astype(float))
    base = covariates(frame, lag=CARRY_OVER_DAYS - 1).to_numpy()[rows]  # the count two days back, the weekday
    trend = time_basis(np.flatnonzero(rows).astype(float))
    return np.column_stack(exposure), np.column_stack([*controls, base, trend])


def time_basis(day: np.ndarray) -> np.ndarray:
    """A natural cubic spline of the day number with about one degree of freedom per 60
    days of span (no intercept: the model has one). Under 150 days, a straight line; a
    spline with two or three knots on a few months of diary mostly follows noise."""

    span = float(day.max() - day.min()) if day.size else 0.0
    df = round(span / DAYS_PER_KNOT)
    centred = (day - day.mean()) / max(span, 1.0)
    if df < 3:
        return cast("np.ndarray", centred[:, None])
    from tracker.analysis.spline import natural_cubic_spline

    return natural_cubic_spline(centred, df)


def _estimate(
    frame: pd.DataFrame,
    rows: np.ndarray,
    factor: FactorLike,
    lag: int,
    per: str,
    blocked: tuple[str, int | None, float | None] | None,
    fit: Fit | None,
    chosen: Sequence[FactorLike],
    moves: tuple[tuple[str, float], ...],
    config: AnalysisConfig,
) -> TriggerEstimate:
    import numpy as np

    y = frame["episodes"].to_numpy()[rows]
    x = frame[factor.column].shift(lag).to_numpy()[rows]
    logged = ~np.isnan(x)
    base: dict[str, Any] = {
        "factor": factor.column, "name": factor.name, "lag_days": lag, "per": per, "unit": factor.unit,
        "n_days": int(logged.sum()), "days_logged": int((~np.isnan(frame[factor.column].to_numpy()[rows])).sum()),
        "moves_with": moves,
    }  # fmt: skip
    if blocked is not None:
        reason, more, value = blocked
        if reason == FEW_CHANGES:
            return TriggerEstimate(**base, reason=reason, changed_days=int(value or 0))
        return TriggerEstimate(**base, reason=reason, days_needed=more, constant_value=value)
    high, threshold, strict = split(factor, x[logged])
    more = days_needed(int(logged.sum()), int(high.sum()), config)
    if more:  # enough days for the factor, not yet for this lag (the days before were not logged)
        return TriggerEstimate(**base, reason=FEW_DAYS, days_needed=more)
    if fit is None:
        return TriggerEstimate(**base, reason=NO_ESTIMATE, days_needed=config.min_days_per_side)
    others = [f.name for f in chosen if f.column != factor.column]
    other_day = f"{factor.name} {'the day before' if lag == 0 else 'the same day'}"
    rr, low, high_ci, p = fit.rate_ratio, fit.ci_low, fit.ci_high, fit.p_value
    counts = y[logged]
    described = Described(
        condition=condition(factor, lag, threshold, strict),
        high_mean=round(float(counts[high].mean()), 4),
        low_mean=round(float(counts[~high].mean()), 4),
        high_days=int(high.sum()),
        low_days=int((~high).sum()),
    )
    n = int(logged.sum())
    return TriggerEstimate(
        **base,
        rate_ratio=round(rr, 4),
        ci_low=round(low, 4),
        ci_high=round(high_ci, 4),
        p_value=significant_figures(p),
        direction="more" if rr >= 1 else "fewer",
        confidence=AMPLE if n >= config.confident_from_days else LIMITED,
        adjusted_for=(*others, other_day, *BASE_ADJUSTMENTS),
        described=described,
    )


def _with_q_values(estimates: list[TriggerEstimate], config: AnalysisConfig) -> list[TriggerEstimate]:
    from dataclasses import replace

    tested = [i for i, e in enumerate(estimates) if e.p_value is not None]
    q_values = benjamini_hochberg([estimates[i].p_value or 0.0 for i in tested])
    out = list(estimates)
    for i, q in zip(tested, q_values, strict=True):
        out[i] = replace(out[i], q_value=significant_figures(q), association=q < config.alpha)
    return out


def _moves_with(
    correlations: Sequence[dict[str, object]], factors: Sequence[FactorLike]
) -> dict[str, tuple[tuple[str, float], ...]]:
    names = {f.column: f.name for f in factors}
    found: dict[str, list[tuple[str, float]]] = {}
    for pair in correlations:
        rho = pair["rho"]
        if isinstance(rho, float) and abs(rho) >= MOVES_TOGETHER:
            a, b = str(pair["factor_a"]), str(pair["factor_b"])
            found.setdefault(a, []).append((names[b], rho))
            found.setdefault(b, []).append((names[a], rho))
    return {column: tuple(pairs) for column, pairs in found.items()}


def _trend(frame: pd.DataFrame, rows: np.ndarray, config: AnalysisConfig) -> Trend | None:
    """A straight line on the log scale per 30 days, weekday-adjusted, its errors widened for
    autocorrelation like the factors'. The spline in the model does the adjusting; this says
    in one number which way twitching went."""
    import numpy as np

    y = frame["episodes"].to_numpy()[rows]
    day = np.flatnonzero(rows).astype(float)
    weekday = covariates(frame).to_numpy()[rows][:, 2:]  # the weekday columns only
    fit = fit_rate_ratio(y, ((day - day.mean()) / 30.0)[:, None], weekday, max_lag=config.autocorrelation_lags)[0]
    if fit is None:
        return None
    window = min(TREND_WINDOW_DAYS, len(y) // 2)
    return Trend(
        per_30_days=round(fit.rate_ratio, 4),
        ci_low=round(fit.ci_low, 4),
        ci_high=round(fit.ci_high, 4),
        first_mean=round(float(y[:window].mean()), 4),
        last_mean=round(float(y[-window:].mean()), 4),
        clear=fit.ci_low > 1 or fit.ci_high < 1,
    )


def _logging_balance(
    frame: pd.DataFrame, rows: np.ndarray, factors: Sequence[FactorLike], config: AnalysisConfig
) -> list[LoggingBalance]:
    """Each factor's share of twitchy and of quiet answered days with a value logged."""
    import numpy as np

    y = frame["episodes"].to_numpy()[rows]
    twitchy, quiet = y > 0, y == 0
    out = []
    for factor in factors:
        logged = ~np.isnan(frame[factor.column].to_numpy()[rows])
        if not logged.any() or not twitchy.any() or not quiet.any():
            continue
        on_twitchy, on_quiet = float(logged[twitchy].mean()), float(logged[quiet].mean())
        enough = min(int(twitchy.sum()), int(quiet.sum())) >= config.min_days_per_side
        out.append(
            LoggingBalance(
                factor=factor.column,
                name=factor.name,
                twitchy_days=int(twitchy.sum()),
                quiet_days=int(quiet.sum()),
                twitchy_share=round(on_twitchy, 3),
                quiet_share=round(on_quiet, 3),
                uneven=enough and abs(on_twitchy - on_quiet) >= UNEVEN_LOGGING,
            )
        )
    return out
