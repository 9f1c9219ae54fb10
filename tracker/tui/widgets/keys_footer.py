"""Textual's Footer, drawing its keys after the screen's first frame and once per burst of
binding changes.

Footer rebuilds every key whenever the screen's bindings change, and a screen reports three
changes as it starts (focus, stack, resume): with a dozen keys, ~20 ms each, all before the
frame that shows the screen. Here the keys wait for that frame (Show), then every change
that arrived meanwhile costs one rebuild.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen


class KeysFooter(Footer):
    _shown = False
    _changed: Screen | None = None  # the latest change not drawn yet
    _redraw_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        self._changed = screen
        if self._shown:
            self._schedule_redraw()

    def on_show(self) -> None:
        self._shown = True
        if self._changed is not None:
            self._schedule_redraw()

    def _schedule_redraw(self) -> None:
        if not self._redraw_pending:
            self._redraw_pending = True
            self.call_after_refresh(self._redraw)

    def _redraw(self) -> None:
        self._redraw_pending = False
        screen, self._changed = self._changed, None
        if screen is not None:
            super().bindings_changed(screen)
