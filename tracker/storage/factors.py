"""Factors (the built-in five and the person's own) and the presets that log a drink in one
key: the rules a factor's values obey. Part of the storage API: call them through
tracker.storage.store, inside the caller's session; every write is journalled for undo.
"""

from __future__ import annotations

import math

from sqlmodel import Session, col, func, select

from tracker.core import validate
from tracker.core.columns import RESERVED_COLUMNS
from tracker.core.factor_rules import (
    MAX_BOUND,
    allowed_values,
    caps_day_total,
    check_factor_value,
    factor_bounds,
    refuse_foreign_definition,
    refuse_past_day_total,
)
from tracker.core.formatting import format_number
from tracker.core.vocabulary import OFFERED_FACTORS, DailyRule, FactorKind, absent_means_none_by_default
from tracker.errors import InputError
from tracker.storage import journal
from tracker.storage.models import Factor, FactorCreate, FactorEntry, FactorUpdate, Preset, PresetCreate

# The value rules live in tracker.core.factor_rules (shared with the quick write path); they
# are part of this storage API too.
__all__ = [
    "MAX_BOUND",
    "add_factor",
    "allowed_values",
    "build_factor",
    "check_day_total",
    "check_factor_value",
    "factor_bounds",
    "get_factor",
    "get_preset",
    "list_factors",
    "list_presets",
    "set_preset",
    "update_factor",
]


def list_factors(*, session: Session) -> list[Factor]:
    """Built-in factors first, then user factors in the order they were added."""
    return list(session.exec(select(Factor).order_by(col(Factor.position), col(Factor.id))))


def get_factor(*, session: Session, name: str) -> Factor:
    """A factor by its short name (`caffeine`) or its column name (`caffeine_mg`)."""
    wanted = name.strip().lower()
    factor = session.exec(select(Factor).where((col(Factor.name) == wanted) | (col(Factor.column) == wanted))).first()
    if factor is None:
        known = ", ".join(f.name for f in list_factors(session=session))
        raise InputError("factor", name, f"one of: {known} (or add one with `tracker factor add`)")
    return factor


def add_factor(*, session: Session, factor_in: FactorCreate) -> Factor:
    """A user-defined factor, stored; its column is `name_unit` (e.g. alcohol_units) or `name`."""
    factor = build_factor(session=session, factor_in=factor_in)
    session.add(factor)
    session.flush()
    journal.record_added(session, "factor", factor.id, f"factor {factor.name}", verb="added")
    return factor


def build_factor(*, session: Session, factor_in: FactorCreate) -> Factor:
    """The factor `add_factor` would store, checked against the diary but not stored (no id):
    an import checks a whole file of them before it writes any. InputError names what is wrong."""
    name = validate.name("name", factor_in.name.strip().lower())
    unit = validate.unit("unit", factor_in.unit.strip())
    column = f"{name}_{_slug(unit)}" if unit and not name.endswith(f"_{_slug(unit)}") else name
    for candidate in (name, column):
        if candidate in RESERVED_COLUMNS:
            raise InputError("name", factor_in.name, "a name that is not a built-in CSV column")
        clash = session.exec(
            select(Factor).where((col(Factor.name) == candidate) | (col(Factor.column) == candidate))
        ).first()
        if clash is not None:
            raise InputError("name", factor_in.name, f"a new name ({clash.name} already exists)")
    low, high = factor_in.min_value, factor_in.max_value
    _check_bounds(low, high)
    match factor_in.kind:
        case FactorKind.SCALE:
            if low is None or high is None or not low < high:
                raise InputError("--min/--max", f"{low}..{high}", "a scale needs --min and --max with min < max")
            rule = factor_in.daily_rule or DailyRule.MEAN
        case FactorKind.YES_NO:
            low, high = 0.0, 1.0
            rule = factor_in.daily_rule or DailyRule.MAX
        case _:  # a count or an amount: from 0 unless said, and no ceiling unless one is given
            low = 0.0 if low is None else low
            if high is not None and not low < high:
                raise InputError("--min/--max", f"{format_number(low)}..{format_number(high)}", "min < max")
            rule = factor_in.daily_rule or DailyRule.SUM
    last_position = max((f.position for f in list_factors(session=session)), default=0)
    factor = Factor(
        name=name,
        column=column,
        kind=factor_in.kind.value,
        unit=unit,
        min_value=low,
        max_value=high,
        daily_rule=DailyRule(rule).value,
        builtin=False,
        position=last_position + 1,
        absent_means_none=(
            absent_means_none_by_default(factor_in.kind)
            if factor_in.absent_means_none is None
            else factor_in.absent_means_none
        ),
        tracked_from=factor_in.tracked_from,
    )
    return factor


def update_factor(*, session: Session, name: str, changes: FactorUpdate) -> Factor:
    """Change a factor: a user factor's range or daily rule (its name, kind and unit, its CSV
    column, stay), and on any factor how the analysis reads a day with nothing logged.

    Built-in factors keep the ranges the tool documents. A new range must still hold every
    value already logged. Returns the factor as changed.
    """
    factor = get_factor(session=session, name=name)
    refuse_foreign_definition(factor)  # a change keeps the rest of the row: it must be one tracker wrote
    range_or_rule = (changes.min_value, changes.max_value, changes.daily_rule) != (None, None, None)
    if not range_or_rule and changes.absent_means_none is None:
        raise InputError("factor", name, "a change: one of --min, --max, --daily or --absent")
    if factor.builtin and range_or_rule:
        raise InputError("factor", name, "a factor of your own (built-in factors keep their ranges)")
    before = journal.changed(session, "factor", [factor.id])
    done: list[str] = []
    if range_or_rule:
        _change_range_or_rule(session, factor, changes)
        done.append("range and daily rule")
    if changes.absent_means_none is not None:
        factor.absent_means_none = changes.absent_means_none
        done.append("reading of days with nothing logged")
    session.add(factor)
    session.flush()
    journal.record(
        session,
        done=f"changed factor {factor.name}",
        undo=f"put back the {' and '.join(done) or 'settings'} of factor {factor.name}",
        changes=[before],
    )
    return factor


