"""The yardstick for bench_tui.py: the smallest Textual app that looks like one.

Header, Static, Footer; a second screen of the same (h to go, t or Esc to come back) gives a
baseline for switching screens.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class First(Screen[None]):
    TITLE = "Today"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("h", "app.switch_mode('second')", "Second")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("minimal app ready")
        yield Footer()


class Second(Screen[None]):
    TITLE = "History"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,t", "app.switch_mode('first')", "First")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("second screen")
        yield Footer()


class MinimalApp(App[None]):
    MODES = {"first": First, "second": Second}  # noqa: RUF012 (Textual reads a plain dict)

    def on_mount(self) -> None:
        self.switch_mode("first")


if __name__ == "__main__":
    MinimalApp().run()
