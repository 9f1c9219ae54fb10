"""Textual's Footer, in as many rows as its keys need, drawn after the screen's first frame and
once per burst of binding changes.

Textual's Footer is one row: at 80 columns Today's keys were cut at "r Re", hiding History,
Help and the day keys. Here the keys wrap into rows (in their order: the most used first), so
every key shown is whole, at any width.

Footer rebuilds every key whenever the screen's bindings change, and a screen reports three
changes as it starts (focus, stack, resume): with a dozen keys, ~20 ms each, all before the
frame that shows the screen. Here the keys wait until the screen's first frame is on the
terminal, then every change that arrived meanwhile costs one rebuild: mounting, styling and
drawing a dozen keys was a third of what the Today screen's first frame cost beyond a bare
Textual app's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.cells import cell_len
from textual import events
from textual.containers import HorizontalGroup
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not public; the one place it is reached for (tests import it here)

from tracker.tui.widgets.notice_line import NoticeLine

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


def key_width(key: FooterKey) -> int:
    """The cells a FooterKey takes: " k " then "Description " (Footer's padding)."""
    return cell_len(key.key_display) + 2 + (cell_len(key.description) + 1 if key.description else 0)


def rows_of(widths: list[int], room: int) -> list[list[int]]:
    """Indexes of `widths` split into rows of at most `room` cells, in order."""
    rows: list[list[int]] = [[]]
    used = 0
    for index, width in enumerate(widths):
        if rows[-1] and used + width > room:
            rows.append([])
            used = 0
        rows[-1].append(index)
        used += width
    return rows


class KeysFooter(Footer):
    DEFAULT_CSS = """
    KeysFooter { layout: vertical; height: auto; }
    KeysFooter > HorizontalGroup.footer-row { height: 1; width: 1fr; }
    """

    _shown = False
    _changed: Screen[Any] | None = None  # the latest change not drawn yet
    _redraw_pending = False
    _composed_width = 0

    def compose(self) -> ComposeResult:
        # Only FooterKeys: none of the app's bindings is in a group (a group adds a FooterLabel).
        keys = cast("list[FooterKey]", list(super().compose()))
        palette = [key for key in keys if key.has_class("-command-palette")]
        others = [key for key in keys if key not in palette]
        for key in others:
            # A binding's FooterKey starts compact and is bound to the footer's (not compact): as
            # it mounts, its class is added, then taken off, each change restyling it (~4 ms a
            # key, a dozen keys, before the first frame). Started as it will end, neither is a
            # change. (The palette's key stays compact: it is not bound to the footer's.)
            key.set_reactive(FooterKey.compact, self.compact)
            key.set_class(self.compact, "-compact", update=False)
        self._composed_width = width = self.size.width or self.app.size.width
        room = width - sum(key_width(key) + 2 for key in palette)
        for row in rows_of([key_width(key) for key in others], room):
            yield HorizontalGroup(*[others[index] for index in row], classes="footer-row")
        yield from palette

    def on_resize(self, event: events.Resize) -> None:
        self._keep_notices_above(event.size.height)
        if self._shown and event.size.width != self._composed_width:
            self._schedule_redraw_now()

    def _keep_notices_above(self, height: int) -> None:
        """The notice line sits on the row above the keys, however many rows they take."""
        for line in self.screen.query(NoticeLine):
            line.keep_above(height)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._changed = screen
        if self._shown:
            self._schedule_redraw()

    def on_mount(self) -> None:
        self.screen.screen_layout_refresh_signal.subscribe(self, self._screen_drawn)

    def _screen_drawn(self, _screen: Screen[Any]) -> None:
        # A layout refresh inside a batch (the app starting, a mode switch's short delay) draws
        # nothing: the keys wait for the first one that reaches the terminal.
        if self._shown or self.app._batch_count:
            return
        self._shown = True
        if self._changed is not None:
            self._schedule_redraw()

    def _schedule_redraw(self) -> None:
        if not self._redraw_pending:
            self._redraw_pending = True
            self.call_after_refresh(self._redraw)

    def _schedule_redraw_now(self) -> None:
        if self._bindings_ready:
            self.call_after_refresh(self.recompose)

    def _redraw(self) -> None:
        self._redraw_pending = False
        screen, self._changed = self._changed, None
        if screen is not None:
            super().bindings_changed(screen)
