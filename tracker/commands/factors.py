"""`tracker factor ...` and `tracker preset ...`: what can be logged, and the quick amounts."""

from __future__ import annotations

import argparse

from tracker.commands.context import Context
from tracker.core.vocabulary import FactorKind, absent_words

# How the analysis reads a day whose twitches were answered and the factor was not logged.
ABSENT_CHOICES = {absent_words(True): True, absent_words(False): False}
ABSENT_HELP = (
    "a day with twitches (or 'no twitches') logged and nothing of this factor counts, in the analysis, as "
    "none (logged only when taken: caffeine, a supplement) or unknown (measured: sleep, stress)"
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    factor = commands.add_parser("factor", help="list or add factors (what you log each day)")
    actions = factor.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(factor))
    actions.add_parser(
        "list", help="list factors with their units, ranges, daily rules and how a day without them counts"
    ).set_defaults(handler=list_factors)
    add = actions.add_parser(
        "add", help="add a factor of your own; alcohol and nicotine are offered ready-made (just the name)"
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--kind", choices=[kind.value for kind in FactorKind], help="required, except for alcohol and nicotine"
    )
    add.add_argument("--unit", metavar="U", help="for nicotine: cigarettes (the default) or mg")
    add.add_argument(
        "--min", type=float, metavar="N", dest="min_value", help="the lowest value it can take (default 0)"
    )
    add.add_argument(
        "--max", type=float, metavar="N", dest="max_value", help="the highest (default: none; a scale needs both)"
    )
    add.add_argument("--daily", choices=["sum", "mean", "max", "last"], help="how a day's entries combine")
    add.add_argument("--absent", choices=list(ABSENT_CHOICES), help=ABSENT_HELP + " (default: none for yes-no)")
    add.set_defaults(handler=add_factor)
    edit = actions.add_parser(
        "edit", help="change how a day with nothing logged counts, or the range or daily rule of a factor of your own"
    )
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--min", type=float, metavar="N", dest="min_value")
    edit.add_argument("--max", type=float, metavar="N", dest="max_value")
    edit.add_argument("--daily", choices=["sum", "mean", "max", "last"])
    edit.add_argument("--absent", choices=list(ABSENT_CHOICES), help=ABSENT_HELP)
    edit.set_defaults(handler=edit_factor)

    preset = commands.add_parser("preset", help="list or set drink and water presets")
    preset_actions = preset.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(preset))
    preset_actions.add_parser("list", help="list presets").set_defaults(handler=list_presets)
    set_preset = preset_actions.add_parser("set", help="add a preset or change its amount")
    set_preset.add_argument("name", metavar="NAME")
    set_preset.add_argument("factor", metavar="FACTOR", help="e.g. caffeine or water")
    set_preset.add_argument("amount", type=float, metavar="AMOUNT")
    set_preset.set_defaults(handler=set_preset_amount)


def list_factors(context: Context) -> int:
    from tracker.core.formatting import range_words
    from tracker.core.vocabulary import OFFERED_FACTORS
    from tracker.storage import store
    from tracker.storage.factors import offered_factors

    with context.session(write=False) as session:
        factors = store.list_factors(session=session)
        offers = offered_factors(session=session)
    print(f"{'name':<12} {'CSV column':<16} {'kind':<7} {'unit':<6} {'range':<14} {'daily':<6} not logged")
    for f in factors:
        span = range_words(f.min_value, f.max_value)
        print(
            f"{f.name:<12} {f.column:<16} {f.kind:<7} {f.unit or '-':<6} {span:<14} {f.daily_rule:<6} "
            f"{absent_words(f.absent_means_none)}"
        )
        offered = [offer.words() for offer in OFFERED_FACTORS if offer.name in {f.name for f in offers}]
    print(
        "not logged: how the analysis counts a day with twitches (or 'no twitches') logged and none of\n"
        "the factor; `tracker factor edit NAME --absent none|unknown` changes it. Exports keep the blank."
    )
    if offered:
        print(f"offered, not added: {', '.join(offered)}; `tracker factor add NAME` adds one.")
    return 0


def add_factor(context: Context) -> int:
    from tracker.storage import store
    from tracker.storage.factors import offered_factor
    from tracker.storage.models import FactorCreate

    opts = context.args
    given = {
        name: value
        for name, value in (("min_value", opts.min_value), ("max_value", opts.max_value), ("daily_rule", opts.daily),
                            ("absent_means_none", None if opts.absent is None else ABSENT_CHOICES[opts.absent]))
        if value is not None
    }  # fmt: skip
    given["tracked_from"] = context.now().date()  # the days before it are "not tracked" for it
    if opts.kind is None:  # an offered factor (alcohol, nicotine) as offered, with what was given in place
        factor_in = FactorCreate.model_validate(offered_factor(opts.name, opts.unit).model_dump() | given)
    else:
        factor_in = FactorCreate.model_validate({"name": opts.name, "kind": opts.kind, "unit": opts.unit or ""} | given)
    with context.session() as session:
        factor = store.add_factor(session=session, factor_in=factor_in)
    from tracker.core.formatting import range_words

    span = range_words(factor.min_value, factor.max_value, factor.unit)
    print(
        f"added factor {factor.name} ({factor.kind}, {span}, daily {factor.daily_rule}, not logged counts as "
        f"{absent_words(factor.absent_means_none)}; CSV column {factor.column})"
    )
    return 0


def edit_factor(context: Context) -> int:
    from tracker.storage import store
    from tracker.storage.models import FactorUpdate

    opts = context.args
    changes = FactorUpdate(
        min_value=opts.min_value,
        max_value=opts.max_value,
        daily_rule=opts.daily,
        absent_means_none=None if opts.absent is None else ABSENT_CHOICES[opts.absent],
    )
    with context.session() as session:
        factor = store.update_factor(session=session, name=opts.name, changes=changes)
    from tracker.core.formatting import range_words

    span = range_words(factor.min_value, factor.max_value, factor.unit)
    print(
        f"factor {factor.name}: {span}, daily {factor.daily_rule}, "
        f"not logged counts as {absent_words(factor.absent_means_none)}"
    )
    return 0


def list_presets(context: Context) -> int:
    from tracker.core.formatting import format_number
    from tracker.storage import store

    with context.session(write=False) as session:
        factors = {f.id: f for f in store.list_factors(session=session)}
        for preset in store.list_presets(session=session):
            factor = factors[preset.factor_id]
            print(f"{preset.name:<14} {format_number(preset.amount):>6} {factor.unit:<3} {factor.name}")
    return 0


def set_preset_amount(context: Context) -> int:
    from tracker.storage import store
    from tracker.storage.models import PresetCreate

    opts = context.args
    with context.session() as session:
        preset = store.set_preset(
            session=session, preset_in=PresetCreate(name=opts.name, factor=opts.factor, amount=opts.amount)
        )
    print(f"preset {preset.name} = {opts.amount:g}")
    return 0
