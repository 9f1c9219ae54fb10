"""Jump to a date to look at it or fill it in."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tracker.errors import InputError
from tracker.when import DATE_ALLOWED, parse_date


class DatePrompt(ModalScreen[dt.date | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, *, today: dt.date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static("[b]Go to a day[/b]", classes="form-title")
            yield Input(placeholder="2026-01-31, yesterday, or -3 (days back)", id="date")
            yield Static(f"{DATE_ALLOWED}, or -N days   Enter go   Esc cancel", classes="form-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        try:
            if text.startswith("-") and text[1:].isdigit():
                day = self.today - dt.timedelta(days=int(text[1:]))
            else:
                day = parse_date(text, today=self.today)
            if day > self.today:
                raise InputError("date", text, "today or earlier")
        except InputError as exc:
            self.notify(str(exc), severity="error")
            return
        self.dismiss(day)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
