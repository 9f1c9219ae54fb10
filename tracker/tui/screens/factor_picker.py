"""Choose any factor (built-in or your own) to log."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tracker.core.formatting import factor_words
from tracker.tui.screens.dialog import Dialog

if TYPE_CHECKING:
    from tracker.storage.models import Factor


class FactorPicker(Dialog["Factor"]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, factors: list[Factor]) -> None:
        super().__init__()
        self.factors = factors

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static("[b]Log a factor[/b] — arrows and Enter", classes="form-title")
            yield OptionList(
                *[Option(f"{factor_words(f.name)} {f'({f.unit})' if f.unit else ''}", id=f.name) for f in self.factors]
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.factors[event.option_index])
