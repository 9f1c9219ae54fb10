"""Add a factor of your own: a name, a kind, a unit and (for a scale) its range."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

if TYPE_CHECKING:
    from tracker.models import FactorCreate  # noqa: F401 (the result type, quoted in the class line)


class FactorForm(ModalScreen["FactorCreate | None"]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def compose(self) -> ComposeResult:
        from tracker.models import FactorKind  # the database stack is loaded by now

        with Vertical(classes="form"):
            yield Static(
                "[b]New factor[/b]  (Tab between fields, Enter in the last one saves)",
                classes="form-title",
            )
            yield Input(placeholder="name, e.g. alcohol", id="name")
            yield Select(
                [(kind.value, kind) for kind in FactorKind],
                value=FactorKind.NUMBER,
                allow_blank=False,
                id="kind",
            )
            yield Input(placeholder="unit, e.g. units (optional)", id="unit")
            yield Input(placeholder="min (a scale needs it)", id="min", type="number")
            yield Input(placeholder="max (a scale needs it)", id="max", type="number")

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        from tracker.models import FactorCreate

        values = {name: self.query_one(f"#{name}", Input).value.strip() for name in ("name", "unit", "min", "max")}
        if not values["name"]:
            self.notify("name: a name is needed", severity="error")
            return
        self.dismiss(
            FactorCreate(
                name=values["name"],
                kind=self.query_one("#kind", Select).value,  # type: ignore[arg-type]
                unit=values["unit"],
                min_value=float(values["min"]) if values["min"] else None,
                max_value=float(values["max"]) if values["max"] else None,
            )
        )

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
