"""A list whose columns fit the terminal: no word cut at the right edge or inside its column.

At 80 columns the medications list cut "hydroxychloroquine sulfate e", the dose and when it was
taken ("from 2025-02-03, no sto"), and the factors list its last column ("un"). Here each column
is as wide as its widest cell (up to a most), the widest narrowed first until all fit, and cells
wrap between words into rows as tall as they need. A name made of words joined by "_" breaks
after an "_" ("screen_time_in_the_" above "evening_before_bed"), never inside a word.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.tui.widgets.chosen_rows import ChosenRows
from tracker.tui.widgets.day_table import cell_lines


def words_of(text: str) -> list[str]:
    """What a cell can be broken into: its words, a joined name's parts after each "_"."""
    return text.replace("_", "_ ").split()


def fitted_widths(wants: Sequence[int], least: Sequence[int], room: int) -> list[int]:
    """Column widths that add up to at most `room`: each column its `wants`, the widest narrowed
    a cell at a time, none below its `least` (its longest word). When even that is too wide the
    widths are the least, and the list scrolls sideways."""
    widths = list(wants)
    while sum(widths) > room:
        narrowable = [index for index, width in enumerate(widths) if width > least[index]]
        if not narrowable:
            break
        widest = max(narrowable, key=lambda index: widths[index])
        widths[widest] -= 1
    return widths


def joined_name_lines(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` (longer only for a piece that is): whole pieces, each a
    word or a joined name's part up to and with its "_"."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        parts = [part + "_" for part in word.split("_")[:-1]] + [word.split("_")[-1]]
        parts = [part for part in parts if part]
        for index, part in enumerate(parts):
            gap = " " if line and index == 0 else ""
            if line and len(line) + len(gap) + len(part) > width:
                lines.append(line.rstrip())
                line, gap = "", ""
            line += gap + part
    lines.append(line.rstrip())
    return lines


def lines_of(cell: str, width: int) -> list[str]:
    """A cell wrapped to its column: a joined name at its "_", other text between words."""
    return joined_name_lines(cell, width) if "_" in cell else cell_lines(cell, width)


class FittedTable(ChosenRows):
    """A ChosenRows whose columns fit its width (see the module): `show` gives it the columns
    (label, most cells) and the rows; a resize fits them again."""

    _columns: tuple[tuple[str, int], ...] = ()
    _rows: tuple[tuple[str, ...], ...] = ()
    _keys: tuple[str, ...] | None = None
    _fitted_to = 0

    def show(
        self, columns: Sequence[tuple[str, int]], rows: Sequence[Sequence[str]], keys: Sequence[str] | None = None
    ) -> None:
        """Replace the columns and rows, the cursor staying on the row it was on."""
        self._columns = tuple(columns)
        self._rows = tuple(tuple(row) for row in rows)
        self._keys = tuple(keys) if keys is not None else None
        self._fill()

    def on_resize(self) -> None:
        if self._columns and self.size.width != self._fitted_to:
            self._fill()

    def _fill(self) -> None:
        row = self.cursor_row
        width = self.size.width or self.app.size.width
        self._fitted_to = self.size.width
        # One cell of padding either side of each column, and room kept for the scroll bar.
        room = width - 2 * len(self._columns) - 2
        wants, least = [], []
        for index, (label, most) in enumerate(self._columns):
            cells = [label] + [line[index] for line in self._rows]
            longest = max(len(word) for cell in cells for word in [*words_of(cell), ""])
            widest = max(len(cell) for cell in cells)
            least.append(max(len(label), longest))
            wants.append(max(least[-1], min(most, widest)))
        widths = fitted_widths(wants, least, room)
        self.clear(columns=True)
        for (label, _), column_width in zip(self._columns, widths, strict=True):
            self.add_column(label, width=column_width)
        for index, line in enumerate(self._rows):
            wrapped = [lines_of(cell, width) for cell, width in zip(line, widths, strict=True)]
            key = self._keys[index] if self._keys is not None else None
            self.add_row(*["\n".join(lines) for lines in wrapped], key=key, height=max(map(len, wrapped), default=1))
        if self.row_count:
            self.move_cursor(row=min(max(row, 0), self.row_count - 1))
