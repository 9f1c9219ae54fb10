"""What a day already holds of a factor, said in a one-key form before it writes another entry.

A second magnesium dose or a second coffee is added to the day: the form says what the day will
then hold (by the factor's daily rule), so a key pressed to look is not taken for a new entry
without being seen as one. A factor whose day holds one figure (a night's sleep, the day's
stress: tracker.core.factor_rules.one_figure_a_day) is corrected more often than added to: on a
day that has one, Enter puts the new value in its place (undo puts it back) and `+` adds it.
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
    one_figure: bool = False  # the day holds one figure: Enter puts a new value in its place

    def asks(self) -> bool:
        """Whether the form asks in place or added: a one-figure factor on a day that has some."""
        return self.one_figure and bool(self.values)

    def choice(self, new: float, *, refused: str = "") -> str:
        """What Enter and `+` do with `new` on a day that has the factor (asks()): "in place of
        sleep 6 h logged today (u undoes it)" and, on a line of its own, what `+` makes of the
        day, or (`refused`: why the day cannot hold both) why `+` would be refused."""
        added = (
            f"refused: {refused}"
            if refused
            else f"adds it as a {ordinal(len(self.values) + 1)} entry: {self.then(new)}"
        )
        return f"in place of {self._what()} logged {self.when} (u undoes it)\n+ {added}"

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
