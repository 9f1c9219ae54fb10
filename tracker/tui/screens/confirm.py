"""Before a one-key write: what will be written, and Enter (or the same key again) to do it.

A key pressed to look must never write. The dialog names the entry; Enter or the key that
opened it confirms, Esc (or any other key) leaves everything as it was.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tracker.tui.screens.dialog import Dialog


class Confirm(Dialog[bool]):
    """Dismisses with True (do it) or False. `keys` opened it ("n", "delete,backspace"); `key_label`
    is how the hint names them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "answer(True)", "Yes", priority=True),
        Binding("escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, *, keys: str, yes: str, key_label: str = "", problem: str = "") -> None:
        super().__init__(problem=problem)
        self.question, self.yes = question, yes
        self.key_label = key_label or keys
        self._bindings.bind(keys, "answer(True)", show=False, priority=True)

    def compose(self) -> ComposeResult:
        with Vertical(classes="form confirm"):
            yield Static(self.question, classes="form-title")
            yield self.problem_line()
            yield Static(
                f"[b]Enter[/b] {self.yes} (or [b]{self.key_label}[/b] again)   [b]Esc[/b] cancel", classes="form-hint"
            )

    def on_key(self, event: events.Key) -> None:
        # Any other key is a "no": the person was looking, not answering. Esc is that answer
        # itself: not handed back (Dialog.on_key) to close whatever opens next, such as the form
        # a "no" goes back to.
        event.stop()
        if event.key == "escape":
            event.prevent_default()
        self.dismiss(False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class OnlyItsAnswers(Confirm):
    """A prompt over typed text that takes only its answers: any other key does nothing. Taken
    as a "no", the key went on into the box below ("Esc w 1.5l" typed "w1.5l" into an amount)."""

    def on_key(self, event: events.Key) -> None:
        if self.closing:  # typed behind the answer: it goes on to the form, in the order typed
            Dialog.on_key(self, event)
            return
        event.stop()
        event.prevent_default()


class DiscardAndQuit(OnlyItsAnswers):
    """Asked when the app is told to quit while a dialog holds typed text: True quits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,y,ctrl+q", "answer(True)", "Quit", priority=True),
        Binding("escape,n", "answer(False)", "Back", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__("Discard what you typed and quit?", keys="y", yes="quit")

    def compose(self) -> ComposeResult:
        with Vertical(classes="form confirm"):
            yield Static(self.question, classes="form-title")
            yield Static("[b]Enter[/b]/[b]y[/b] quit   [b]Esc[/b]/[b]n[/b] back to what you typed", classes="form-hint")


class DiscardTyped(OnlyItsAnswers):
    """Asked when Esc would close a dialog that holds typed text: True closes it, losing the text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,y", "answer(True)", "Discard", priority=True),
        Binding("escape,n", "answer(False)", "Back", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__("Discard what you typed?", keys="y", yes="discard")

    def compose(self) -> ComposeResult:
        with Vertical(classes="form confirm"):
            yield Static(self.question, classes="form-title")
            yield Static(
                "[b]Enter[/b]/[b]y[/b] discard   [b]Esc[/b]/[b]n[/b] back to what you typed", classes="form-hint"
            )
