"""Add a preset (a drink, a glass) or change its amount."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from tracker.core.amounts import read_amount
from tracker.core.formatting import format_number
from tracker.core.vocabulary import FactorKind
from tracker.errors import InputError
from tracker.tui.screens.dialog import CharsInput, Dialog
from tracker.tui.screens.number_form import AMOUNT_WORDS
from tracker.tui.widgets.ordered_input import OrderedInput, OrderedSelect

if TYPE_CHECKING:
    from tracker.storage.models import Factor, PresetCreate  # noqa: F401 (PresetCreate: quoted in the class line)


class PresetForm(Dialog["PresetCreate"]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(
        self,
        *,
        factors: list[Factor],
        name: str = "",
        factor: str = "caffeine",
        amount: float | None = None,
        problem: str = "",
    ) -> None:
        super().__init__(problem=problem)
        self.factors, self.preset_name, self.factor, self.amount = factors, name, factor, amount

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static("[b]Preset[/b]  (Tab between fields, Enter saves)", classes="form-title")
            yield self.problem_line()
            yield OrderedInput(self.preset_name, placeholder="name, e.g. flat-white", id="name")
            numbers = [f for f in self.factors if f.kind == FactorKind.NUMBER]
            yield OrderedSelect(
                [(f.name, f.name) for f in numbers],
                value=self.factor,
                allow_blank=False,
                id="factor",
            )
            # Any amount the pickers read (250, 1.5l): a number-only box dropped the l and kept 1.5.
            yield CharsInput(
                format_number(self.amount), chars=AMOUNT_WORDS, placeholder="amount, e.g. 250 or 1.5l", id="amount"
            )
        if self.preset_name:
            self.call_after_refresh(lambda: self.query_one("#amount", Input).focus())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = self.query_one("#name", Input).value.strip()
        factor_name = str(self.query_one("#factor", Select).value)
        unit = next((f.unit for f in self.factors if f.name == factor_name), "")
        typed = self.query_one("#amount", Input).value
        try:
            if not name or not typed.strip():
                raise InputError("preset", name, "a name and an amount")
            amount = read_amount(typed, field="amount", unit=unit).value
        except InputError as exc:
            self.say_problem(str(exc))
            return
        from tracker.storage.models import PresetCreate

        self.dismiss(PresetCreate(name=name, factor=factor_name, amount=amount))
