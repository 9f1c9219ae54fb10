"""What a day already holds of a factor, said in a one-key form before it writes another entry.

A second magnesium dose, a second coffee or a second stress level is added to the day, not put
in place of the first: the form says what the day will then hold (by the factor's daily rule),
so a key pressed to look, or to correct, is not taken for a new entry without being seen as one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.core.daily import daily_value
from tracker.core.formatting import amount_words, factor_words, ordinal
from tracker.core.vocabulary import DailyRule

# How the day's value comes from its entries, as the line says it after the value.
RULE_WORDS = {
    DailyRule.SUM: "the sum", DailyRule.MEAN: "the mean", DailyRule.MAX: "the highest", DailyRule.LAST: "the latest",
}  # fmt: skip


@dataclass(frozen=True)
class DaySoFar:
    """A factor's entries on the day a form writes to: `values` oldest first, `when` as a
    heading says the day ("today", "yesterday", "on Thu 26 Nov")."""

    name: str
    unit: str
    kind: str
    daily_rule: str
    values: Sequence[float] = ()
    when: str = "today"

    def _when(self) -> str:
        """The day as the subject of a sentence: "Today", "Yesterday", "Thu 26 Nov" (a heading's
        "on Thu 26 Nov" loses its "on": "On Thu 26 Nov already has" is not English)."""
        day = self.when.removeprefix("on ")
        return day[:1].upper() + day[1:]  # "Thu 26 Nov", not str.capitalize's "Thu 26 nov"

    def _what(self) -> str:
        """The factor and what the day holds of it, in words: "late screen: no", "magnesium 300 mg"."""
        held = self.holds()
        return f"{factor_words(self.name)}{':' * (self.kind == 'yes-no')} {held}"

    def _amount(self, value: float) -> str:
        return amount_words(value, self.unit, self.kind)

    def holds(self) -> str:
        """The day's value so far and from how many entries: "300 mg", "6 from 2 entries"."""
        total = daily_value(self.daily_rule, self.values)
        more = f" from {len(self.values)} entries" if len(self.values) > 1 else ""
        return f"{self._amount(total or 0.0)}{more}"

    def after(self, new: float) -> str:
        """What one more entry of `new` makes of the day, or "" while the day has none:
        "today already has 300 mg magnesium; this is a second entry: today then holds 600 mg
        (the sum of 2)"."""
        if not self.values:
            return ""
        count = len(self.values) + 1
        return f"{self._when()} already has {self._what()}; this is a {ordinal(count)} entry: {self.then(new)}"

    def then(self, new: float) -> str:
        """What the day holds with one more entry of `new`: "today then holds 600 mg (the sum
        of 2)"; "" while the day has none (the entry is then all it holds)."""
        if not self.values:
            return ""
        count = len(self.values) + 1
        then = daily_value(self.daily_rule, [*self.values, new]) or 0.0
        rule = RULE_WORDS.get(DailyRule(self.daily_rule), "")
        return f"{self.when.removeprefix('on ')} then holds {self._amount(then)} ({rule} of {count})"

    def before(self) -> str:
        """The reminder for a form that writes on its first key (the value is not known before):
        "Today already has stress 6; another level is a second entry (the day reads the mean)"."""
        if not self.values:
            return ""
        count = len(self.values) + 1
        rule = RULE_WORDS.get(DailyRule(self.daily_rule), "")
        return (
            f"{self._when()} already has {self._what()}; another is a "
            f"{ordinal(count)} entry (the day reads {rule} of them)"
        )
