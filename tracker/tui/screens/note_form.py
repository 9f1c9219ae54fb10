"""The day's own note: one line of text for the day shown (the daily CSV's `note` column)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tracker.core import validate
from tracker.errors import InputError
from tracker.tui.screens.dialog import Dialog, field_error
from tracker.tui.widgets.ordered_input import OrderedInput


class NoteForm(Dialog[str]):
    """Dismisses with the note (empty: clear it), or None when cancelled."""

    AUTO_FOCUS = "#note"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, *, day: dt.date, note: str = "", problem: str = "") -> None:
        super().__init__(problem=problem)
        self.day, self.note = day, note

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(f"[b]Note for {self.day:%A %d %B %Y}[/b]", classes="form-title")
            yield self.problem_line()
            # A note already there is added to, not replaced by the first key typed.
            yield OrderedInput(
                self.note, placeholder="how the day went, anything to remember", id="note", select_on_focus=False
            )
            yield field_error("note")
            yield Static("[b]Enter[/b] save (empty clears it)   [b]Esc[/b] cancel", classes="form-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            note = validate.note("note", event.value.strip())
        except InputError as exc:
            self.refuse("note", str(exc))
            return
        self.dismiss(note)
