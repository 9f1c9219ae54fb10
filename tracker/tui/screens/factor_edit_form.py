"""Change a factor of your own: its range and how a day's entries add up. Its name, kind and
unit stay, because they name its CSV column."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from tracker.formatting import format_number

if TYPE_CHECKING:
    from tracker.models import Factor, FactorUpdate  # noqa: F401 (the result type, quoted in the class line)


class FactorEditForm(ModalScreen["FactorUpdate | None"]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, factor: Factor) -> None:
        super().__init__()
        self.factor = factor

    def compose(self) -> ComposeResult:
        from tracker.models import DailyRule  # the database stack is loaded by now

        factor = self.factor
        unit = f" ({factor.unit})" if factor.unit else ""
        with Vertical(classes="form", id="factor-edit"):
            yield Static(
                f"[b]Edit {factor.name}[/b]{unit}, a {factor.kind}  (Tab between fields, Enter saves)",
                classes="form-title",
            )
            yield Static("lowest value allowed", classes="field-label")
            yield Input(format_number(factor.min_value), placeholder="min", id="min", type="number")
            yield Static("highest value allowed", classes="field-label")
            yield Input(format_number(factor.max_value), placeholder="max", id="max", type="number")
            yield Static("a day with several entries counts their", classes="field-label")
            yield Select(
                [(rule.value, rule) for rule in DailyRule],
                value=DailyRule(factor.daily_rule),
                allow_blank=False,
                id="rule",
            )
            yield Static("The name, kind and unit stay: they name the factor's CSV column.", classes="form-hint")

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        from tracker.models import FactorUpdate

        low, high = (self.query_one(f"#{name}", Input).value.strip() for name in ("min", "max"))
        self.dismiss(
            FactorUpdate(
                min_value=float(low) if low else None,
                max_value=float(high) if high else None,
                daily_rule=self.query_one("#rule", Select).value,  # type: ignore[arg-type]
            )
        )

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
