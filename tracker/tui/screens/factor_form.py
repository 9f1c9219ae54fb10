"""Add a factor of your own: a name, a kind, a unit and (for a scale) its range."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from tracker.core.formatting import format_number
from tracker.core.vocabulary import FactorKind
from tracker.errors import InputError
from tracker.tui.screens.dialog import Dialog
from tracker.tui.widgets.ordered_input import OrderedInput

if TYPE_CHECKING:
    from tracker.storage.models import FactorCreate


class FactorForm(Dialog["FactorCreate"]):
    """Dismisses with the new factor, or None. Reopened with `typed` when the store refused it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, *, typed: FactorCreate | None = None, problem: str = "") -> None:
        super().__init__(problem=problem)
        self.typed = typed

    def compose(self) -> ComposeResult:
        typed = self.typed
        with Vertical(classes="form"):
            yield Static(
                "[b]New factor[/b]  (Tab between fields, Enter in any box saves)",
                classes="form-title",
            )
            yield self.problem_line()
            yield OrderedInput(typed.name if typed else "", placeholder="name, e.g. alcohol", id="name")
            yield Select(
                [(kind.value, kind) for kind in FactorKind],
                value=typed.kind if typed else FactorKind.NUMBER,
                allow_blank=False,
                id="kind",
            )
            yield OrderedInput(typed.unit if typed else "", placeholder="unit, e.g. units (optional)", id="unit")
            for bound in ("min", "max"):
                value = format_number(getattr(typed, f"{bound}_value")) if typed else ""
                yield OrderedInput(value, placeholder=f"{bound} (a scale needs it)", id=bound, type="number")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        from tracker.storage.models import FactorCreate

        name, unit = (self.query_one(f"#{box}", Input).value.strip() for box in ("name", "unit"))
        try:
            if not name:
                raise InputError("name", "", "a name, e.g. alcohol")
            low, high = self.number("min", "min"), self.number("max", "max")
        except InputError as exc:
            self.say_problem(str(exc))
            return
        kind = self.query_one("#kind", Select).value
        assert isinstance(kind, FactorKind)  # its options are FactorKinds, and it cannot be left blank
        self.dismiss(FactorCreate(name=name, kind=kind, unit=unit, min_value=low, max_value=high))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
