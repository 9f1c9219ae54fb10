"""Change a factor of your own: its range and how a day's entries add up. Its name, kind and
unit stay, because they name its CSV column."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from tracker.core.formatting import format_number
from tracker.core.vocabulary import DailyRule
from tracker.errors import InputError
from tracker.tui.screens.dialog import Dialog
from tracker.tui.widgets.ordered_input import OrderedInput

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
        unit = f" ({factor.unit})" if factor.unit else ""
        with Vertical(classes="form", id="factor-edit"):
            yield Static(
                f"[b]Edit {factor.name}[/b]{unit}, a {factor.kind}  (Tab between fields, Enter saves)",
                classes="form-title",
            )
            yield self.problem_line()
            yield Static("lowest value allowed", classes="field-label")
            yield OrderedInput(format_number(low), placeholder="min", id="min", type="number")
            yield Static("highest value allowed", classes="field-label")
            yield OrderedInput(format_number(high), placeholder="max", id="max", type="number")
            yield Static("a day with several entries counts their", classes="field-label")
            yield Select(
                [(rule.value, rule) for rule in DailyRule],
                value=DailyRule(rule),
                allow_blank=False,
                id="rule",
            )
            yield Static("The name, kind and unit stay: they name the factor's CSV column.", classes="form-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        from tracker.storage.models import FactorUpdate

        try:
            low, high = self.number("min", "min"), self.number("max", "max")
        except InputError as exc:
            self.say_problem(str(exc))
            return
        rule = self.query_one("#rule", Select).value
        assert isinstance(rule, DailyRule)  # its options are DailyRules, and it cannot be left blank
        self.dismiss(FactorUpdate(min_value=low, max_value=high, daily_rule=rule))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
