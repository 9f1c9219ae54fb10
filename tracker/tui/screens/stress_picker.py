"""Stress on the 0–10 scale in one key: 0–9, and t for 10."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class StressPicker(ModalScreen[int | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        *[Binding(str(n), f"pick({n})", show=False) for n in range(10)],
        Binding("t", "pick(10)", show=False),
        Binding("escape", "dismiss_none", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static("[b]Stress today[/b], 0 (none) to 10 (worst)", classes="form-title")
            yield Static("press [b]0[/b]–[b]9[/b], or [b]t[/b] for 10      Esc cancel")

    def action_pick(self, level: int) -> None:
        self.dismiss(level)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
