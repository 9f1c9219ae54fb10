"""One number for a factor (magnesium, a user factor): type it, Enter."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tracker.formatting import format_number

if TYPE_CHECKING:
    from tracker.models import Factor


class NumberForm(ModalScreen[float | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, *, factor: Factor, value: float | None = None) -> None:
        super().__init__()
        self.factor = factor
        self.value = value

    def compose(self) -> ComposeResult:
        factor = self.factor
        if factor.kind == "yes-no":  # FactorKind.YES_NO
            allowed = "1 for yes, 0 for no"
        else:
            allowed = f"{format_number(factor.min_value)}–{format_number(factor.max_value)} {factor.unit}".strip()
        with Vertical(classes="form"):
            yield Static(f"[b]{factor.name}[/b] ({allowed})", classes="form-title")
            yield Input(
                format_number(self.value),
                placeholder=factor.unit or "value",
                type="number",
                id="value",
            )
            yield Static("Enter save   Esc cancel", classes="form-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            self.dismiss(float(event.value))
        except ValueError:
            self.notify(f"{self.factor.name}: {event.value!r} is not a number", severity="error")

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
