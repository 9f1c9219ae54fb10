"""A list whose Enter acts only on a row the person chose.

Enter on a list row opens it (an edit on Today, the day on History). The cursor also sits on a
row nobody chose: the first row of a day just gone to with `[` or `]`, the row it was on before a
dialog opened and was closed with Esc. An Enter pressed then (to close a dialog already gone, or
out of habit) opened an edit nobody asked for. So Enter acts once the person has moved to a row
(arrow keys, page keys, Home/End, a click) since the rows changed day or the screen came back
from a dialog; until then it says how to choose one. The entry just saved (or brought back by
undo) is chosen by that: Enter edits what was just typed. `e` still edits the highlighted row:
it names what it does.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen
from textual.widgets import DataTable

CHOOSE_FIRST = "↑↓ to a {row} first: Enter then opens it"


class ChosenRows(DataTable[str]):
    """A DataTable whose Enter (select_cursor) acts only on a row moved to since `forget_choice`."""

    row_chosen = False
    row_words = "row"  # what a row is, as the line refusing Enter names it ("↑↓ to a day first")

    def forget_choice(self) -> None:
        """The cursor's row is no longer one the person chose (another day, a dialog closed)."""
        self.row_chosen = False

    def _chosen(self) -> None:
        self.row_chosen = True

    def action_cursor_up(self) -> None:
        self._chosen()
        super().action_cursor_up()

    def action_cursor_down(self) -> None:
        self._chosen()
        super().action_cursor_down()

    def action_page_up(self) -> None:
        self._chosen()
        super().action_page_up()

    def action_page_down(self) -> None:
        self._chosen()
        super().action_page_down()

    def action_scroll_top(self) -> None:
        self._chosen()
        super().action_scroll_top()

    def action_scroll_bottom(self) -> None:
        self._chosen()
        super().action_scroll_bottom()

    def action_scroll_home(self) -> None:
        self._chosen()
        super().action_scroll_home()

    def action_scroll_end(self) -> None:
        self._chosen()
        super().action_scroll_end()

    async def _on_click(self, event: events.Click) -> None:
        self._chosen()  # a click names its row
        await super()._on_click(event)

    def action_select_cursor(self) -> None:
        if not self.row_chosen:
            self.notify(CHOOSE_FIRST.format(row=self.row_words), timeout=3)
            return
        super().action_select_cursor()


def forget_row_choices(screen: Screen[Any]) -> None:
    """Every list on `screen` forgets its chosen row (called when a dialog over it has closed)."""
    for table in screen.query(ChosenRows):
        table.forget_choice()
