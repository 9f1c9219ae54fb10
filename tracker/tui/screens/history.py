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
from textual.widget import Widget
from textual.widgets import DataTable, Header, Static

from tracker.core.formatting import cell_words, column_label
from tracker.core.formatting import days as plural_days
from tracker.tui.messages import EntrySaved, HistoryLoaded
from tracker.tui.screen_keys import screen_keys
from tracker.tui.screens.app_screen import AppScreen
from tracker.tui.widgets.chosen_rows import ChosenRows, forget_row_choices
from tracker.tui.widgets.keys_footer import KeysFooter
from tracker.tui.widgets.notice_line import NoticeLine
from tracker.tui.writing import Writes

if TYPE_CHECKING:
    from tracker.core.daily import DailyRow
    from tracker.storage.models import Factor
    from tracker.tui.diary import Diary

UNKNOWN = "—"
UNANSWERED = "?"  # twitches not answered on a day with something else logged
RED_FLAG_MARK = " !"  # after "yes" in the tracked column: a red flag logged that day
FIRST_CHUNK = 200  # on screen at once; the rest follow in the background
CHUNK = 500


def history_cells(row: DailyRow, factors: list[Factor]) -> tuple[str, ...]:
    day = f"{row.date:%a %Y-%m-%d}"
    if not row.tracked:
        return (day, "no", *[UNKNOWN] * (2 + len(factors)))
    factor_cells = [cell_words(row.factors.get(f.column), f.unit, f.kind) or UNKNOWN for f in factors]
    intensity = UNKNOWN if row.max_intensity is None else str(row.max_intensity)
    flags = RED_FLAG_MARK if row.red_flags else ""
    twitches = UNANSWERED if row.episodes is None else str(row.episodes)
    return (day, "yes" + flags, twitches, intensity, *factor_cells)


class HistoryTable(ChosenRows):
    """The days' table: → and ← move sideways a whole column at a time (DataTable moves a row
    cursor's view one character per press), the date column staying in view. Every column in
    view is whole: the table ends at the last column that fits, so none is cut at the right
    edge, and a scroll never stops part-way into one ("tracked" read "ked" when the last
    columns came into view)."""

    first_shown = 0  # the first column after the date in view
    row_words = "day"  # Enter refused: "↑↓ to a day first"

    def _fixed_width(self) -> int:
        return sum(column.get_render_width(self) for column in list(self.columns.values())[: self.fixed_columns])

    def _widths(self) -> list[int]:
        return [column.get_render_width(self) for column in list(self.columns.values())[self.fixed_columns :]]

    def _shown(self) -> int:
        """How many columns from `first_shown` fit beside the date."""
        widths = self._widths()
        whole = self.parent.size.width if isinstance(self.parent, Widget) else self.size.width
        room = whole - self._fixed_width() - self.styles.scrollbar_size_vertical
        shown, used = 0, 0
        for width in widths[self.first_shown :]:
            if used + width > room:
                break
            shown, used = shown + 1, used + width
        return max(shown, 1)

    def fit_whole_columns(self) -> None:
        """End the table at the last whole column in view, and show them from `first_shown`."""
        widths = self._widths()
        self.first_shown = min(self.first_shown, max(len(widths) - 1, 0))
        shown = self._shown()
        if self.first_shown == 0 and shown >= len(widths):
            self.styles.width = None  # all of them fit: the table as wide as the screen
        else:
            in_view = sum(widths[self.first_shown : self.first_shown + shown])
            self.styles.width = self._fixed_width() + in_view + self.styles.scrollbar_size_vertical
        start = sum(widths[: self.first_shown])
        self.call_after_refresh(lambda: self.scroll_to(x=start, animate=False))

    def cut_off(self) -> bool:
        """Whether some columns are out of view (to the right or the left)."""
        return self.first_shown > 0 or self.first_shown + self._shown() < len(self._widths())

    def action_cursor_right(self) -> None:
        if self.first_shown + self._shown() < len(self._widths()):
            self.first_shown += 1
            self.fit_whole_columns()

    def action_cursor_left(self) -> None:
        if self.first_shown > 0:
            self.first_shown -= 1
            self.fit_whole_columns()


