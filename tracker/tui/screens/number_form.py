"""One number for a factor (magnesium, a factor of your own): type it, Enter.

The box takes what an amount can hold (`200`, `200mg`), read by the same rule as the command
line; the line under it shows what Enter will write, or (never both) why Enter would refuse it: a
value outside the factor's range is refused as it is typed, one that cannot be read on Enter,
kept as typed either way, before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tracker.core.amounts import Amount, read_amount
from tracker.core.factor_rules import refuse_past_day_total
from tracker.core.formatting import amount_words, factor_words, format_number
from tracker.core.vocabulary import FactorKind
from tracker.tui.screens.dialog import CharsInput, Dialog, FieldError, field_error
from tracker.tui.widgets.choice_row import ChoiceRow

if TYPE_CHECKING:
    from tracker.storage.models import Factor
    from tracker.tui.day_so_far import DaySoFar

# What an amount box holds: 150, 1.5, 1,5, 1.5 l, 200mg, 2e, espresso 2, black-tea. Every
# other key is left to the dialog's bindings (Esc, ↑ ↓).
AMOUNT_WORDS = r"[0-9.,A-Za-z \-]"


def checked_amount(factor: Factor, amount: Amount, so_far: DaySoFar | None = None, *, adds: bool = True) -> Amount:
    """`amount` if it is within the factor's range and, with the day's entries (`so_far`), within
    what the day can hold (InputError says why not, in the words the save would refuse it with).
    A value put in place of the day's (`adds` False on a day that asks) is checked alone."""
    from tracker.storage.store import check_factor_value  # the database stack is loaded before any dialog

    check_factor_value(factor, amount.value, field=factor.name)
    if so_far is not None and (adds or not so_far.asks()):
        refuse_past_day_total(factor, sum(so_far.values), amount.value)
    return amount


def preview_words(
    factor: Factor, read: Callable[[str], Amount], typed: str, so_far: DaySoFar | None = None
) -> tuple[str, str]:
    """The line under an amount box, as (what Enter will write, why Enter would refuse it): at
    most one of the two is said, so a refused value never reads as about to be written. Both
    are "" while the text says nothing yet. When the day already has entries (`so_far`), what
    Enter writes is followed by what the day then holds."""
    if not typed.strip():
        return "", ""
    try:
        amount = read(typed)
    except ValueError:
        return "", ""  # not an amount yet: still being typed
    try:
        checked_amount(factor, amount, so_far, adds=False)
    except ValueError as exc:
        return "", str(exc)  # an amount, outside the factor's range
    then = f"\n{said}" if so_far and (said := so_far.after(amount.value)) else ""
    if so_far is not None and so_far.asks():  # Enter puts it in place of the day's, `+` adds it
        try:
            checked_amount(factor, amount, so_far)
        except ValueError as exc:  # the day cannot hold both: `+` would refuse it
            then = f" {so_far.choice(amount.value, refused=str(exc))}"
        else:
            then = f" {so_far.choice(amount.value)}"
    if factor.kind == FactorKind.YES_NO and amount.value in (0, 1):  # "alcohol yes", as the day reads it
        return f"Enter writes: {factor_words(factor.name)} {amount_words(amount.value, '', factor.kind)}{then}", ""
    return f"Enter writes: {amount.words(factor.name, factor.unit)}{then}", ""


def show_preview(dialog: Dialog[Any], box: str, words: str, reason: str) -> None:
    """Show preview_words' line in `dialog`: what Enter writes, or the reason under `box`."""
    dialog.query_one("#preview", Static).update(words)
    if reason:
        dialog.refuse(box, reason)  # stays until the value is edited


YES_NO_CHOICES = [("y", "yes"), ("n", "no")]


def allowed_range(factor: Factor) -> str:
    """What the factor takes, as the form's heading says it."""
    if factor.kind == FactorKind.YES_NO:
        return "y yes, n no"
    from tracker.storage.store import allowed_values  # the database stack is loaded before any dialog

    return allowed_values(factor)


