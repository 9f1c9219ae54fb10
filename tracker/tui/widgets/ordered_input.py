"""A text box (and a choice box) whose keys act in the order they were typed.

Textual runs Backspace, Delete, the arrows, Home and End through bindings, and a printable
key typed in the same burst overtakes them: `85`, Backspace, `0` typed at once (a fast
typist, a paste, a key-repeat) read "85" (the 0 went in, then the Backspace took it out),
and 80 mg was saved as 85. Here those keys act as they arrive, in the box itself.

Tab moves on at once, and a key queued for a box the focus has left goes back to the app for
the box that has it now. A choice box (Select) needs the same: `beer Tab Tab units` typed at
once went to the kind box after the focus had left it, and the unit was lost.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.widget import Widget
from textual.widgets import Input, Select

from tracker.tui.key_order import hand_back


def moved_on(widget: Widget, event: events.Key) -> bool:
    """Whether `event`, reaching `widget`, was handled here because the focus is (or now goes)
    elsewhere: queued before the focus left it, or Tab and Shift+Tab, which move on at once."""
    focused = widget.screen.focused
    if focused is not None and widget in focused.ancestors:
        return False  # from its own part that has the focus (a Select's open list): its own key
    if focused is not widget or getattr(widget.screen, "closing", False):
        # Queued here before the focus moved on (a field key, Enter, the dialog closing):
        # the key was typed for what has the focus now, so it goes back to the app, in order.
        event.stop()
        event.prevent_default()
        hand_back(widget.app, event)
        return True
    if event.key in ("tab", "shift+tab"):
        # Moved on here, at once: as a binding, Tab ran only after the keys typed behind it
        # had gone into this box ("23:10 Tab 7:05" in one burst read "23:107:05").
        event.stop()
        event.prevent_default()
        widget.screen.focus_next() if event.key == "tab" else widget.screen.focus_previous()
        return True
    return False


class OrderedSelect(Select[object]):
    """A Select whose Tab moves on at once and which passes on the keys typed for the next box."""

    async def _on_key(self, event: events.Key) -> None:
        if not moved_on(self, event):
            await super()._on_key(event)


class OrderedInput(Input):
    """An Input whose editing keys cannot be overtaken by the characters typed after them."""

    EDITING_KEYS: ClassVar[dict[str, str]] = {
        "backspace": "action_delete_left",
        "delete": "action_delete_right",
        "left": "action_cursor_left",
        "right": "action_cursor_right",
        "home": "action_home",
        "end": "action_end",
        # Clearing a box and typing the new value at once ("ctrl+u 250mg") cleared the "2" too.
        "ctrl+u": "action_delete_left_all",
        "ctrl+w": "action_delete_left_word",
        "ctrl+k": "action_delete_right_all",
    }

    async def _on_key(self, event: events.Key) -> None:
        if moved_on(self, event):
            return
        action = self.EDITING_KEYS.get(event.key)
        if action is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        getattr(self, action)()
