"""What every dialog shares: it closes once, and a value it refuses stays, with the reason under its field.

A burst of keys can ask a dialog to close twice (a preset picked, then Enter behind it); the
second request would pop the screen underneath, which Textual refuses with a crash. A value
the dialog cannot use keeps the dialog open, the text as typed, and one line under the field
that says what is allowed. A dialog reopened after the database refused a save shows why in
its first line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tracker.core.amounts import decimal_text
from tracker.errors import InputError
from tracker.tui.key_order import hand_back
from tracker.tui.widgets.ordered_input import OrderedInput

if TYPE_CHECKING:
    from textual.widget import Widget

ResultT = TypeVar("ResultT")


class FieldError(Static):
    """The line under a field saying why its value was refused (empty while there is none)."""

    DEFAULT_CSS = """
    FieldError { color: $error; height: auto; }
    FieldError.-empty { display: none; }
    """

    def __init__(self, *, id: str) -> None:
        super().__init__("", id=id, classes="-empty", markup=False)

    def say(self, text: str) -> None:
        self.update(text)
        self.set_class(not text, "-empty")


class CharsInput(OrderedInput):
    """A box that holds only the characters `chars` (a regex character class) matches. Any other
    key is left to the dialog's keys: Textual would otherwise hand every printable key to a
    focused box and never to a binding (a letter picking a preset, `g` confirming a dose)."""

    def __init__(
        self,
        value: str = "",
        *,
        chars: str,
        leave: str = "",
        placeholder: str = "",
        max_length: int = 0,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(
            value, restrict=f"{chars}*", placeholder=placeholder, max_length=max_length, id=id, classes=classes
        )
        self.chars = re.compile(chars)
        # Characters the box could hold but leaves to the dialog's keys (its own key, saving
        # again) only while it holds what it opened with: once something is typed, they are
        # text (the g of "200mg" saved the dose shown before the digits had landed).
        self.leave = leave
        self.typed_into = False

    def leaves(self, character: str | None) -> bool:
        """Whether `character` goes to the dialog's keys rather than into the box."""
        return bool(character and character in self.leave) and not self.typed_into

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character is None or self.leaves(character):
            return False
        return self.chars.fullmatch(character) is not None

    async def _on_key(self, event: events.Key) -> None:
        # Enter saves here, in the order typed: as a binding it would run only once the key had
        # gone round the app, after the keys typed behind it had joined the text ("150" Enter
        # "w250" in one read was "150w250"). Once the dialog closes, those keys go to the app.
        # An empty box goes the binding's way, in order with the ↑ ↓ that chose a row before it.
        save = getattr(self.screen, "save_typed", None) if self.value.strip() else None
        closing = getattr(self.screen, "closing", False)  # only a Dialog closes; other screens never do
        if event.key == "enter" and save is not None and self.screen.focused is self and not closing:
            event.stop()
            event.prevent_default()
            save(self.value)
            return
        # `+` adds the value to the day rather than put it in place of the day's figure
        # (tracker.tui.day_so_far): saved here in the order typed too, as Enter is.
        add = getattr(self.screen, "add_typed", None) if self.value.strip() else None
        if event.character == "+" and add is not None and self.screen.focused is self and not closing:
            event.stop()
            event.prevent_default()
            add(self.value)
            return
        if self.leaves(event.character) and self.screen.focused is self:
            event.prevent_default()  # not text: it goes on to the dialog's key, in the order typed
            return
        before = self.value
        await super()._on_key(event)
        self.typed_into = self.typed_into or self.value != before


