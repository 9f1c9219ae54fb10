"""Before a file is written: where it goes (the exports folder unless you type another path),
and Enter to write it. The path is shown again once the file is written."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tracker.tui.screens.dialog import Dialog, field_error
from tracker.tui.widgets.ordered_input import OrderedInput


class ExportForm(Dialog[Path]):
    """Dismisses with the path to write, or None."""

    AUTO_FOCUS = "#path"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, *, what: str, path: Path, problem: str = "") -> None:
        super().__init__(problem=problem)
        self.what, self.path = what, path

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(f"[b]{self.what}[/b]", classes="form-title")
            yield self.problem_line()
            yield Static("to (edit the path to write elsewhere):", classes="field-label")
            yield OrderedInput(str(self.path), id="path")
            yield field_error("path")
            yield Static("[b]Enter[/b] write   [b]Esc[/b] cancel", classes="form-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.refuse("path", "path: empty; a file or folder to write to")
            return
        self.dismiss(Path(text).expanduser())

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
