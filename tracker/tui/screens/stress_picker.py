"""Stress on the 0–10 scale in a key or two.

0 and 2–9 save at once. `1` could be the start of 10, so it waits: Enter saves 1, `0` makes
it 10 (and `t` is 10 too). Typed fast or slow, `10` is always 10.

On a day that already has stress a level is chosen, not saved: the line under it says what
Enter and `+` will do, Enter putting it in place of the day's stress (undo puts it back) and
`+` adding it as another rating of the day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tracker.tui.screens.dialog import Dialog

if TYPE_CHECKING:
    from tracker.tui.day_so_far import DaySoFar


class StressPicker(Dialog[int]):
    BINDINGS: ClassVar[list[BindingType]] = [
        *[Binding(str(n), f"digit({n})", show=False) for n in range(10)],
        Binding("t", "pick(10)", show=False),
        Binding("enter", "enter", show=False),
        Binding("plus", "add", show=False),
        # Not Esc: a digit typed right after Esc reads as Alt and that digit, and is lost.
        Binding("backspace", "start_again", show=False),
        Binding("escape", "dismiss_none", "Cancel"),
    ]

    def __init__(self, *, when: str = "today", so_far: DaySoFar | None = None) -> None:
        super().__init__()
        self.so_far = so_far  # the day's stress so far: on a day that has some, a level is chosen first
        self.when = when  # the day the value is for: "today", "yesterday", "on Thu 26 Nov"
        self.started_ten = False  # `1` pressed: 1 or the start of 10
        self.chosen: int | None = None  # on a day that has stress: the level Enter or `+` saves
        self.adds = False  # saved with `+`: another rating of the day, not in place of the day's

    @property
    def asks(self) -> bool:
        return self.so_far is not None and self.so_far.asks()

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(f"[b]Stress {self.when}[/b], 0 (none) to 10 (worst)", classes="form-title")
            if self.so_far is not None and self.so_far.values:
                yield Static(f"already logged: stress {self.so_far.holds()}", id="already", markup=False)
            if self.asks:
                yield Static("press [b]0[/b]–[b]9[/b] to choose · [b]1[/b] [b]0[/b] or [b]t[/b] for 10")
            else:
                yield Static("press [b]0[/b] or [b]2[/b]–[b]9[/b] · [b]1[/b] then Enter · [b]10[/b] or [b]t[/b] for 10")
            yield Static("", id="stress-typed", markup=False)
            hint = "[b]Enter[/b] in its place   [b]+[/b] add   Esc cancel" if self.asks else "Esc cancel"
            yield Static(hint, classes="form-hint")

    def action_digit(self, digit: int) -> None:
        if self.asks:
            self._choose(10 if self.started_ten and digit == 0 and self.chosen == 1 else digit)
            self.started_ten = digit == 1
            return
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

    def _choose(self, level: int) -> None:
        """A level chosen on a day that has stress: what Enter and `+` will do with it."""
        assert self.so_far is not None
        self.chosen = level
        self._show(f"Enter writes: stress {level} {self.so_far.choice(level)}")

    def action_start_again(self) -> None:
        self.started_ten = False
        self.chosen = None
        self._show("")

    def action_enter(self) -> None:
        if self.asks and self.chosen is not None:
            self.dismiss(self.chosen)
        elif self.started_ten:
            self.dismiss(1)
        else:
            self._show("press a number from 0 to 9, or t for 10")

    def action_add(self) -> None:
        """The level chosen, as another rating of the day."""
        if not self.asks or self.chosen is None:
            self.app.bell()
            return
        self.adds = True
        self.dismiss(self.chosen)

    def _show(self, text: str) -> None:
        self.query_one("#stress-typed", Static).update(text)

    def action_pick(self, level: int) -> None:
        if self.asks:
            self.started_ten = False
            self._choose(level)
        else:
            self.dismiss(level)
