"""One day's entries in time order: twitches, factor entries, red flags and the check-in.

Row keys are the store's entry ids (e12, f7, r3, d2026-01-31), so edit and delete go
straight to tracker.storage.store.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from typing import TYPE_CHECKING

from tracker.core.formatting import amount_words, duration_words, factor_words, ordinal, red_flag_words
from tracker.core.ids import DAY, EPISODE, FACTOR_ENTRY, RED_FLAG, format_id
from tracker.tui.widgets.chosen_rows import ChosenRows

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from tracker.core.daily import DaySummary, FactorShown

# Fixed widths: measuring cells on every reload is slow and repaints late. The note takes
# whatever the terminal has left (at least NOTE_MIN), so a long note is cut only when it must be.
COLUMNS = (("time", 5), ("entry", 20), ("location", 12), ("side", 6), ("int.", 4), ("duration", 10))  # "1 min 30 s"
NOTE_MIN = 8
CELL_LINES = 6  # a longer note ends in "…"
# Below this many cells for the note, a twitch's place, side, intensity and duration share one
# column: at 80 columns the note had 8 cells and a sentence took six lines ("morning / flat /
# white / at the"), and "unspecified" broke in two in the 6-cell side column.
ROOMY_NOTE = 20
NARROW_COLUMNS = (("time", 5), ("entry", 20), ("twitch", 22))  # "eyelid · left · int. 3"
UNSAID = ("", "—", "unspecified")  # what the narrow column leaves out rather than spell
AMOUNT = re.compile(r"(?<= )\d[\d.,]*( \S+)*$")  # "95 mg", "2 h 30 min" after a factor's name
AMOUNT_MOST = 12  # "10 h 30 min"; the entry column has 20 cells


def format_duration(seconds: int | None) -> str:
    """The duration as everywhere else ("1 min 30 s", core's duration_words), "—" when not timed."""
    return "—" if seconds is None else duration_words(seconds)


def note_width(table_width: int, columns: tuple[tuple[str, int], ...] = COLUMNS) -> int:
    """The note column's width in a table `table_width` cells wide (each column is padded by
    one cell on either side; two more for the scroll bar)."""
    fixed = sum(width + 2 for _, width in columns)
    return max(NOTE_MIN, table_width - fixed - 2 - 2)


def columns_for(table_width: int) -> tuple[tuple[str, int], ...]:
    """The columns before the note: one each for a twitch's details when the note still has
    room, else the details in one column (NARROW_COLUMNS)."""
    return COLUMNS if note_width(table_width) >= ROOMY_NOTE else NARROW_COLUMNS


def narrow_cells(cells: tuple[str, ...]) -> tuple[str, ...]:
    """A row's cells for NARROW_COLUMNS: "eyelid · left · int. 3 · 45 s", what is unsaid left out."""
    where, side, strength, duration = cells[2:6]
    said = [where, side, f"int. {strength}" if strength not in UNSAID else "", duration]
    # Each part kept on one line ("int. 4", "1 min 30 s"): the no-break space is text to textwrap.
    kept = [part.replace(" ", "\u00a0") for part in said if part not in UNSAID]
    return (*cells[:2], " · ".join(kept), cells[6])


def amount_kept_whole(entry: str) -> str:
    """An entry's amount on one line when the entry wraps: "screen time in the evening before
    bed" above "2 h 30 min", never "bed 2" above "h 30 min" (the no-break space is text to
    textwrap). The amount is what follows the name from its first number on."""
    found = AMOUNT.search(entry)
    if found is None or len(found.group()) > AMOUNT_MOST:
        return entry  # a longer tail is more than an amount: it wraps between its words
    return entry[: found.start()] + found.group().replace(" ", "\u00a0")


def wide_cells(cells: tuple[str, ...]) -> tuple[str, ...]:
    """A row's cells for COLUMNS: a place or side not given is left blank, as in the narrow
    column ("unspecified" broke in two in the 6-cell side column at 120 columns too)."""
    return (*cells[:2], *("" if cell == "unspecified" else cell for cell in cells[2:4]), *cells[4:])


def cell_lines(text: str, width: int) -> list[str]:
    """A cell wrapped to its column, in at most CELL_LINES lines (the last ending at a whole word
    and "…" if it goes on). Cut to one line, a note at 80 columns read "after th", and a factor of your own
    lost its value ("screen_time_evening " without "2 hours"). Lines break between words only,
    never at a hyphen inside one: "movement-" above "triggered" read as two words."""
    lines = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    if len(lines) > CELL_LINES:
        # The last line ends at a whole word: "the night befor…" read as a word cut.
        rest = " ".join(lines[CELL_LINES - 1 :])
        lines = [*lines[: CELL_LINES - 1], textwrap.shorten(rest, width, placeholder=" …")]
    return lines


class DayTable(ChosenRows):
    _select: str | None = None  # the entry to put the cursor on when the rows are next shown

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self._rows: list[tuple[str, tuple[str, ...]]] = []
        self._note_width = 0
        self._columns: tuple[tuple[str, int], ...] = COLUMNS
        self._add_columns(self.size.width or self.app.size.width)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # Rows of two or three lines (a twitch with its note) scroll whole: a row's last line
        # alone at the top ("int. 4 · 40 s") read as a row of its own. Going down, the view
        # moves on to the next row's first line; going up, back to the first line of the row.
        starts = [y for y, (_, line) in enumerate(self._y_offsets) if line == 0]  # DataTable's line map
        if new_value > old_value:
            whole = min((y for y in starts if y >= new_value), default=new_value)
        else:
            whole = max((y for y in starts if y <= new_value), default=new_value)
        if whole != new_value and whole <= self.max_scroll_y:
            self.scroll_y = whole  # comes back here with a row's first line
            return
        super().watch_scroll_y(old_value, new_value)

    def _add_columns(self, table_width: int) -> None:
        self._columns = columns_for(table_width)
        self._note_width = note_width(table_width, self._columns)
        for label, width in self._columns:
            self.add_column(label, width=width)
        self.add_column("note", width=self._note_width)

    def on_resize(self) -> None:
        columns = columns_for(self.size.width)
        if note_width(self.size.width, columns) != self._note_width or columns != self._columns:
            self.clear(columns=True)
            self._add_columns(self.size.width)
            self._fill()

    def show(self, summary: DaySummary, factors: Mapping[int, FactorShown]) -> None:
        """Replace the rows with the day's entries, keeping the cursor near where it was."""
        self._rows = day_rows(summary, factors)
        self._fill()

    def select_next(self, key: str) -> None:
        """Put the cursor on the entry `key` when the rows are next shown (an entry just restored)."""
        self._select = key

    def _fill(self) -> None:
        # The cursor goes to the entry asked for (select_next) once it is there: a reload may
        # come first (the diary changed elsewhere), so the request waits for the rows that have
        # it. Otherwise it stays on the entry it was on (one written elsewhere may have come in
        # above it), and if that entry is gone, on the row where it was.
        row, current = self.cursor_row, self.selected_id()
        self.clear()
        widths = [width for _, width in self._columns] + [self._note_width]
        narrow = self._columns == NARROW_COLUMNS
        for key, row_cells in self._rows:
            cells = narrow_cells(row_cells) if narrow else wide_cells(row_cells)
            cells = (cells[0], amount_kept_whole(cells[1]), *cells[2:])
            wrapped = [cell_lines(cell, width) for cell, width in zip(cells, widths, strict=True)]
            self.add_row(*["\n".join(lines) for lines in wrapped], key=key, height=max(map(len, wrapped)))
        keys = [key for key, _ in self._rows]
        if self._select in keys:
            row, self._select = keys.index(self._select), None
            self.row_chosen = True  # the entry just saved or brought back: Enter edits it
        elif current in keys:
            row = keys.index(current)
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))

    def cells_of(self, key: str) -> tuple[str, ...]:
        """The entry `key`'s cells as written, before they were wrapped to their columns."""
        return next(cells for row_key, cells in self._rows if row_key == key)

    def label_of(self, key: str) -> str:
        """The entry `key` as a question about it names it: what, when, and its details
        ("twitch at 08:00: eyelid, left, intensity 4, 45 s, note “screen”"), and which of them
        it is when another entry of the day reads the same ("the second of 2 alike at 08:00")."""
        cells = self.cells_of(key)
        label = entry_label(cells)
        alike = [row_key for row_key, other in self._rows if entry_label(other) == label]
        if len(alike) > 1:
            at = f" at {cells[0]}" if cells[0] != "day" else ""
            label += f" — the {ordinal(alike.index(key) + 1)} of {len(alike)} alike{at}"
        return label

    def selected_id(self) -> str | None:
        if not self.row_count:
            return None
        return str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)