def _change_range_or_rule(session: Session, factor: Factor, changes: FactorUpdate) -> None:
    _check_bounds(changes.min_value, changes.max_value)
    low = factor.min_value if changes.min_value is None else changes.min_value
    high = factor.max_value if changes.max_value is None else changes.max_value
    if factor.kind == FactorKind.YES_NO and (low, high) != (0.0, 1.0):
        raise InputError("--min/--max", f"{low}..{high}", "a yes-no factor is always 0..1")
    no_ceiling = high is None and factor.kind == FactorKind.NUMBER  # a count or an amount may have none
    if low is None or (high is None and not no_ceiling) or (high is not None and not low < high):
        raise InputError("--min/--max", f"{format_number(low)}..{format_number(high)}", "min < max")
    outside = session.exec(
        select(FactorEntry).where(
            FactorEntry.factor_id == factor.id,
            (col(FactorEntry.value) < low) | (col(FactorEntry.value) > (MAX_BOUND if high is None else high)),
        )
    ).first()
    if outside is not None:
        raise InputError(
            "--min/--max",
            f"{format_number(low)}..{format_number(high)}",
            f"a range that holds the values already logged ({outside.value:g})",
        )
    factor.min_value, factor.max_value = low, high
    if changes.daily_rule is not None:
        factor.daily_rule = DailyRule(changes.daily_rule).value


def list_presets(*, session: Session) -> list[Preset]:
    return list(session.exec(select(Preset).order_by(col(Preset.factor_id), col(Preset.id))))


def get_preset(*, session: Session, name: str) -> Preset:
    preset = session.exec(select(Preset).where(Preset.name == name.strip().lower())).first()
    if preset is None:
        known = ", ".join(p.name for p in list_presets(session=session))
        raise InputError("preset", name, f"one of: {known}")
    return preset


def set_preset(*, session: Session, preset_in: PresetCreate) -> Preset:
    """Add a preset, or change the amount of an existing one."""
    factor = get_factor(session=session, name=preset_in.factor)
    refuse_foreign_definition(factor)
    amount = check_factor_value(factor, preset_in.amount, field="amount")
    name = preset_in.name.strip().lower()
    validate.tags("preset name", [name])
    preset = session.exec(select(Preset).where(Preset.name == name)).first()
    if preset is None:
        preset = Preset(name=name, factor_id=factor.id, amount=amount)  # type: ignore[arg-type]  # a stored factor has an id
        before, undo = None, f"removed preset {name}"
    else:
        before, undo = journal.changed(session, "preset", [preset.id]), f"put back preset {name} as it was"
        preset.factor_id, preset.amount = factor.id, amount  # type: ignore[assignment]  # as above
    session.add(preset)
    session.flush()
    journal.record(
        session,
        done=f"set preset {name} to {amount:g} {factor.unit}".rstrip(),
        undo=undo,
        changes=[before or journal.added("preset", [preset.id])],
    )
    return preset


def check_day_total(
    session: Session, factor: Factor, day: object, value: float, *, leaving_out: int | None = None
) -> None:
    """Refuse a value that would take the day's total of a summed factor past its highest value
    (tracker.core.factor_rules.refuse_past_day_total says it)."""
    if not caps_day_total(factor):
        return
    query = select(func.coalesce(func.sum(FactorEntry.value), 0.0)).where(
        col(FactorEntry.factor_id) == factor.id, col(FactorEntry.local_date) == day
    )
    if leaving_out is not None:
        query = query.where(col(FactorEntry.id) != leaving_out)
    refuse_past_day_total(factor, float(session.exec(query).one()), value)


def _check_bounds(*bounds: float | None) -> None:
    for bound in bounds:
        if bound is not None and not (math.isfinite(bound) and abs(bound) <= MAX_BOUND):
            raise InputError("--min/--max", bound, f"finite numbers within ±{MAX_BOUND:.0e}")


def _slug(unit: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in unit.lower()).strip("_")


def offered_factors(*, session: Session) -> list[FactorCreate]:
    """The offered factors (alcohol, nicotine: tracker.core.vocabulary.OFFERED_FACTORS) this
    diary has not added yet, each as the factor it would add; in the order offered."""
    have = {factor.name for factor in list_factors(session=session)}
    return [offered_factor(offer.name) for offer in OFFERED_FACTORS if offer.name not in have]


def offered_factor(name: str, unit: str | None = None) -> FactorCreate:
    """The factor an offer adds (`unit`, when given, in place of the one offered: nicotine in mg).
    InputError for a name nothing offers."""
    offer = next((offer for offer in OFFERED_FACTORS if offer.name == name.strip().lower()), None)
    if offer is None:
        offered = ", ".join(offer.name for offer in OFFERED_FACTORS)
        raise InputError("--kind", "", f"number, scale or yes-no (only an offered factor, {offered}, needs none)")
    return FactorCreate(
        name=offer.name, kind=FactorKind.NUMBER, unit=offer.unit if unit is None else unit, min_value=0.0,
        max_value=offer.high, daily_rule=DailyRule.SUM, absent_means_none=True,
    )  # fmt: skip
