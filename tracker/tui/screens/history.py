"""Every day, newest first: tracked or not, twitches, worst intensity, then each factor.

An untracked day shows "—" everywhere, never 0; a tracked day whose twitches were never
answered (a coffee logged, but neither a twitch nor "no twitches") shows "?" for them, never
0. Rows are built in a thread worker and added in chunks, so ten years (3,650 rows) scroll at
once and never block a key press.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Static

from tracker.core.formatting import days as plural_days
from tracker.core.formatting import format_number
from tracker.tui.messages import HistoryLoaded
from tracker.tui.screens.app_screen import AppScreen
from tracker.tui.widgets.keys_footer import KeysFooter
from tracker.tui.writing import Writes

if TYPE_CHECKING:
    from tracker.core.daily import DailyRow
    from tracker.storage.models import Factor
    from tracker.tui.diary import Diary

UNKNOWN = "—"
UNANSWERED = "?"  # twitches not answered on a day with something else logged
FIRST_CHUNK = 200  # on screen at once; the rest follow in the background
CHUNK = 500


def history_cells(row: DailyRow, factors: list[Factor]) -> tuple[str, ...]:
    day = f"{row.date:%a %Y-%m-%d}"
    if not row.tracked:
        return (day, "no", *[UNKNOWN] * (2 + len(factors)))
    factor_cells = [format_number(row.factors.get(f.column)) or UNKNOWN for f in factors]
    intensity = UNKNOWN if row.max_intensity is None else str(row.max_intensity)
    flags = " !" if row.red_flags else ""
    twitches = UNANSWERED if row.episodes is None else str(row.episodes)
    return (day, "yes" + flags, twitches, intensity, *factor_cells)


class HistoryScreen(Writes, AppScreen[None]):
    TITLE = "History"
    AUTO_FOCUS = "DataTable"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t", "app.switch_mode('today')", "Today"),
        Binding("F", "app.switch_mode('factors')", "Factors"),
    ]

    def __init__(self, diary: Diary) -> None:
        super().__init__()
        self.diary = diary
        self.stale = True
        self.read_for: dt.date | None = None
        self._pending: list[tuple[str, tuple[str, ...]]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("loading…", id="history-summary")
        yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_screen_resume(self) -> None:
        if (self.stale or self.read_for != self.diary.today()) and self.diary.is_open:
            self.stale = False
            self.read_for = self.diary.today()  # a new day (past midnight) is a new row
            self.read(lambda: HistoryLoaded(self.diary.history()), group="history")

    def on_history_loaded(self, message: HistoryLoaded) -> None:
        history = message.history
        table = self.query_one(DataTable)
        row = table.cursor_row  # read again (a change elsewhere): the cursor keeps its day
        table.clear(columns=True)
        labels = [f"{f.name} ({f.unit})" if f.unit else f.name for f in history.factors]
        # Fixed widths: measuring 3,650 rows of cells would cost more than adding them.
        for label, width in (("date", 14), ("tracked", 7), ("twitches", 8), ("max int.", 8)):
            table.add_column(label, width=width)
        for label in labels:
            table.add_column(label, width=max(len(label), 6))
        rows = [(row.date.isoformat(), history_cells(row, history.factors)) for row in history.rows]
        tracked = sum(row.tracked for row in history.rows)
        self.query_one("#history-summary", Static).update(
            f"{plural_days(len(rows))}, {tracked} tracked. Enter opens a day. — not logged; "
            f"{UNANSWERED} twitches not answered (open the day, n if there were none)."
        )
        self._pending = rows[FIRST_CHUNK:]
        for key, cells in rows[:FIRST_CHUNK]:
            table.add_row(*cells, key=key)
        if 0 < row < table.row_count:
            table.move_cursor(row=row)
        if self._pending:
            self.call_after_refresh(self._add_more)

    def _add_more(self) -> None:
        table = self.query_one(DataTable)
        chunk, self._pending = self._pending[:CHUNK], self._pending[CHUNK:]
        for key, cells in chunk:
            table.add_row(*cells, key=key)
        if self._pending:
            self.set_timer(0.01, self._add_more)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        day = dt.date.fromisoformat(str(event.row_key.value))
        self.app.show_day(day)
