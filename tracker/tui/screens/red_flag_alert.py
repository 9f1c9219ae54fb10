"""The alert after a red flag is ticked: plain advice, never a diagnosis."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tracker.tui.screens.dialog import Dialog

ADVICE = (
    "[b]See a doctor promptly[/b] about what you ticked. These signs are worth checking "
    "in person; this app cannot tell you what is causing them.\n\n"
    "[b]Call emergency services now[/b] if one side of the face suddenly droops together "
    "with weakness in an arm or slurred speech."
)


class RedFlagAlert(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Close", priority=True),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, ticked: list[str], *, when: str = "today") -> None:
        super().__init__()
        self.ticked = ticked
        self.when = when  # the day they were saved to: "today", "yesterday", "on Thu 26 Nov"

    def compose(self) -> ComposeResult:
        with Vertical(id="red-flag-alert"):
            yield Static("⚠  RED FLAG", id="alert-title")
            yield Static("You noted: " + "; ".join(self.ticked) + ".")
            yield Static(ADVICE, id="alert-advice")
            yield Static(f"Saved to your log for {self.when.removeprefix('on ')}.   Enter close", classes="form-hint")

    def action_close(self) -> None:
        self.dismiss(None)