class NumberForm(Dialog[float]):
    """Dismisses with the value, or None. With `again` (a key), that key saves too: `g` `g`
    logs the magnesium dose the form shows. A yes-no factor has no box (a number box for an
    answer of yes or no read as asking for a number): y or n, shown chosen, then Enter."""

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
        so_far: DaySoFar | None = None,
    ) -> None:
        super().__init__(problem=problem)
        self.factor = factor
        self.so_far = so_far  # the day's entries of this factor: the preview says what it then holds
        self.value = value if isinstance(value, str) else format_number(value)
        self.heading = heading or f"[b]{factor_words(factor.name)}[/b] ({allowed_range(factor)})"
        self.again = again
        self.answer: int | None = None  # a yes-no factor's y (1) or n (0), chosen and not yet saved
        self.adds = False  # saved with `+`: another entry of the day, not in place of the day's figure
        if factor.kind == FactorKind.YES_NO and self.value in ("0", "1"):  # an answer edited: shown chosen
            self.answer, self.value = int(self.value), ""
        if again:
            # Not a priority key: it must reach the box in the order typed, where it is text
            # once anything has been typed (CharsInput.leave), else it comes back here.
            self._bindings.bind(again, f"again('{again}')", show=False)
        if factor.kind == FactorKind.YES_NO:  # y or n chooses the answer; Enter or the same key saves it
            self._bindings.bind("y", "answer(1)", show=False, priority=True)
            self._bindings.bind("n", "answer(0)", show=False, priority=True)
            self._bindings.bind("enter", "save", show=False)  # no box to take Enter
        if so_far is not None and so_far.asks():
            self._bindings.bind("plus", "add", show=False)  # a box takes `+` as add_typed, in order

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(self.heading, classes="form-title")
            yield self.problem_line()
            if self.factor.kind == FactorKind.YES_NO:
                yield ChoiceRow(
                    "answer", YES_NO_CHOICES, self._answer_label(), unchosen="(not answered yet)", id="value"
                )
                yield field_error("value")
                yield Static("", id="preview", classes="form-hint", markup=False)
                yield Static(f"[b]Enter[/b] {self._enter_words()} (or the same key again){self._add_words()}"
                             "   [b]Esc[/b] cancel", classes="form-hint")  # fmt: skip
                return
            # Its own key saves while the box holds what the form opened with, then it is text.
            yield CharsInput(
                self.value, chars=AMOUNT_WORDS, leave=self.again, placeholder=self.factor.unit or "value", id="value"
            )
            yield field_error("value")
            yield Static("", id="preview", classes="form-hint", markup=False)
            again = f" (or [b]{self.again}[/b] again)" if self.again else ""
            yield Static(
                f"[b]Enter[/b] {self._enter_words()}{again}{self._add_words()}   [b]Esc[/b] cancel", classes="form-hint"
            )

    def _asks(self) -> bool:
        return self.so_far is not None and self.so_far.asks()

    def _enter_words(self) -> str:
        return "in its place" if self._asks() else "save"

    def _add_words(self) -> str:
        return "   [b]+[/b] add" if self._asks() else ""

    def _answer_label(self) -> str:
        return {1: "yes", 0: "no"}.get(self.answer if self.answer is not None else -1, "")

    def on_mount(self) -> None:
        self._show_preview(self.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.clear_refusal("value", changed=True)
        if event.value:  # a number typed replaces a y / n chosen before it
            self.answer = None
        self._show_preview(event.value)

    def _show_preview(self, typed: str) -> None:
        if self.answer is not None:
            typed = str(self.answer)
        show_preview(self, "value", *preview_words(self.factor, self._read, typed, self.so_far))

    def _typed(self) -> str:
        """What the box holds ("" for a yes-no factor, which has none)."""
        box = self.query_one("#value")
        return box.value if isinstance(box, Input) else ""

    def _read(self, typed: str) -> Amount:
        return read_amount(typed, field=self.factor.name, unit=self.factor.unit)

    def action_again(self, key: str) -> None:
        """The form's own key, pressed before anything was typed into the box: saves what the
        form opened with (keys typed behind it may already be in the box)."""
        if self.factor.kind == FactorKind.YES_NO:
            self.action_save()
            return
        self.action_save(self.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save(event.value)  # the text as Enter was pressed

    def action_save(self, typed: str | None = None) -> None:
        """Save the y / n chosen, else what the box holds (`typed`: as Enter was pressed)."""
        if self.answer is not None:
            self.dismiss(float(self.answer))
            return
        if self.factor.kind == FactorKind.YES_NO:
            self.query_one("#value-error", FieldError).say("press y for yes or n for no")
            return
        self.save_typed(self._typed() if typed is None else typed)

    def save_typed(self, typed: str) -> None:
        """Save `typed` (what the box holds as Enter is pressed), or say under it why not."""
        try:
            amount = checked_amount(self.factor, self._read(typed), self.so_far, adds=self.adds)
        except ValueError as exc:
            self.adds = False  # refused: Enter keeps its meaning
            self.refuse("value", str(exc))
        else:
            self.dismiss(amount.value)

    def add_typed(self, typed: str) -> None:
        """`+` in the box: as the `+` key, with the text as typed."""
        self.action_add(typed)

    def action_add(self, typed: str | None = None) -> None:
        """Save the value as another entry of the day, on a day that would put it in place of its figure."""
        if not self._asks():
            self.app.bell()
            return
        self.adds = True
        self.action_save(typed)
        if not self.closing:
            self.adds = False

    def action_answer(self, value: int) -> None:
        """y or n: chosen and shown as what Enter will write; the same key again saves it, so
        no key writes before the person has seen what it writes."""
        if self.answer == value:
            self.action_save()
            return
        self.answer = value
        self.query_one("#value", ChoiceRow).choose(self._answer_label())
        self.query_one("#value-error", FieldError).say("")
        self._show_preview("")
