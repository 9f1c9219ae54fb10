"""The rules a factor's values obey, on the standard library alone.

The store (tracker.storage.factors) and the quick write path of `tracker log`
(tracker.storage.quick_log) both check a value here, so a value one of them refuses the other
refuses too, with the same words. A factor is anything with the stored factor's fields: the
SQLModel row, or the quick path's plain tuple.
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from tracker.core import validate
from tracker.core.formatting import amount_words, format_number, range_words
from tracker.core.vocabulary import BUILTIN_FACTORS, DailyRule, FactorKind
from tracker.errors import InputError, StoredValueError

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


class StoredFactor(FactorFields, Protocol):
    """A factor as stored: what the rules read, and what says which row it is and whether it is built in."""

    @property
    def id(self) -> int | None: ...
    @property
    def column(self) -> str: ...
    @property
    def builtin(self) -> bool: ...


BUILTIN_BY_NAME = {factor.name: factor for factor in BUILTIN_FACTORS}


def foreign_definition(factor: StoredFactor) -> StoredValueError | None:
    """The first field of a stored factor that tracker would never have written, as the error
    naming it; None when the row is one tracker writes.

    Each field alone may hold a value tracker writes and the row still be one it never wrote:
    caffeine in kg, a yes-no factor from 0 to 5, a scale without a top. Built-in factors keep
    their name, column, kind and unit (a person's own factor adopted as one at the upgrade to
    built-ins kept its range and daily rule, so those may differ); any factor's kind and daily
    rule are ones tracker knows, and its range is one `tracker factor add` or `edit` gives.
    A handful of comparisons: every write under a factor checks its row (a scan of the whole
    file is for reads, and remembered)."""
    field = _foreign_field(factor)
    if field is None:
        return None
    value = getattr(factor, field)
    # As the file holds it, whichever way the row was read (the models read 0 as False).
    return StoredValueError("factor", f"id {factor.id}", field, int(value) if isinstance(value, bool) else value)


def refuse_foreign_definition(factor: StoredFactor) -> None:
    """Raise StoredValueError (exit code 2) when `factor` is a row tracker would never have
    written: nothing may be written under it (foreign_definition says what is checked)."""
    found = foreign_definition(factor)
    if found is not None:
        raise found


def _foreign_field(factor: StoredFactor) -> str | None:
    builtin = BUILTIN_BY_NAME.get(factor.name)
    if bool(factor.builtin) != (builtin is not None):
        return "builtin"  # a built-in's name on a factor of one's own, or the reverse
    if builtin is not None:
        for field, value in (("column", builtin.column), ("kind", builtin.kind.value), ("unit", builtin.unit)):
            if getattr(factor, field) != value:
                return field
    if factor.kind not in set(FactorKind):
        return "kind"
    if factor.daily_rule not in set(DailyRule):
        return "daily_rule"
    if not isinstance(factor.unit, str) or not factor.unit.isprintable():
        return "unit"
    return _foreign_bound(factor)


def _foreign_bound(factor: StoredFactor) -> str | None:
    """The bound that makes no range `factor add` or `factor edit` would give, if any."""
    low, high = factor.min_value, factor.max_value
    for field, bound in (("min_value", low), ("max_value", high)):
        if bound is not None and (isinstance(bound, bool) or not isinstance(bound, int | float) or bound != bound):
            return field
    if factor.kind == FactorKind.YES_NO:
        return "min_value" if low != 0 else "max_value" if high != 1 else None
    if factor.kind == FactorKind.SCALE and low is None:
        return "min_value"
    if factor.kind == FactorKind.SCALE and high is None:
        return "max_value"
    if low is not None and high is not None and not low < high:
        return "max_value"
    return None


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


def one_figure_a_day(factor: FactorFields) -> bool:
    """Whether the factor's day holds one figure, so a value typed for a day that has one means a
    correction unless the person says it adds (a nap): sleep and stress, and any factor of one's
    own whose day is not the sum of its entries (a scale, a yes or no). False for a factor whose
    entries add up over the day (caffeine, water, magnesium): another is another drink or dose."""
    builtin = BUILTIN_BY_NAME.get(factor.name)
    if builtin is not None:
        return builtin.one_figure  # sleep sums its entries (a night and a nap) and is still one night's figure
    return factor.daily_rule != DailyRule.SUM


def caps_day_total(factor: FactorFields) -> bool:
    """Whether the factor's day holds at most its highest value (a summed factor with a maximum)."""
    return factor.daily_rule == DailyRule.SUM and factor.max_value is not None


def refuse_past_day_total(factor: FactorFields, logged: float, value: float) -> None:
    """Refuse `value` when the day's `logged` total plus it passes the factor's highest value:
    the range is what a day can hold (no day has 26 h of sleep), not only what one entry can."""
    if not caps_day_total(factor) or factor.max_value is None or logged + value <= factor.max_value:
        return
    room = max(factor.max_value - logged, 0.0)

    def words(amount: float) -> str:  # hours as hours and minutes: "16 h 25 min", never "16.42 h"
        return amount_words(amount, factor.unit, factor.kind)

    raise InputError(
        factor.name,
        words(value) if factor.unit == "h" else format_number(value),
        f"at most {words(room)} more: the day already has {words(logged)}, "
        f"and a day holds up to {words(factor.max_value)}",
    )


class FactorRow(NamedTuple):
    """A factor row as stored, read with plain SQL (the quick write path, the stored-value scan):
    the fields this module's rules read, and its id and column."""

    id: int
    name: str
    column: str
    kind: str
    unit: str
    min_value: float | None
    max_value: float | None
    daily_rule: str
    builtin: bool
