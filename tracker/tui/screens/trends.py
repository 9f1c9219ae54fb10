"""Trends: the last 12 weeks in the terminal, and the chart or a visit packet one key away.

Each series is a row of bars over a row of exact numbers, one 7-character column per week,
so a bar stands right above its number. Bars start from zero (6.3 h of sleep is most of the
height of 9 h, not an empty cell), and a week with nothing logged has no bar and "—" under
it, never 0. The days row says how much of each week had its twitches answered: days answered of days so far.
As many weeks as the terminal is wide are shown, the latest ones. Everything comes from
tracker.analysis.periods.weekly_summary, in a process of its own that a thread worker waits for
(pandas loads there, not in the app); `s` and `v` write the
same files as `tracker chart` and `tracker export visit`, into the exports folder.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, LoadingIndicator, Static

from tracker.core.formatting import cell_words, rounded
from tracker.tui.diary import Diary
from tracker.tui.messages import TrendsReady
from tracker.tui.screen_keys import screen_keys
from tracker.tui.weekly import TREND_FACTORS, Trends, Week
from tracker.tui.widgets.keys_footer import KeysFooter
from tracker.tui.widgets.notice_line import NoticeLine
from tracker.tui.writing import Writes

WEEKS = 12
LABEL = 13  # characters of the row labels; the weeks start after them
CELL = 7  # characters per week: "Dec 15" and a space
UNKNOWN = "—"
BLOCKS = " ▁▂▃▄▅▆▇█"
BAR_ROWS = 2  # the height of a series' bars, in lines


def episode_cells(weeks: list[Week]) -> list[str]:
    return [UNKNOWN if week.episodes is None else rounded(week.episodes, 0) for week in weeks]


def days_cells(weeks: list[Week]) -> list[str]:
    # The chart's meaning too: days whose twitches were answered, of the days elapsed.
    return [f"{week.days_answered}/{week.days_in_week}" for week in weeks]


def factor_cells(weeks: list[Week], column: str, unit: str = "") -> list[str]:
    if unit == "h":  # hours and minutes, as everywhere ("7h30"), not 7.5
        return [cell_words(week.factors.get(column), unit, compact=True) or UNKNOWN for week in weeks]
    return [_number(week.factors.get(column)) for week in weeks]


def _number(value: float | None) -> str:
    if value is None:
        return UNKNOWN
    return rounded(value, 0 if abs(value) >= 10 or value == 0 else 1)


def hint_words(none: tuple[str, ...]) -> str:
    """The line under the weeks; `none` names the factors read as none on a day answered without them."""
    taken = f" ({' and '.join(none)}: of the days answered, a day without any as none)" if none else ""
    return (
        f"Bars start at zero. — nothing logged that week. Factors: mean of the days logged{taken}. "
        "Days: days with twitches answered, of the days so far."
    )


def cells_line(label: str, cells: list[str]) -> str:
    return f"{label:<{LABEL}}" + "".join(f"{cell:>{CELL - 1}} " for cell in cells)


def bar_lines(label: str, values: list[float | None]) -> list[str]:
    """BAR_ROWS lines of bars from zero to the largest value, one per week above its cell; a
    week with no value has no bar."""
    top = max((v for v in values if v is not None and v > 0), default=0.0)
    steps = BAR_ROWS * (len(BLOCKS) - 1)
    heights = [0 if v is None or top == 0 else max(round(max(v, 0) / top * steps), 1 if v > 0 else 0) for v in values]
    lines = []
    for row in reversed(range(BAR_ROWS)):  # top line first
        base = row * (len(BLOCKS) - 1)
        blocks = [BLOCKS[min(max(h - base, 0), len(BLOCKS) - 1)] * (CELL - 2) for h in heights]
        lines.append(f"{label if row == BAR_ROWS - 1 else '':<{LABEL}}" + "".join(f"{b:>{CELL - 1}} " for b in blocks))
    return lines


def weeks_that_fit(width: int) -> int:
    """How many week columns fit beside the labels in `width` cells (at least 1)."""
    return max(1, min(WEEKS, (width - LABEL - 2) // CELL))


class TrendsScreen(Writes, Screen[None]):
    TITLE = "Trends"
    BINDINGS: ClassVar[list[BindingType]] = [
        *screen_keys("trends"),
        Binding("s", "app.export('chart', '', None, 's')", "Save chart"),
        Binding("v", "app.export('visit', '', None, 'v')", "Visit packet"),
        Binding("r", "load", "Reload", show=False),
    ]

    def __init__(self, diary: Diary) -> None:
        super().__init__()
        self.diary = diary
        self.trends: Trends | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Adding up the weeks…", id="trends-summary")
        yield LoadingIndicator(id="trends-loading")
        with Vertical(id="trends"):
            yield Static("", id="cells-weeks", classes="trend-cells")
            for key in ("episodes", *TREND_FACTORS):
                yield Static("", id=f"bars-{key}", classes="trend-bars")
                yield Static("", id=f"cells-{key}", classes="trend-cells")
            yield Static("", id="cells-days", classes="trend-cells")
            yield Static(
                hint_words(()),
                id="trends-hint",
            )
        yield NoticeLine()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#trends").display = False
        self.action_load()

    def action_load(self) -> None:
        self.read(lambda: TrendsReady(self.diary.trends(WEEKS)), group="trends")

    def on_trends_ready(self, message: TrendsReady) -> None:
        self.trends = message.trends
        self.query_one("#trends-loading").display = False
        self.query_one("#trends").display = True
        self._draw()

    def on_resize(self, _event: events.Resize) -> None:
        if self.trends is not None:
            self._draw()

    def _draw(self) -> None:
        assert self.trends is not None
        trends = self.trends
        weeks = trends.weeks[-weeks_that_fit(self.size.width) :]
        shown = f"last {len(weeks)} weeks" + (
            f" of {len(trends.weeks)} (a wider window shows more)" if len(weeks) < len(trends.weeks) else ""
        )
        span = f", {weeks[0].start:%d %b %Y} – {trends.today:%d %b %Y}" if weeks else ""
        self.query_one("#trends-summary", Static).update(
            f"The {shown}{span}.  [b]s[/b] chart PNG, [b]v[/b] visit packet (into the exports folder)"
        )
        self.query_one("#cells-weeks", Static).update(cells_line("week of", [f"{w.start:%b %d}" for w in weeks]))
        self._series("episodes", "twitches", [w.episodes for w in weeks], episode_cells(weeks))
        for column, name, unit in trends.factors:
            values = [w.factors.get(column) for w in weeks]
            label = name if unit == "h" else f"{name} {unit}".strip()  # sleep's cells say h
            self._series(column, label, values, factor_cells(weeks, column, unit))
        self.query_one("#cells-days", Static).update(cells_line("days answered", days_cells(weeks)))
        none = tuple(name for column, name, _ in trends.factors if column in trends.absent_means_none)
        self.query_one("#trends-hint", Static).update(hint_words(none))

    def _series(self, key: str, label: str, values: list[float | None], cells: list[str]) -> None:
        self.query_one(f"#bars-{key}", Static).update("\n".join(bar_lines(label, values)))
        self.query_one(f"#cells-{key}", Static).update(cells_line("", cells))
