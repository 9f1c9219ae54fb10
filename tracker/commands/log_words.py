"""What `tracker log` reads a typed value as, and the lines it answers with: one home for
both ways a log is written (through the store, tracker.commands.log; and the standard-library
path for the commonest logs, tracker.commands.log_quick), so a person reads the same either way.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tracker.errors import InputError

# A refused time is named by the option it was typed with, as every other option is (`--date`
# joined with it already said `--at`): one form, whether or not a date came with it.
AT = "--at"

if TYPE_CHECKING:
    from collections.abc import Callable

    from tracker.core.factor_rules import FactorFields, StoredFactor
    from tracker.core.when import Moment


def say_twitch(
    label: str,
    what: str,
    when: Moment,
    now: dt.datetime,
    *,
    left_out: list[str],
    repeated: bool,
    replaced: dt.date | None,
) -> None:
    """A logged twitch's confirmation: which details were repeated from the last twitch (so a
    repeat is never mistaken for an answer), and the "no twitches" answer it `replaced`."""
    from tracker.core.formatting import no_twitches_replaced

    after = f" ({_and(left_out)} as last time)" if left_out and repeated else ""
    _confirm(f"logged {label}: twitch, {what}", when, now, after=after)
    if replaced is not None:  # the store withdraws it with the twitch (one action, one undo); say so
        print(f"  ({no_twitches_replaced(replaced, today=now.date())})")


def read_factor_value(factor: StoredFactor, text: str, drinks: Callable[[], dict[str, float]]) -> tuple[float, str]:
    """The value `text` says for `factor`, checked against its rules, and the drinks it was
    ("2 × glass"; "" for a number). A value outside the rules names what was typed (24h1),
    then what it was read as (24.02). A factor whose row tracker never wrote (caffeine in kg)
    is named first (StoredValueError): no value is read, nor written, under it."""
    from tracker.core.factor_rules import check_factor_value, refuse_foreign_definition

    refuse_foreign_definition(factor)

    value, drink = _factor_value(factor, text, drinks)
    try:
        check_factor_value(factor, value, field=factor.name)
    except InputError as exc:
        typed = text.strip()
        if _says(typed, value):
            raise
        raise InputError(exc.field, typed, f"{exc.allowed} ({typed} read as {show_number(value)})") from None
    return value, drink


def say_factor_entry(
    label: str,
    factor: FactorFields,
    value: float,
    typed: str,
    when: Moment | None,
    day: dt.date,
    now: dt.datetime,
    total: str,
) -> None:
    """A logged factor value's confirmation, and the day's total when it has more than one."""
    from tracker.core.formatting import amount_words, factor_words

    amount = amount_words(value, factor.unit, factor.kind)
    typed = typed.strip()
    if not _says(typed, value) and typed.lower() != amount:  # 24h1, 6:10, "glass", "y": typed, then read as
        amount = f"{typed} ({amount})"
    confirm_entry(f"logged {label}: {factor_words(factor.name)} {amount}", day, when, now)
    if total:
        print(total)


def day_total_line(factor: FactorFields, day: dt.date, values: list[float]) -> str:
    """Once the day has more than one entry of the factor (`values`), for a factor whose day adds
    its entries up or holds one figure (sleep, stress): what the day now comes to and how to edit
    one; for a one-figure factor also how to take a correction back and log it in place of the
    day's. Empty otherwise."""
    from tracker.core.daily import daily_value
    from tracker.core.factor_rules import one_figure_a_day
    from tracker.core.formatting import day_total_words
    from tracker.core.vocabulary import DailyRule

    one_figure = one_figure_a_day(factor)
    if (factor.daily_rule != DailyRule.SUM and not one_figure) or len(values) < 2:
        return ""
    total = daily_value(factor.daily_rule, values) or 0.0  # never blank: it has two entries
    words = day_total_words(factor.name, factor.unit, day=day, total=total, entries=len(values))
    words = f"{words}; `tracker list --date {day.isoformat()}` to edit one"
    if one_figure:  # a second night's sleep is most likely a correction: say how to make it one
        words += "\nmeant as a correction? `tracker undo`, then log it again with --replace (in place of the day's)"
    return words