class Dialog(ModalScreen[ResultT]):
    """A modal that hands its result back once; see the module docstring."""

    # Whether what is typed here describes an entry (a twitch, an amount, a note), so that Esc
    # or quitting asks before throwing it away. A date to go to or a file name is not asked about.
    ASK_BEFORE_DISCARD: ClassVar[bool] = True

    def __init__(self, *, problem: str = "") -> None:
        super().__init__()
        self.problem = problem  # why the last save failed, shown at the top when reopened
        self._handed_back = False
        self._opened_with: dict[str | None, str] = {}  # each box's text when the dialog opened
        self._refused: dict[str | None, str] = {}  # box id: the value refused, while its reason shows

    def on_mount(self) -> None:
        self._opened_with = {box.id: box.value for box in self.query(Input)}

    def scroll_to_center(self, widget: Widget, *args: Any, **kwargs: Any) -> None:
        """Bring the box with the cursor into view the least way, never to the middle: Textual
        centres a newly focused widget, and in a form taller than the terminal (80x24) centring
        its first box scrolled the title, which says what the dialog is for, out of view."""
        widget.scroll_visible(animate=False)

    def holds_typed_text(self) -> bool:
        """Whether a box holds text, describing an entry, other than what the dialog opened with
        (closing or quitting would lose it). Reopened after a save failed, all it holds was typed
        and never saved: one Esc threw away the entry the app had just said it kept."""
        if self._handed_back or not self.ASK_BEFORE_DISCARD:
            return False
        if self.problem:
            return True
        return any(box.value != self._opened_with.get(box.id, "") for box in self.query(Input))

    def on_input_changed(self, event: Input.Changed) -> None:
        # The reason a value was refused stays only until the value is edited. The box's value
        # now is compared, not the event's: a Changed for a key typed before the refusal can
        # arrive after it, and must not take the reason away.
        box = event.input
        if box.id in self._refused and box.value != self._refused[box.id]:
            del self._refused[box.id]
            self.query_one(f"#{box.id}-error", FieldError).say("")

    @property
    def closing(self) -> bool:
        """Whether the dialog has handed its result back: keys reaching it now were typed for what is below."""
        return self._handed_back

    def on_key(self, event: events.Key) -> None:
        # Typed in the same burst as the key that closed the dialog ("t Enter y t Enter"), a key
        # can reach it after it has closed: it goes back to the app, in the order typed, for
        # the screen below (else `y` is lost and the next twitch lands on the wrong day).
        if self._handed_back:
            event.stop()
            event.prevent_default()
            hand_back(self.app, event)

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        if self._handed_back:  # already closing: a second pop would take the screen below with it
            done: AwaitComplete = AwaitComplete.nothing()  # Textual leaves nothing() unannotated
            return done
        self._handed_back = True
        return super().dismiss(result)

    def action_dismiss_none(self) -> None:
        """Esc: close with nothing. When a box holds typed text, ask first: one Esc too many (the
        twitch form takes one to leave a box) must not throw away what was described."""
        if not self.holds_typed_text():
            self.dismiss(None)
            return
        from tracker.tui.screens.confirm import DiscardTyped  # confirm builds on this module

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)
            else:
                self.back_to_typing()

        self.app.push_screen(DiscardTyped(), answered)

    def back_to_typing(self) -> None:
        """After "Discard what you typed?" was answered no: the form as it was (a form whose
        Esc first leaves its box puts the person back in that box)."""

    def problem_line(self) -> FieldError:
        """The first line under the title: why the save failed, when the dialog is reopened."""
        line = FieldError(id="problem")
        if self.problem:
            line.call_after_refresh(line.say, self.problem)
        return line

    def refuse(self, field: str, reason: str) -> None:
        """Keep the dialog open: the reason goes under `field` (a widget id), which gets focus."""
        self.query_one(f"#{field}-error", FieldError).say(reason)
        target = self.query(f"#{field}")
        if target and isinstance(target.first(), Input):
            box = target.first(Input)
            self._refused[field] = box.value  # the reason stays until this value is edited
            self.set_focus(box)

    def clear_refusal(self, field: str, *, changed: bool = False) -> None:
        """Clear the reason under `field`; when `changed` (the box's text changed), only if the
        box no longer holds the text refused: the changes typed before Enter arrive after it."""
        box = self.query(f"#{field}")
        if changed and box and isinstance(box.first(), Input) and box.first(Input).value == self._refused.get(field):
            return
        self.query_one(f"#{field}-error", FieldError).say("")

    def say_problem(self, text: str) -> None:
        """Keep the dialog open with `text` in its first line (forms without a line per field)."""
        self.query_one("#problem", FieldError).say(text)

    def number(self, field: str, label: str) -> float | None:
        """The number in the box with id `field`, None when it is empty; InputError names
        `label` when the text is not a number ("-" or "1e" pass a number box's filter)."""
        text = self.query_one(f"#{field}", Input).value.strip()
        if not text:
            return None
        try:
            return float(decimal_text(text, field=label))
        except ValueError:
            raise InputError(label, text, "a number") from None


def field_error(field: str) -> FieldError:
    """The (empty) line under the widget with id `field`."""
    return FieldError(id=f"{field}-error")
