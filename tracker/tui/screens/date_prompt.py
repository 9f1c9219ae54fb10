"""Jump to a date to look at it or fill it in."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tracker.core.when import DATE_ALLOWED, past_day
from tracker.errors import InputError
from tracker.tui.screens.dialog import Dialog, field_error
from tracker.tui.widgets.ordered_input import OrderedInput


class DatePrompt(Dialog[dt.date]):
    AUTO_FOCUS = "#date"
    ASK_BEFORE_DISCARD = False  # a place to go to, not an entry: Esc closes at once
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, *, today: dt.date) -> None:
        super().__init__()
        self.today = today

    def action_dismiss_none(self) -> None:
        # An Enter typed behind the Esc, before the dialog had closed, was meant to go to the
        # date typed: handed on to the day below, it opened an edit of the row under the cursor.
        if self.query_one("#date", Input).value.strip():
            drop_behind = getattr(self.app, "drop_behind", None)  # the tracker app (key_order)
            if drop_behind is not None:
                drop_behind("enter")
        super().action_dismiss_none()

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static("[b]Go to a day[/b]", classes="form-title")
            yield OrderedInput(placeholder="2026-01-31, yesterday, or -3 (days back)", id="date")
            yield field_error("date")
            yield Static(f"{DATE_ALLOWED}   Enter go   Esc cancel", classes="form-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            day = self.day(event.value.strip())
        except InputError as exc:
            self.refuse("date", str(exc))
            return
        self.dismiss(day)

    def day(self, text: str) -> dt.date:
        """The day `text` names, from 1900 to today (InputError otherwise): past_day's rule."""
        return past_day(text, today=self.today)