DETAIL_WORDS = ("", "", "{}", "{}", "intensity {}", "{}", "note “{}”")  # how each cell reads in a label


def entry_label(cells: tuple[str, ...]) -> str:
    """A day's row in words: "twitch at 08:00: eyelid, left, intensity 4", "caffeine 95 mg (09:00)"."""
    when, what = cells[0], cells[1]
    details = [
        words.format(cell) for words, cell in zip(DETAIL_WORDS, cells, strict=False)
        if words and cell and cell not in ("—", "–")
    ]  # fmt: skip
    label = f"{what} at {when}" if what == "twitch" else (f"{what} ({when})" if when != "day" else what)
    return label + (f": {', '.join(details)}" if details else "")


def day_rows(summary: DaySummary, factors: Mapping[int, FactorShown]) -> list[tuple[str, tuple[str, ...]]]:
    """(entry id, cells) for every entry of the day, date-only entries first, then by time."""
    timed: list[tuple[dt.datetime | None, str, tuple[str, ...]]] = []
    at: dt.datetime | None  # a twitch always has a time; a factor entry may be date-only
    for episode in summary.episodes:
        at = episode.local_started_at
        places, sides = _sites_cells(episode.location, episode.side, summary.further.get(episode.id or 0, ()))
        timed.append((at, format_id(EPISODE, episode.id or 0), (
            f"{at:%H:%M}", "twitch", places, sides,
            "—" if episode.intensity is None else str(episode.intensity),
            format_duration(episode.duration_s), episode.note,
        )))  # fmt: skip
    for entry in summary.entries:
        factor = factors.get(entry.factor_id)
        name, unit = (factor.name, factor.unit) if factor else ("?", "")
        at = entry.local_at
        amount = amount_words(entry.value, unit, getattr(factor, "kind", ""))  # the first glance has no kind
        timed.append(
            (
                at,
                format_id(FACTOR_ENTRY, entry.id or 0),
                (f"{at:%H:%M}" if at else "day", f"{factor_words(name)} {amount}", "", "", "", "", entry.note),
            )
        )
    for flag in summary.red_flags:
        cells = ("day", f"red flag: {red_flag_words(flag.kind)}", "", "", "", "", flag.note)
        timed.append((None, format_id(RED_FLAG, flag.id or 0), cells))
    if summary.checked_in:
        label = "checked in" if summary.episodes else "no twitches"
        timed.append((None, format_id(DAY, summary.date), ("day", label, "", "", "", "", summary.note)))
    timed.sort(key=lambda item: (item[0] is not None, item[0].timestamp() if item[0] else 0))
    return [(key, cells) for _, key, cells in timed]


def _sites_cells(location: str, side: str, further: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """The place and side cells of a twitch: every site, "eyelid + mouth-corner" (wrapped at a
    site, not inside one); one side when they share it, else each site's in order ("left + right")."""
    sites = [(str(location), str(side)), *further]
    sides = list(dict.fromkeys(site_side for _, site_side in sites))
    shared = sides[0] if len(sides) == 1 else " + ".join(site_side for _, site_side in sites)
    return " + ".join(place for place, _ in sites), shared
