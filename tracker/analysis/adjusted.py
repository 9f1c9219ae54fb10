"""How the factors move with each other: which habits might stand in for one another. The
trigger model (tracker.analysis.model) adjusts each estimate for the others; this says
which pairs that matters for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from tracker.analysis.config import AnalysisConfig
from tracker.analysis.triggers import FactorLike

if TYPE_CHECKING:
    import pandas as pd


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
