"""What every dialog shares: it closes once, and a value it refuses stays, with the reason under its field.

A burst of keys can ask a dialog to close twice (a preset picked, then Enter behind it); the
second request would pop the screen underneath, which Textual refuses with a crash. A value
the dialog cannot use keeps the dialog open, the text as typed, and one line under the field
that says what is allowed. A dialog reopened after the database refused a save shows why in
its first line.
"""

from __future__ import annotations

import re
from typing import TypeVar

from textual import events
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tracker.errors import InputError
from tracker.tui.widgets.ordered_input import OrderedInput

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
        placeholder: str = "",
        max_length: int = 0,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(
            value, restrict=f"{chars}*", placeholder=placeholder, max_length=max_length, id=id, classes=classes
        )
        self.chars = re.compile(chars)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and self.chars.fullmatch(character) is not None


class Dialog(ModalScreen[ResultT]):
    """A modal that hands its result back once; see the module docstring."""

    def __init__(self, *, problem: str = "") -> None:
        super().__init__()
        self.problem = problem  # why the last save failed, shown at the top when reopened
        self._handed_back = False

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
            self.app.post_message(events.Key(event.key, event.character))

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        if self._handed_back:  # already closing: a second pop would take the screen below with it
            done: AwaitComplete = AwaitComplete.nothing()  # Textual leaves nothing() unannotated
            return done
        self._handed_back = True
        return super().dismiss(result)

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
            self.set_focus(target.first())

    def clear_refusal(self, field: str) -> None:
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
            return float(text.replace(",", "."))
        except ValueError:
            raise InputError(label, text, "a number") from None


def field_error(field: str) -> FieldError:
    """The (empty) line under the widget with id `field`."""
    return FieldError(id=f"{field}-error")
