"""Pick a drink or a glass of water by its letter, or type an amount.

The rule cannot misfire, whatever the typing speed: letters pick presets, digits always go
to the amount. A letter cannot start a number, and a digit never picks anything, so `150`
typed at once is 150 mg, never the first preset followed by "50".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tracker.core.formatting import format_number
from tracker.tui.screens.dialog import CharsInput, Dialog, field_error
from tracker.tui.screens.number_form import AMOUNT_CHARACTERS, parse_amount

if TYPE_CHECKING:
    from tracker.storage.models import Factor, Preset


def preset_keys(presets: list[Preset]) -> dict[str, Preset]:
    """A letter for each preset: the first letter of its name not taken by an earlier one
    (espresso e, coffee c, cola o). A preset whose letters are all taken gets none."""
    keys: dict[str, Preset] = {}
    for preset in presets:
        letter = next((ch for ch in preset.name.lower() if ch.isascii() and ch.isalpha() and ch not in keys), None)
        if letter is not None:
            keys[letter] = preset
    return keys


class PresetPicker(Dialog[tuple[float, str]]):
    """Dismisses with (amount in the factor's unit, the drink's name: "" when an amount was
    typed), or None. The name goes in the entry's note, as `tracker log drink` records it."""

    AUTO_FOCUS = "#amount"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        # Ordinary (not priority) so the digits typed before it reach the amount first.
        Binding("enter", "save", "Save"),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
    ]

    def __init__(self, *, factor: Factor, presets: list[Preset], amount: str = "", problem: str = "") -> None:
        super().__init__(problem=problem)
        self.factor = factor
        self.presets = presets
        self.amount = amount
        self.keys = preset_keys(presets)
        for letter in self.keys:
            # Priority: a letter picks even while the amount box has focus (it holds digits only).
            self._bindings.bind(letter, f"pick('{letter}')", show=False, priority=True)

    def compose(self) -> ComposeResult:
        unit = self.factor.unit
        letters = {preset.name: key for key, preset in self.keys.items()}
        with Vertical(classes="form"):
            yield Static(f"[b]Add {self.factor.name}[/b]", classes="form-title")
            yield self.problem_line()
            options = [
                Option(f"{letters.get(p.name, ' ')}  {p.name:<14} {format_number(p.amount)} {unit}", id=p.name)
                for p in self.presets
            ]
            yield OptionList(*options, id="presets")
            yield Static(
                f"a [b]letter[/b] adds that drink · or type an amount in {unit or 'units'} and press [b]Enter[/b]",
                classes="field-label",
            )
            yield CharsInput(self.amount, chars=AMOUNT_CHARACTERS, placeholder=unit, id="amount")
            yield field_error("amount")
            yield Static("↑ ↓ then Enter: the highlighted one   Esc cancel", classes="form-hint")

    def on_mount(self) -> None:
        self.query_one("#presets", OptionList).highlighted = None  # Enter alone never picks by accident

    def on_key(self, event: events.Key) -> None:
        """A digit typed while the amount box has no focus still goes into it."""
        amount = self.query_one("#amount", Input)
        if event.character and event.character in "0123456789.," and not amount.has_focus:
            event.stop()
            self.set_focus(amount)  # at once, ahead of the next key (focus() would queue it)
            amount.insert_text_at_cursor(event.character)

    def action_pick(self, letter: str) -> None:
        self.dismiss((self.keys[letter].amount, self.keys[letter].name))

    def action_move(self, step: int) -> None:
        options = self.query_one("#presets", OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        picked = self.presets[event.option_index]
        self.dismiss((picked.amount, picked.name))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        typed = self.query_one("#amount", Input).value.strip()
        if typed:
            try:
                self.dismiss((parse_amount(self.factor, typed), ""))
            except ValueError as exc:
                self.refuse("amount", str(exc))
            return
        highlighted = self.query_one("#presets", OptionList).highlighted
        if highlighted is None:
            self.refuse("amount", f"press a letter for a preset, or type an amount in {self.factor.unit or 'units'}")
            return
        self.dismiss((self.presets[highlighted].amount, self.presets[highlighted].name))

    def action_cancel(self) -> None:
        self.action_dismiss_none()
