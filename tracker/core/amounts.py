"""An amount as people type it, read one way by the command line and the app.

`250`, `250ml`, `250 ml`, `1.5l`, `0.5 L`, `200mg`; a drink with an optional count: `espresso`,
`2 espresso`, `espresso 2`, `2e` (a drink's letter in the app). Whatever cannot be read, or a unit
that is not the factor's (`mg` for water), is refused with what is allowed: a typed character is
never dropped on the way, so what is saved is what was typed.

Standard library only: the app reads amounts before the database stack is loaded. The units are
a small table rather than a units library (pint): the few a drink is measured in, with no import
cost on `tracker log`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from tracker.core.formatting import format_number, unit_for
from tracker.errors import InputError

MAX_COUNT = 20  # drinks at once: more is a typo more often than a day

# A bare number below these, in the factor's unit, is almost surely in the larger unit: "water 0.25"
# is a glass in litres, "caffeine 0.2" grams. Refused with both readings rather than stored as 0.25 ml.
_SMALLEST_BARE: dict[str, tuple[Decimal, str, Decimal]] = {
    "ml": (Decimal(5), "l", Decimal(1000)),
    "mg": (Decimal(1), "g", Decimal(1000)),
}

# The units each factor unit can be typed in, and how many of the factor's unit one of them is.
UNITS: dict[str, dict[str, Decimal]] = {
    "ml": {"ml": Decimal(1), "cl": Decimal(10), "dl": Decimal(100), "l": Decimal(1000)},
    "mg": {"mg": Decimal(1)},
    "g": {"g": Decimal(1), "mg": Decimal("0.001"), "kg": Decimal(1000)},
    "h": {"h": Decimal(1), "min": Decimal(1) / Decimal(60)},
}

_NUMBER = r"\d+(?:[.,]\d*)?|[.,]\d+"
_WORD = r"[^\d\s.,](?:[^\d]*[^\d\s])?"  # a unit, a drink, a letter: no digits ("black tea" too)
# "1,000" is a thousand to some readers and one to others: refused, never guessed.
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+")
_NUMBER_WORD = re.compile(rf"^(?P<number>{_NUMBER})\s*(?P<word>{_WORD})?$", re.ASCII)  # 0-9 only: ９５ is refused
_WORD_NUMBER = re.compile(rf"^(?P<word>{_WORD})\s*(?P<number>{_NUMBER})?$", re.ASCII)


@dataclass(frozen=True)
class Amount:
    """What will be written: `value` in the factor's unit; for a drink, its name and how many."""

    value: float
    drink: str = ""
    count: int = 1

    @property
    def note(self) -> str:
        """The entry's note: "espresso", "2 × espresso", "" for an amount typed as a number."""
        if not self.drink:
            return ""
        return f"{self.count} × {self.drink}" if self.count > 1 else self.drink

    def words(self, factor: str, unit: str) -> str:
        """The confirmation line: "2 × espresso = 126 mg caffeine", "1500 ml water"."""
        amount = f"{format_number(self.value)} {unit_for(self.value, unit)}".strip() + f" {factor}"
        return f"{self.note} = {amount}" if self.drink else amount


def units_of(unit: str) -> dict[str, Decimal]:
    """The units an amount of a factor measured in `unit` may be typed in (lower case)."""
    own = unit.strip().lower()
    return UNITS.get(own, {own: Decimal(1)} if own else {})


def decimal_text(number: str, *, field: str, shown: str | None = None) -> str:
    """`number` with its decimal comma made a point (6,5 is 6.5). InputError (naming `shown`, the
    whole text typed, when given) when the comma could as well be a thousands separator."""
    plain = number.strip()
    if _GROUPED.fullmatch(plain):
        whole, point = plain.replace(",", ""), plain.replace(",", ".")
        raise InputError(
            field,
            number if shown is None else shown,
            f"{whole} or {point} (a comma may mean thousands or a decimal point, so it is not guessed)",
        )
    return number.replace(",", ".")


def read_amount(
    text: str,
    *,
    field: str,
    unit: str,
    drinks: Mapping[str, float] | None = None,
    letters: Mapping[str, str] | None = None,
    span: str = "",
) -> Amount:
    """The amount `text` says for a factor measured in `unit`. `drinks` maps a drink's name to
        its amount, `letters` a letter to a drink's name (the app's keys), `span` the factor's range in
    words for the refusal ("0–2000 mg"). InputError names `field`,
        the text and what is allowed when any part of it cannot be read."""
    drinks = drinks or {}
    letters = letters or {}
    units = units_of(unit)
    raw = " ".join(text.split())
    match = _NUMBER_WORD.match(raw) or _WORD_NUMBER.match(raw)
    if not raw or match is None:
        raise InputError(field, text, _allowed(unit, units, drinks, span))
    number, word = match.group("number"), (match.group("word") or "").lower()
    if word and word not in units:
        name = letters.get(word) or _drink_named(word.replace(" ", "-"), drinks)
        if name in drinks:
            count = _count(field, number) if number else 1
            return Amount(drinks[name] * count, drink=name, count=count)
        raise InputError(field, text, _allowed(unit, units, drinks, span))
    if number is None:
        raise InputError(field, text, _allowed(unit, units, drinks, span))
    value = Decimal(decimal_text(number, field=field, shown=text))
    if not word:
        refuse_a_slipped_unit(field, text, value, unit)
    factor_unit = units.get(word, Decimal(1)) if word else Decimal(1)
    return Amount(float(value * factor_unit))


def refuse_a_slipped_unit(field: str, text: str, value: Decimal | float, unit: str) -> None:
    """InputError when `value`, typed as `text` with no unit, is too small to be meant in `unit`."""
    smallest = _SMALLEST_BARE.get(unit.strip().lower())
    value = Decimal(str(value))
    if smallest is None or not 0 < value < smallest[0]:
        return
    _, larger, times = smallest
    typed, meant = " ".join(text.split()), f"{format_number(float(value * times))} {unit}"
    if larger in units_of(unit):
        raise InputError(field, value, f"say {typed} {larger} or {meant}")
    raise InputError(field, value, f"say {meant} ({typed} {larger}) or {typed} {unit}")


def _drink_named(word: str, drinks: Mapping[str, float]) -> str:
    """The drink `word` names, said as people count them: "2 glasses", "2 coffees", "2 flat-whites"
    are the glass, the coffee and the flat-white; `word` itself when no drink has that name."""
    plurals = [word[: -len(ending)] for ending in ("es", "s") if word.endswith(ending)]
    return next((name for name in (word, *plurals) if name in drinks), word)


def _count(field: str, number: str) -> int:
    if not number.isdigit() or not 1 <= int(number) <= MAX_COUNT:
        raise InputError(field, number, f"a whole number of drinks from 1 to {MAX_COUNT}")
    return int(number)


def _allowed(unit: str, units: Mapping[str, Decimal], drinks: Mapping[str, float], span: str = "") -> str:
    """What an amount box takes, in one line: "a number in ml (or l, cl, dl), or a drink: glass, 2 bottle"."""
    if not unit:
        words = "a number"
    else:
        others = [u for u in units if u != unit.lower()]
        words = f"a number in {unit}" + (f" (or {', '.join(others)})" if others else "")
    if span:
        words += f", {span}"
    if drinks:
        first = next(iter(drinks))
        words += f", or a drink with a count: {', '.join(drinks)} (e.g. 2 {first})"
    return words
