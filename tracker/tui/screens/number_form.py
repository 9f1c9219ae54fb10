"""One number for a factor (magnesium, a factor of your own): type it, Enter.

The box takes only what a number can hold, and a value outside the factor's range is refused
in the dialog, under the box, before anything is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tracker.core.formatting import format_number
from tracker.core.vocabulary import FactorKind
from tracker.tui.screens.dialog import CharsInput, Dialog, field_error

if TYPE_CHECKING:
    from tracker.storage.models import Factor

AMOUNT_CHARACTERS = r"[0-9.,]"  # what an amount box holds: 150, 1.5, 1,5


def parse_amount(factor: Factor, text: str) -> float:
    """The number typed for `factor`, checked against its range (ValueError / InputError says why)."""
    from tracker.errors import InputError
    from tracker.storage.store import check_factor_value  # the database stack is loaded before any dialog

    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise InputError(factor.name, text, "a number") from None
    return check_factor_value(factor, value, field=factor.name)


def allowed_range(factor: Factor) -> str:
    """What the factor takes, as the form's heading says it."""
    if factor.kind == FactorKind.YES_NO:
        return "y yes, n no"
    from tracker.storage.store import allowed_values  # the database stack is loaded before any dialog

    return allowed_values(factor)


class NumberForm(Dialog[float]):
    """Dismisses with the value, or None. With `again` (a key), that key saves too: `g` `g`
    logs the magnesium dose the form shows."""

    AUTO_FOCUS = "#value"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(
        self,
        *,
        factor: Factor,
        value: float | str | None = None,
        heading: str = "",
        again: str = "",
        problem: str = "",
    ) -> None:
        super().__init__(problem=problem)
        self.factor = factor
        self.value = value if isinstance(value, str) else format_number(value)
        self.heading = heading or f"[b]{factor.name}[/b] ({allowed_range(factor)})"
        self.again = again
        if again:
            # Priority: the box holds digits only, so the letter would otherwise be swallowed.
            self._bindings.bind(again, "save", show=False, priority=True)
        if factor.kind == "yes-no":  # FactorKind.YES_NO: y or n answers it
            self._bindings.bind("y", "answer(1)", show=False, priority=True)
            self._bindings.bind("n", "answer(0)", show=False, priority=True)

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(self.heading, classes="form-title")
            yield self.problem_line()
            yield CharsInput(self.value, chars=AMOUNT_CHARACTERS, placeholder=self.factor.unit or "value", id="value")
            yield field_error("value")
            again = f" (or [b]{self.again}[/b] again)" if self.again else ""
            yield Static(f"[b]Enter[/b] save{again}   [b]Esc[/b] cancel", classes="form-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        try:
            self.dismiss(parse_amount(self.factor, self.query_one("#value", Input).value))
        except ValueError as exc:
            self.refuse("value", str(exc))

    def action_answer(self, value: int) -> None:
        self.dismiss(float(value))

