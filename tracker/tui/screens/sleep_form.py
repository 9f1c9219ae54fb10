"""Sleep as hours, or as bed and wake times; either way it belongs to the day you woke up."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tracker.errors import InputError


class SleepForm(ModalScreen[tuple[float, str] | None]):
    """Dismisses with (hours, note), the note saying the bed and wake times if given."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("enter", "save", "Save"),  # not priority: keys typed before it come first
    ]

    def __init__(self, *, wake_day: dt.date) -> None:
        super().__init__()
        self.wake_day = wake_day

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(f"[b]Sleep[/b] ending the morning of {self.wake_day:%a %d %b}", classes="form-title")
            yield Static("hours", classes="field-label")
            yield Input(placeholder="e.g. 6.5", id="hours", type="number")
            yield Static("or bed and wake times (Tab to move)", classes="field-label")
            with Horizontal(classes="pair"):
                yield Input(placeholder="bed 23:30", id="bed")
                yield Input(placeholder="wake 07:00", id="wake")
            yield Static("Enter save   Esc cancel", classes="form-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        try:
            result = self._result()
        except InputError as exc:
            self.notify(str(exc), severity="error")
            return
        self.dismiss(result)

    def _result(self) -> tuple[float, str]:
        hours = self.query_one("#hours", Input).value.strip()
        if hours:
            try:
                return float(hours), ""
            except ValueError:
                raise InputError("hours", hours, "a number like 6.5") from None
        bed, wake = (self.query_one(f"#{name}", Input).value.strip() for name in ("bed", "wake"))
        if not (bed and wake):
            raise InputError("sleep", "", "hours, or both a bed and a wake time (HH:MM)")
        bed_at, wake_at = _clock("bed", bed), _clock("wake", wake)
        minutes = (wake_at.hour * 60 + wake_at.minute - bed_at.hour * 60 - bed_at.minute) % (24 * 60)
        return round(minutes / 60, 2), f"bed {bed_at:%H:%M}, wake {wake_at:%H:%M}"

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def _clock(field: str, text: str) -> dt.time:
    try:
        return dt.time.fromisoformat(text if len(text) > 4 else f"0{text}")
    except ValueError:
        raise InputError(field, text, "a time like 23:30") from None
