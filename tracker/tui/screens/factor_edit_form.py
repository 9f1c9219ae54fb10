"""Change a factor: how the analysis counts a day with nothing of it logged, and on a factor of
your own its range and how a day's entries add up. Its name, kind and unit stay, because they
name its CSV column; a built-in factor keeps its documented range and daily rule too."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from tracker.core.formatting import format_number
from tracker.core.vocabulary import DailyRule, FactorKind, absent_words
from tracker.errors import InputError
from tracker.tui.screens.dialog import Dialog, field_error
from tracker.tui.widgets.ordered_input import OrderedInput, OrderedSelect

if TYPE_CHECKING:
    from tracker.storage.models import Factor, FactorUpdate


class FactorEditForm(Dialog["FactorUpdate"]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, factor: Factor, *, typed: FactorUpdate | None = None, problem: str = "") -> None:
        super().__init__(problem=problem)
        self.factor = factor
        self.typed = typed  # what was entered before the store refused it

    def compose(self) -> ComposeResult:
        factor = self.factor
        typed = self.typed
        low = typed.min_value if typed else factor.min_value
        high = typed.max_value if typed else factor.max_value
        rule = typed.daily_rule if typed and typed.daily_rule else factor.daily_rule
        absent = typed.absent_means_none if typed and typed.absent_means_none is not None else factor.absent_means_none
        unit = f" ({factor.unit})" if factor.unit else ""
        with Vertical(classes="form", id="factor-edit"):
            yield Static(
                f"[b]Edit {factor.name}[/b]{unit}, a {factor.kind}  (Tab between fields, Enter saves)",
                classes="form-title",
            )
            yield self.problem_line()
            if factor.builtin:
                yield from self._absent_choice(absent)
                yield Static("Its range and daily rule are built in, as documented.", classes="form-hint")
                return
            if factor.kind != FactorKind.YES_NO:  # yes or no: no range to set, so no number boxes
                yield Static("lowest value allowed", classes="field-label")
                yield OrderedInput(format_number(low), placeholder="min", id="min", type="number")
                yield field_error("min")
                yield Static("highest value allowed", classes="field-label")
                yield OrderedInput(format_number(high), placeholder="max", id="max", type="number")
                yield field_error("max")
            yield Static("a day with several entries counts their", classes="field-label")
            yield OrderedSelect(
                [(rule.value, rule) for rule in DailyRule],
                value=DailyRule(rule),
                allow_blank=False,
                id="rule",
            )
            yield from self._absent_choice(absent)
            yield Static("The name, kind and unit stay: they name the factor's CSV column.", classes="form-hint")

    def _absent_choice(self, absent: bool) -> ComposeResult:
        # The analysis's reading of a blank on an answered day; the blank itself is kept as logged.
        yield Static(
            f"a day with twitches (or none) logged and no {self.factor.name} logged counts as", classes="field-label"
        )
        yield OrderedSelect(
            [
                (f"{absent_words(True)}: it is logged only when taken", True),
                (f"{absent_words(False)}: it is measured, a blank is not 0", False),
            ],
            value=absent,
            allow_blank=False,
            id="absent",
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        from tracker.storage.models import FactorUpdate

        absent = bool(self.query_one("#absent", Select).value)
        if self.factor.builtin:
            self.dismiss(FactorUpdate(absent_means_none=absent))
            return
        rule = self.query_one("#rule", Select).value
        assert isinstance(rule, DailyRule)  # its options are DailyRules, and it cannot be left blank
        if self.factor.kind == FactorKind.YES_NO:
            self.dismiss(FactorUpdate(daily_rule=rule, absent_means_none=absent))
            return
        try:
            low, high = self.number("min", "min"), self.number("max", "max")
        except InputError as exc:
            self.refuse(exc.field, str(exc))  # under its box, as in the New factor dialog
            return
        self.dismiss(FactorUpdate(min_value=low, max_value=high, daily_rule=rule, absent_means_none=absent))
