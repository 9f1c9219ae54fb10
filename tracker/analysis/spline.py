"""The natural cubic regression spline of calendar time that the trigger model adjusts for,
built with numpy alone.

It is the basis patsy's `cr(x, df, constraints='center')` builds (Wood 2006, Generalized
Additive Models, pp. 145-146: the spline's values at knots placed at equally spaced quantiles
of x, with the centring constraint absorbed by a QR step), the same numbers to rounding
(tests/analysis/test_time_spline.py holds them together). patsy is not used because it reaches
it through scipy.linalg, whose import, with patsy's formula machinery, was a tenth to a third
of a second that only diaries longer than five months paid: most of the extra time a ten-year
`tracker analyze` took over a 90-day one, after reading the diary. scipy.interpolate's
B-splines would cost more to import than both, and are not the natural basis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import numpy as np


def natural_cubic_spline(x: np.ndarray, df: int) -> np.ndarray:
    """A (len(x), df) basis of the natural cubic splines through df + 1 knots (at x's minimum,
    its maximum and equally spaced quantiles of its distinct values between), each column
    summing to zero over x, so the model's intercept stays apart. Raises ValueError when x has
    too few distinct values for the knots."""
    import numpy as np

    inner_count = df - 1  # df columns: df + 1 knots less the one the centring takes
    distinct = np.unique(x)
    quantiles = np.linspace(0, 100, inner_count + 2)[1:-1]
    inner = np.percentile(distinct, quantiles.tolist()) if distinct.size else np.array([])
    knots = np.unique(np.concatenate(([x.min(), x.max()], inner)))
    if knots.size != inner_count + 2:
        raise ValueError(f"{df} degrees of freedom need {inner_count + 2} distinct knots; x has {distinct.size} values")
    free = _free_basis(x, knots)
    # The centring constraint (each column's mean, the fitted curve's mean as a function of the
    # coefficients) absorbed: the free basis times the null space of that one row.
    q, _ = np.linalg.qr(free.mean(axis=0)[:, None], mode="complete")
    return cast("np.ndarray", free @ q[:, 1:])


def _free_basis(x: np.ndarray, knots: np.ndarray) -> np.ndarray:
    """The unconstrained basis: column k is the natural cubic spline that is 1 at knot k and 0
    at the others (linear beyond the end knots)."""
    import numpy as np

    lower = np.searchsorted(knots, x) - 1  # the knot interval each x falls in
    lower[lower == -1] = 0
    lower[lower == knots.size - 1] = knots.size - 2
    upper = lower + 1
    h = knots[1:] - knots[:-1]
    hj = h[lower]
    to_upper, from_lower = knots[upper] - x, x - knots[lower]
    cubic_down = to_upper * to_upper * to_upper / (6.0 * hj)
    cubic_down[x > knots[-1]] = 0.0
    cubic_up = from_lower * from_lower * from_lower / (6.0 * hj)
    cubic_up[x < knots[0]] = 0.0
    identity, curvature = np.identity(knots.size), _second_derivatives(knots)
    return cast(
        "np.ndarray",
        (to_upper / hj)[:, None] * identity[lower]
        + (from_lower / hj)[:, None] * identity[upper]
        + (cubic_down - hj * to_upper / 6.0)[:, None] * curvature[lower]
        + (cubic_up - hj * from_lower / 6.0)[:, None] * curvature[upper],
    )


def _second_derivatives(knots: np.ndarray) -> np.ndarray:
    """The matrix taking a natural cubic spline's values at the knots to its second derivatives
    there (zero at both ends: that is what makes it natural)."""
    import numpy as np

    h = knots[1:] - knots[:-1]
    inner = knots.size - 2
    band = np.diag((h[:-1] + h[1:]) / 3.0) + np.diag(h[1:-1] / 6.0, 1) + np.diag(h[1:-1] / 6.0, -1)
    differences = np.zeros((inner, knots.size))
    for i in range(inner):
        differences[i, i] = 1.0 / h[i]
        differences[i, i + 2] = 1.0 / h[i + 1]
        differences[i, i + 1] = -differences[i, i] - differences[i, i + 2]
    middle = np.linalg.solve(band, differences)  # tridiagonal, a few dozen rows: dense is fine
    return np.vstack([np.zeros(knots.size), middle, np.zeros(knots.size)])