class HistoryScreen(Writes, AppScreen[None]):
    TITLE = "History"
    AUTO_FOCUS = "DataTable"
    BINDINGS: ClassVar[list[BindingType]] = [
        *screen_keys("history"),
        Binding("t", "app.go('today')", "Today", show=False),  # Today, where t logs a twitch
        Binding("n", "no_twitches", "No twitches"),
        Binding("j", "jump", "Go to date"),
    ]

    def __init__(self, diary: Diary) -> None:
        super().__init__()
        self.diary = diary
        self.stale = True
        self.read_for: dt.date | None = None
        self._pending: list[tuple[str, tuple[str, ...]]] = []
        self._days: dict[str, DailyRow] = {}  # each row's day, by its key

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("loading…", id="history-summary")
        yield HistoryTable(id="history", cursor_type="row", zebra_stripes=True, fixed_columns=1)
        yield NoticeLine()
        yield KeysFooter()

    def on_screen_resume(self) -> None:
        forget_row_choices(self)  # back from a dialog: Enter waits for a row moved to
        if (self.stale or self.read_for != self.diary.today()) and self.diary.is_open:
            self.stale = False
            self.read_for = self.diary.today()  # a new day (past midnight) is a new row
            self.read(lambda: HistoryLoaded(self.diary.history()), group="history")

    def on_history_loaded(self, message: HistoryLoaded) -> None:
        history = message.history
        table = self.query_one(HistoryTable)
        row = table.cursor_row  # read again (a change elsewhere): the cursor keeps its day
        table.clear(columns=True)
        labels = [column_label(f.name, f.unit) for f in history.factors]
        # Fixed widths: measuring 3,650 rows of cells would cost more than adding them.
        for label, width in (("date", 14), ("tracked", 7), ("twitches", 8), ("max int.", 8)):
            table.add_column(label, width=width)
        for label, factor in zip(labels, history.factors, strict=True):
            table.add_column(label, width=max(len(label), 11 if factor.unit == "h" else 6))  # "10 h 30 min"
        rows = [(row.date.isoformat(), history_cells(row, history.factors)) for row in history.rows]
        self._days = {row.date.isoformat(): row for row in history.rows}
        tracked = sum(row.tracked for row in history.rows)
        self._summary = (
            f"{plural_days(len(rows))}, {tracked} tracked. Enter opens a day. — not logged; "
            f"{UNANSWERED} twitches not answered ([b]n[/b] if there were none); "
            f"{RED_FLAG_MARK.strip()} a red flag logged."
        )
        table.fit_whole_columns()
        self._show_summary()
        self._pending = rows[FIRST_CHUNK:]
        for key, cells in rows[:FIRST_CHUNK]:
            table.add_row(*cells, key=key)
        if 0 < row < table.row_count:
            table.move_cursor(row=row)
        if self._pending:
            self.call_after_refresh(self._add_more)

    def _show_summary(self) -> None:
        """The summary line, and a hint when the factor columns run past the right edge."""
        hint = "  More columns: [b]→[/b]/[b]←[/b] scroll sideways." if self.query_one(HistoryTable).cut_off() else ""
        self.query_one("#history-summary", Static).update(self._summary + hint)

    def on_resize(self) -> None:
        table = self.query_one(HistoryTable)
        if table.columns:
            table.fit_whole_columns()
            self._show_summary()

    async def action_no_twitches(self) -> None:
        """ "No twitches" for the highlighted day, asked first, as on Today."""
        from tracker.tui.screens.today_entries import ask_no_twitches

        table = self.query_one(DataTable)
        if not table.row_count:
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        row = self._days.get(key)
        if row is None:
            return
        await ask_no_twitches(self, row.date, row.episodes)

    def action_jump(self) -> None:
        """j, as on Today: a date typed opens that day."""
        from tracker.tui.screens.date_prompt import DatePrompt

        def go(day: dt.date | None) -> None:
            if day is not None:
                self.app.show_day(day)

        self.app.push_screen(DatePrompt(today=self.diary.today()), go)

    def on_entry_saved(self, message: EntrySaved) -> None:
        self.notify(message.text, timeout=4)
        self.app.diary_written()
        self.on_screen_resume()  # History is stale now: read it again, the cursor keeps its day

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
