"""The alert after a red flag is ticked: plain advice, never a diagnosis."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tracker.core.vocabulary import red_flag_advice
from tracker.tui.screens.dialog import Dialog
from tracker.tui.screens.red_flags import QUESTIONS

NOT_A_DIAGNOSIS = "These signs are worth checking in person; this app cannot tell you what is causing them."


class RedFlagAlert(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Close", priority=True),
        Binding("escape", "close", "Close"),
    ]

    def __init__(
        self, kinds: list[str], *, when: str = "today", day: dt.date | None = None, today: dt.date | None = None
    ) -> None:
        """`kinds`: the signs saved (RedFlagKind values) to `day`; the advice is graded by them,
        and by how long ago `day` is."""
        super().__init__()
        self.kinds = kinds
        self.when = when  # the day they were saved to: "today", "yesterday", "on Thu 26 Nov"
        self.day, self.today = day, today

    def compose(self) -> ComposeResult:
        with Vertical(id="red-flag-alert"):
            yield Static("⚠  RED FLAG", id="alert-title")
            labels = dict(QUESTIONS)
            yield Static("You noted: " + "; ".join(labels[kind] for kind in self.kinds) + ".", markup=False)
            # The same graded words as `tracker log redflag` and the checklist that led here.
            yield Static(
                "\n\n".join([*red_flag_advice(self.kinds, on=self.day, today=self.today), NOT_A_DIAGNOSIS]),
                id="alert-advice",
                markup=False,
            )
            yield Static(f"Saved to your log for {self.when.removeprefix('on ')}.   Enter close", classes="form-hint")

    def action_close(self) -> None:
        self.dismiss(None)
