"""Why the database could not be opened, in the app itself; any key quits.

The command that started the app then prints the same reason in one line and exits with its
code (tracker.commands.home), so nothing scrolls away as a traceback.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tracker.tui.screens.dialog import Dialog


class DatabaseErrorScreen(Dialog[None]):
    DEFAULT_CSS = """
    DatabaseErrorScreen { align: center middle; }
    DatabaseErrorScreen > Vertical {
        width: 80%; height: auto; padding: 1 2; border: thick $error; background: $surface;
    }
    """

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]The database could not be opened[/b]", classes="form-title")
            yield Static(self.reason, id="reason", markup=False)
            yield Static("Press any key to quit.", classes="form-hint")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss(None)
