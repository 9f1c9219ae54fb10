"""A text box whose editing keys act in the order they were typed.

Textual runs Backspace, Delete, the arrows, Home and End through bindings, and a printable
key typed in the same burst overtakes them: `85`, Backspace, `0` typed at once (a fast
typist, a paste, a key-repeat) read "85" (the 0 went in, then the Backspace took it out),
and 80 mg was saved as 85. Here those keys act as they arrive, in the box itself.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.widgets import Input

from tracker.tui.key_order import hand_back


class OrderedInput(Input):
    """An Input whose editing keys cannot be overtaken by the characters typed after them."""

    EDITING_KEYS: ClassVar[dict[str, str]] = {
        "backspace": "action_delete_left",
        "delete": "action_delete_right",
        "left": "action_cursor_left",
        "right": "action_cursor_right",
        "home": "action_home",
        "end": "action_end",
    }

    async def _on_key(self, event: events.Key) -> None:
        if self.screen.focused is not self or getattr(self.screen, "closing", False):
            # Queued here before the focus moved on (a field key, Enter, the dialog closing):
            # the key was typed for what has the focus now, so it goes back to the app, in order.
            event.stop()
            event.prevent_default()
            hand_back(self.app, event)
            return
        if event.key in ("tab", "shift+tab"):
            # Moved on here, at once: as a binding, Tab ran only after the keys typed behind it
            # had gone into this box ("23:10 Tab 7:05" in one burst read "23:107:05").
            event.stop()
            event.prevent_default()
            self.screen.focus_next() if event.key == "tab" else self.screen.focus_previous()
            return
        action = self.EDITING_KEYS.get(event.key)
        if action is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        getattr(self, action)()
