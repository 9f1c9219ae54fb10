"""Pick a drink or a glass of water by its letter, or type an amount, then Enter.

The rule cannot misfire, whatever the typing speed: every key typed goes into one box, read
by the same rule as the command line (`150`, `1.5l`, `e`, `2e` for two espressos, `espresso 2`), and the line
under it shows what Enter will write ("2 × espresso = 126 mg caffeine"). Nothing is saved
before Enter, so no key is dropped or taken for another: `1.5l` is 1500 ml, `2 e` two espressos.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tracker.core.amounts import Amount, read_amount, units_of
from tracker.core.formatting import amount_words
from tracker.tui.screens.dialog import CharsInput, Dialog, field_error
from tracker.tui.screens.number_form import AMOUNT_WORDS, checked_amount, preview_words, show_preview

if TYPE_CHECKING:
    from tracker.storage.models import Factor, Preset
    from tracker.tui.day_so_far import DaySoFar


def preset_keys(presets: list[Preset], unit: str = "") -> dict[str, Preset]:
    """A letter for each preset: the first letter of its name not taken by an earlier one
    (espresso e, coffee c, cola o) nor a unit the amount can be typed in (`l` for water).
    A preset whose letters are all taken gets none."""
    keys: dict[str, Preset] = {}
    units = units_of(unit)
    for preset in presets:
        free = (ch for ch in preset.name.lower() if ch.isascii() and ch.isalpha() and ch not in keys)
        letter = next((ch for ch in free if ch not in units), None)
        if letter is not None:
            keys[letter] = preset
    return keys


class PresetPicker(Dialog[tuple[float, str]]):
    """Dismisses with (amount in the factor's unit, the drink as the note: "2 × espresso",
    "" when an amount was typed), or None: the note `tracker log drink` records."""

    AUTO_FOCUS = "#amount"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        # Ordinary (not priority) so the digits typed before it reach the amount first.
        Binding("enter", "save", "Save"),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
    ]

    def __init__(
        self,
        *,
        factor: Factor,
        presets: list[Preset],
        amount: str = "",
        problem: str = "",
        heading: str = "",
        so_far: DaySoFar | None = None,
    ) -> None:
        super().__init__(problem=problem)
        self.so_far = so_far  # the day's entries of this factor: the preview says what it then holds
        self.heading = heading or f"Add {factor.name}"  # "Edit caffeine" when an entry is changed
        self.factor = factor
        self.presets = presets
        self.amount = amount
        self.keys = preset_keys(presets, factor.unit)

    def compose(self) -> ComposeResult:
        unit = self.factor.unit
        letters = {preset.name: key for key, preset in self.keys.items()}
        with Vertical(classes="form"):
            yield Static(f"[b]{self.heading}[/b]", classes="form-title")
            yield self.problem_line()
            options = [
                Option(f"{letters.get(p.name, ' ')}  {p.name:<14} {amount_words(p.amount, unit)}", id=p.name)
                for p in self.presets
            ]
            yield OptionList(*options, id="presets")
            yield Static("", id="presets-more", markup=False)
            yield Static(self._how_to_type(), classes="field-label")
            yield CharsInput(self.amount, chars=AMOUNT_WORDS, placeholder=unit, id="amount")
            yield field_error("amount")
            yield Static("", id="preview", classes="form-hint", markup=False)
            yield Static("↑ ↓ then Enter: the highlighted one   Esc cancel", classes="form-hint")

    def _how_to_type(self) -> str:
        """The hint above the box, with a count example from this list's own letters ("2g: 2 ×
        glass" for water): an example from another list would be a notation nobody here types."""
        amount = f"an amount ({self._example()}), then [b]Enter[/b]"
        if not self.keys:
            return amount
        letter, preset = next(iter(self.keys.items()))
        return f"a [b]letter[/b] ([b]2{letter}[/b]: 2 × {escape(preset.name)}) or {amount}"

    def _example(self) -> str:
        unit = self.factor.unit
        return {"ml": "250, 1.5l", "mg": "150, 150mg"}.get(unit, f"150 {unit}".strip())

    def on_mount(self) -> None:
        listed = self.query_one("#presets", OptionList)
        listed.highlighted = None  # Enter alone never picks by accident
        self._show_preview(self.amount)
        self.watch(listed, "scroll_y", lambda _: self._show_more(), init=False)
        self.call_after_refresh(self._show_more)

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_more)

    def _show_more(self) -> None:
        """Under the list, how many drinks are out of view (a person's own come last, below the
        built-in ones): a short terminal shows only the first few, with nothing else to say so."""
        listed = self.query_one("#presets", OptionList)
        above = int(listed.scroll_y)
        below = max(0, listed.option_count - above - listed.scrollable_content_region.height)
        parts = [f"↑ {above} more"] * bool(above) + [f"↓ {below} more"] * bool(below)
        line = self.query_one("#presets-more", Static)
        line.update("   ".join(parts) + " (↑ ↓ scroll)" * bool(parts))
        line.display = bool(parts)  # no empty row when every drink is in view

    def on_key(self, event: events.Key) -> None:
        """A key typed while the amount box has no focus (after ↑ ↓) still goes into it."""
        if self.closing:  # Dialog.on_key hands it back to the screen below
            return
        amount = self.query_one("#amount", CharsInput)
        character = event.character
        if character and not amount.has_focus and amount.check_consume_key(event.key, character):
            event.stop()
            self.set_focus(amount)  # at once, ahead of the next key (focus() would queue it)
            amount.insert_text_at_cursor(character)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.clear_refusal("amount", changed=True)
        self._show_preview(event.value)

    def _show_preview(self, typed: str) -> None:
        """What Enter will write, while the text reads as an amount; nothing while it does not."""
        show_preview(self, "amount", *preview_words(self.factor, self._read, typed, self.so_far))

    def _read(self, typed: str) -> Amount:
        drinks = {p.name: p.amount for p in self.presets}
        letters = {key: p.name for key, p in self.keys.items()}
        return read_amount(typed, field=self.factor.name, unit=self.factor.unit, drinks=drinks, letters=letters)

    def action_move(self, step: int) -> None:
        options = self.query_one("#presets", OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # ↑ ↓ choose what a bare Enter writes: it is shown, as a typed amount is. The list's own
        # first highlight arrives after on_mount has taken it away: then Enter writes nothing.
        if self.query_one("#presets", OptionList).highlighted != event.option_index:
            return
        if not self.query_one("#amount", Input).value.strip():
            self._show_preview(self.presets[event.option_index].name)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._save_drink(self.presets[event.option_index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save_typed(event.value)  # the text as Enter was pressed

    def action_save(self) -> None:
        self.save_typed(self.query_one("#amount", Input).value)

    def save_typed(self, typed: str) -> None:
        """Save what the box holds (`typed`), or the highlighted drink when it is empty."""
        typed = typed.strip()
        if typed:
            try:
                amount = checked_amount(self.factor, self._read(typed), self.so_far)
            except ValueError as exc:
                self.refuse("amount", str(exc))
            else:
                self.dismiss((amount.value, amount.note))
            return
        highlighted = self.query_one("#presets", OptionList).highlighted
        if highlighted is None:
            self.refuse("amount", f"type a drink's letter or an amount ({self._example()}), then Enter")
            return
        self._save_drink(self.presets[highlighted])

    def _save_drink(self, picked: Preset) -> None:
        """Save a drink from the list, or say under the box why the day cannot hold it (as a
        typed amount is refused: in its place, before anything is written)."""
        try:
            checked_amount(self.factor, Amount(picked.amount, picked.name), self.so_far)
        except ValueError as exc:
            self.refuse("amount", str(exc))
            return
        self.dismiss((picked.amount, picked.name))

    def action_cancel(self) -> None:
        self.action_dismiss_none()


def drink_note(note: str, presets: list[Preset]) -> bool:
    """Whether `note` is only what a picker writes for a drink ("espresso", "2 × espresso"): it
    describes the amount, so a new amount makes it wrong."""
    name = re.sub(r"^\d+ × ", "", note.strip())
    return any(preset.name == name for preset in presets)
