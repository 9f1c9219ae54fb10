"""Stress on the 0–10 scale in a key or two.

0 and 2–9 save at once. `1` could be the start of 10, so it waits: Enter saves 1, `0` makes
it 10 (and `t` is 10 too). Typed fast or slow, `10` is always 10.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tracker.tui.screens.dialog import Dialog


class StressPicker(Dialog[int]):
    BINDINGS: ClassVar[list[BindingType]] = [
        *[Binding(str(n), f"digit({n})", show=False) for n in range(10)],
        Binding("t", "pick(10)", show=False),
        Binding("enter", "enter", show=False),
        # Not Esc: a digit typed right after Esc reads as Alt and that digit, and is lost.
        Binding("backspace", "start_again", show=False),
        Binding("escape", "dismiss_none", "Cancel"),
    ]

    def __init__(self, *, when: str = "today", already: str = "") -> None:
        super().__init__()
        self.already = already  # what the day already has (DaySoFar.before): a level is added, not put in its place
        self.when = when  # the day the value is for: "today", "yesterday", "on Thu 26 Nov"
        self.started_ten = False  # `1` pressed: 1 or the start of 10

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(f"[b]Stress {self.when}[/b], 0 (none) to 10 (worst)", classes="form-title")
            if self.already:
                yield Static(self.already, id="already", markup=False)
            yield Static("press [b]0[/b] or [b]2[/b]–[b]9[/b] · [b]1[/b] then Enter · [b]10[/b] or [b]t[/b] for 10")
            yield Static("", id="stress-typed")
            yield Static("Esc cancel", classes="form-hint")

    def action_digit(self, digit: int) -> None:
        if self.started_ten:
            if digit == 0:
                self.dismiss(10)
            else:
                self._show("1 — Enter saves 1, 0 makes it 10 (Backspace to start again)")
        elif digit == 1:
            self.started_ten = True
            self._show("1 — Enter saves 1, 0 makes it 10")
        else:
            self.dismiss(digit)

    def action_start_again(self) -> None:
        self.started_ten = False
        self._show("")

    def action_enter(self) -> None:
        if self.started_ten:
            self.dismiss(1)
        else:
            self._show("press a number from 0 to 9, or t for 10")

    def _show(self, text: str) -> None:
        self.query_one("#stress-typed", Static).update(text)

    def action_pick(self, level: int) -> None:
        self.dismiss(level)
