"""Pick a drink or a glass of water from the presets, by number (or first letter), or type an amount."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tracker.formatting import format_number

if TYPE_CHECKING:
    from tracker.models import Factor, Preset


class PresetPicker(ModalScreen[float | None]):
    """Dismisses with the amount picked (in the factor's unit), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        # Ordinary (not priority) so keys typed before it are handled first; Enter in the
        # list or the amount box arrives as OptionSelected / Submitted below.
        Binding("enter", "pick_highlighted", "Pick"),
    ]

    def __init__(self, *, factor: Factor, presets: list[Preset]) -> None:
        super().__init__()
        self.factor = factor
        self.presets = presets
        self.keys: dict[str, Preset] = {str(n): p for n, p in enumerate(presets[:9], start=1)}
        initials = [p.name[0] for p in presets]
        for preset in presets:  # a unique first letter picks too: g glass, b bottle
            if initials.count(preset.name[0]) == 1 and not preset.name[0].isdigit():
                self.keys[preset.name[0]] = preset

    def compose(self) -> ComposeResult:
        unit = self.factor.unit
        with Vertical(classes="form"):
            yield Static(f"[b]Add {self.factor.name}[/b] — press a key", classes="form-title")
            options = []
            for preset in self.presets:
                keys = " ".join(k for k, p in self.keys.items() if p is preset)
                options.append(
                    Option(
                        f"{keys:<4} {preset.name:<14} {format_number(preset.amount)} {unit}",
                        id=preset.name,
                    )
                )
            yield OptionList(*options, id="presets")
            yield Static(f"or type an amount in {unit or 'units'} and press Enter", classes="field-label")
            yield Input(placeholder=unit, id="amount", type="number")

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        if isinstance(self.focused, Input):
            return
        preset = self.keys.get(event.character or "")
        if preset is not None:
            event.stop()
            self.dismiss(preset.amount)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.presets[event.option_index].amount)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_pick_highlighted()

    def action_pick_highlighted(self) -> None:
        typed = self.query_one("#amount", Input).value.strip()
        if typed:
            try:
                self.dismiss(float(typed))
            except ValueError:
                self.notify(f"amount: {typed!r} is not a number", severity="error")
            return
        options = self.query_one("#presets", OptionList)
        if options.highlighted is not None:
            self.dismiss(self.presets[options.highlighted].amount)

    def action_cancel(self) -> None:
        self.dismiss(None)
