"""Before a file is written: where it goes (the exports folder unless you type another path),
and Enter to write it. The path is shown again once the file is written.

Opened by a key (`s` on Trends), the same key again writes, as Enter does: a key that writes
shows what it will write and takes Enter or itself again, everywhere in the app (a second `s`
that put the cursor in the path instead did something other than the first). Tab goes to the
path to change it; there the key is a letter of the path, and the hint no longer offers it.
A path whose folder does not exist is refused under the box before the dialog closes.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tracker.core.files import never_a_database, output_target
from tracker.errors import InputError
from tracker.tui.screens.dialog import Dialog, field_error
from tracker.tui.widgets.ordered_input import OrderedInput


class ExportForm(Dialog[Path]):
    """Dismisses with the path to write, or None."""

    AUTO_FOCUS = ""  # see on_mount
    ASK_BEFORE_DISCARD = False  # a place to go to, not an entry: Esc closes at once
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("enter", "write", "Write"),  # outside the box; in it, Enter submits the box
        Binding("tab", "edit_path", show=False),
    ]

    def __init__(self, *, what: str, path: Path, problem: str = "", key: str = "") -> None:
        super().__init__(problem=problem)
        self.what, self.path, self.key = what, path, key
        if key:
            self._bindings.bind(key, "write", show=False)  # its own key again confirms
        self._replace: Path | None = None  # an existing path Enter was pressed on once: the second replaces it

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(f"[b]{self.what}[/b]", classes="form-title")
            yield self.problem_line()
            yield Static("to (edit the path to write elsewhere):", classes="field-label")
            yield OrderedInput(str(self.path), id="path", select_on_focus=False)
            yield Static("", id="whole-path", classes="form-hint -empty", markup=False)
            yield field_error("path")
            yield Static(self._keys_hint(in_path=False), id="keys-hint", classes="form-hint")

    def _keys_hint(self, *, in_path: bool) -> str:
        """The keys: the form's own key writes only from outside the path box, where it is text."""
        again = f" or [b]{self.key}[/b] again" if self.key and not in_path else ""
        edit = "" if in_path else "   [b]Tab[/b] edit the path"
        return f"[b]Enter[/b]{again} write{edit}   [b]Esc[/b] cancel"

    def on_descendant_focus(self) -> None:
        self.query_one("#keys-hint", Static).update(self._keys_hint(in_path=True))

    def on_mount(self) -> None:
        if not self.key or self.problem:  # from the palette, or reopened: straight to the path
            self.action_edit_path()
        self.call_after_refresh(self._show_whole_path)

    # A path longer than its box shows only one end of itself (the folder, or from the palette
    # the file name): the whole of it is written under the box, broken after a "/".

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._show_whole_path()

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_whole_path)

    def _show_whole_path(self) -> None:
        box = self.query_one("#path", Input)
        room = box.content_region.width - 1  # the cursor's cell
        lines = path_lines(box.value, self.query_one("#whole-path", Static).content_region.width or room)
        whole = "" if len(box.value) <= room else "\n".join(lines)
        self.query_one("#whole-path", Static).update(whole)
        self.query_one("#whole-path", Static).set_class(not whole, "-empty")

    def action_edit_path(self) -> None:
        box = self.query_one("#path", Input)
        self.set_focus(box)
        box.cursor_position = len(box.value)

    def action_write(self) -> None:
        self._write(self.query_one("#path", Input).value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._write(event.value)

    def _write(self, typed: str) -> None:
        text = typed.strip()
        if not text:
            self.refuse("path", "path: empty; a file or folder to write to")
            return
        path = Path(text).expanduser()
        if not path.is_dir():  # a folder is the visit packet's
            from tracker.paths import exports_dir

            try:
                if path.parent == exports_dir():  # made when the file is written
                    never_a_database(path, field="path")  # the command line's rule: never the diary or a backup
                else:  # and a folder that exists, said before the dialog closes
                    output_target(path, field="path")
            except InputError as refused:
                self.refuse("path", str(refused))
                return
        if path.exists() and path != self._replace:
            # The suggested name never exists (a number is added); a name typed over it may.
            self._replace = path
            what = "a folder" if path.is_dir() else "a file"
            self.refuse("path", f"{path} is {what} already there: Enter again replaces it, or edit the name")
            return
        self.dismiss(path)


def path_lines(path: str, width: int) -> list[str]:
    """`path` in lines of at most `width` characters, each broken after a "/" where one is
    near enough (a name longer than the width is broken where it must be)."""
    lines: list[str] = []
    rest = path
    while len(rest) > width > 0:
        cut = rest.rfind("/", 0, width) + 1 or width
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest]