def in_place_line(factor: FactorFields, replaced: list[float]) -> str:
    """What `--replace` took the place of: "in place of sleep 6 h and 7 h; `tracker undo` puts them back"."""
    from tracker.core.formatting import amount_words, factor_words

    amounts = [amount_words(value, factor.unit, factor.kind) for value in replaced]
    listed = " and ".join([", ".join(amounts[:-1]), amounts[-1]]) if len(amounts) > 1 else amounts[0]
    back = "puts them back" if len(amounts) > 1 else "puts it back"
    return f"in place of {factor_words(factor.name)} {listed}; `tracker undo` {back}"


def _factor_value(factor: FactorFields, text: str, drinks: Callable[[], dict[str, float]]) -> tuple[float, str]:
    """The value `text` says, and the drinks it was ("2 × glass"; "" for a number or an amount);
    `drinks` gives the factor's presets, read only for a value that may name one."""
    from tracker.core.factor_rules import allowed_values
    from tracker.core.vocabulary import FactorKind

    raw = text.strip().lower()
    if factor.kind == FactorKind.YES_NO:
        answers = {"yes": 1.0, "y": 1.0, "1": 1.0, "true": 1.0, "no": 0.0, "n": 0.0, "0": 0.0, "false": 0.0}
        if raw not in answers:
            raise InputError(factor.name, text, "yes or no")
        return answers[raw], ""
    if factor.name == "sleep":  # hours as people write them: 6.5, 6:10, 6h10 (one rule with the TUI)
        from tracker.core.when import parse_hours

        return parse_hours(raw, field=factor.name), ""
    from tracker.core.validate import NUMBER_TEXT, number_text

    if NUMBER_TEXT.fullmatch(raw):  # 95, -2, 1e3: a plain number, negatives included
        return number_text(factor.name, text, allowed=f"a number, {allowed_values(factor)}"), ""
    from tracker.core.amounts import read_amount  # 1.5l, 200mg, glass, 2 glass: one rule with the app

    span = allowed_values(factor)
    amount = read_amount(text, field=factor.name, unit=factor.unit, drinks=drinks(), span=span)
    return amount.value, amount.note


def say_checked_in(day: dt.date) -> None:
    print(f"logged: no twitches on {day.isoformat()}")


def say_note(day: dt.date, text: str, before: str) -> None:
    """The day's note set (replacing `before`), or cleared, in words."""
    replaced = f" (replaces {before!r})" if before and before != text else ""
    if text:
        print(f"logged: note for {day.isoformat()}: {text!r}{replaced}")
    elif before:
        print(f"cleared the note for {day.isoformat()} (was {before!r})")
    else:
        print(f"no note to clear on {day.isoformat()}")


def confirm_entry(logged: str, day: dt.date, when: Moment | None, now: dt.datetime) -> None:
    """A factor entry's confirmation: its moment in words, or its date (`day`) when it has none."""
    if when is None:
        print(f"{logged} on {day}")
    else:
        _confirm(logged, when, now)


def _confirm(logged: str, when: Moment, now: dt.datetime, *, after: str = "") -> None:
    """The confirmation, saying when in words, and on a second line anything assumed about it."""
    from tracker.core.when import spoken

    print(f"{logged}, {spoken(when.at, now=now)}{after}")
    if when.assumed:
        print(f"  ({when.assumed})")


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _says(typed: str, value: float) -> bool:
    """Whether `typed` is plainly the number `value` (6.5, 6.50), so echoing it back adds nothing."""
    from tracker.core.formatting import same_number
    from tracker.core.validate import NUMBER_TEXT

    return bool(NUMBER_TEXT.fullmatch(typed)) and same_number(value, typed)


def show_number(value: float) -> str:
    from tracker.core.formatting import format_number

    return format_number(value)
