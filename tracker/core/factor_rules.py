"""The rules a factor's values obey, on the standard library alone.

The store (tracker.storage.factors) and the quick write path of `tracker log`
(tracker.storage.quick_log) both check a value here, so a value one of them refuses the other
refuses too, with the same words. A factor is anything with the stored factor's fields: the
SQLModel row, or the quick path's plain tuple.
"""

from __future__ import annotations

from typing import Protocol

from tracker.core import validate
from tracker.core.formatting import format_number, range_words
from tracker.core.vocabulary import DailyRule, FactorKind
from tracker.errors import InputError

MAX_BOUND = 1e9


class FactorFields(Protocol):
    """What the rules read of a factor."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def min_value(self) -> float | None: ...
    @property
    def max_value(self) -> float | None: ...
    @property
    def daily_rule(self) -> str: ...


def factor_bounds(factor: FactorFields) -> tuple[float, float]:
    """The lowest and highest value a factor takes: 0 when it sets no minimum, MAX_BOUND (a
    guard against typos, never shown as the factor's range) when it sets no maximum."""
    low = factor.min_value if factor.min_value is not None else 0.0
    high = factor.max_value if factor.max_value is not None else MAX_BOUND
    return low, high


def allowed_values(factor: FactorFields) -> str:
    """What a factor takes, in words for a hint: "1 for yes, 0 for no", "0–1000 mg"."""
    if factor.kind == FactorKind.YES_NO:
        return "1 for yes, 0 for no"
    low, _ = factor_bounds(factor)
    return range_words(low, factor.max_value, factor.unit)


def check_factor_value(factor: FactorFields, value: float, *, field: str) -> float:
    """The value, checked against the factor's kind and bounds (InputError if outside them)."""
    low, high = factor_bounds(factor)
    if factor.kind == FactorKind.YES_NO and value not in (0, 1):
        raise InputError(field, value, "yes or no (1 or 0)")
    if factor.max_value is None and factor.kind == FactorKind.NUMBER and value > high:
        raise InputError(field, value, f"less than {format_number(high)}: a typo, surely")
    return validate.number_in_range(field, value, low, high, factor.unit)


def caps_day_total(factor: FactorFields) -> bool:
    """Whether the factor's day holds at most its highest value (a summed factor with a maximum)."""
    return factor.daily_rule == DailyRule.SUM and factor.max_value is not None


def refuse_past_day_total(factor: FactorFields, logged: float, value: float) -> None:
    """Refuse `value` when the day's `logged` total plus it passes the factor's highest value:
    the range is what a day can hold (no day has 26 h of sleep), not only what one entry can."""
    if not caps_day_total(factor) or factor.max_value is None or logged + value <= factor.max_value:
        return
    room = max(factor.max_value - logged, 0.0)
    unit = f" {factor.unit}" if factor.unit else ""
    raise InputError(
        factor.name,
        format_number(value),
        f"at most {format_number(room)}{unit} more: the day already has {format_number(logged)}{unit}, "
        f"and a day holds up to {format_number(factor.max_value)}{unit}",
    )
