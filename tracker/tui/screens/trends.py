"""Trends: the last 12 weeks in the terminal, and the chart or a visit packet one key away.

Each series is a Textual Sparkline (no new dependency; a weekly bar shape is enough in a
terminal) over a row of exact numbers, one 7-character column per week. A week with no
tracked day shows "—", never 0, and the days row says how much of each week was logged
("4/7"). Everything comes from tracker.charts.weekly_summary in a thread worker (pandas loads
there); the PNG and the visit packet are the same files `tracker chart` and `tracker export
visit` write, into the current directory.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, LoadingIndicator, Sparkline, Static

from tracker.errors import TrackerError
from tracker.tui.diary import TREND_FACTORS, Diary, Trends, Week
from tracker.tui.messages import FilesWritten, TrendsReady, WriteFailed
from tracker.tui.widgets.keys_footer import KeysFooter

WEEKS = 12
LABEL = 13  # characters of the row labels; the sparklines start after them
CELL = 7  # characters per week: "Dec 15" and a space
UNKNOWN = "—"


def episode_cells(weeks: list[Week]) -> list[str]:
    return [UNKNOWN if week.episodes is None else f"{week.episodes:.0f}" for week in weeks]


def days_cells(weeks: list[Week]) -> list[str]:
    return [f"{week.days_tracked}/{week.days_in_week}" for week in weeks]


def factor_cells(weeks: list[Week], column: str) -> list[str]:
    return [_number(week.factors.get(column)) for week in weeks]


def _number(value: float | None) -> str:
    if value is None:
        return UNKNOWN
    return f"{value:.0f}" if abs(value) >= 10 else f"{value:.1f}"


def cells_line(label: str, cells: list[str]) -> str:
    return f"{label:<{LABEL}}" + "".join(f"{cell:>{CELL - 1}} " for cell in cells)


def bars(values: list[float | None], *, missing: float | None = None) -> list[float]:
    """Sparkline data: a Sparkline cannot leave a gap, so a missing week sits at `missing`
    (default: the lowest value present); the row of numbers underneath says "—"."""
    present = [value for value in values if value is not None]
    floor = min(present, default=0.0) if missing is None else missing
    return [floor if value is None else value for value in values]


class TrendsScreen(Screen[None]):
    TITLE = "Trends"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("s", "save_chart", "Save chart (PNG)"),
        Binding("v", "export_visit", "Visit packet"),
        Binding("i", "app.open_insights", "Insights"),
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
                with Horizontal(classes="trend-line"):
                    yield Static("", id=f"label-{key}", classes="trend-label")
                    yield Sparkline([], id=f"spark-{key}")
                yield Static("", id=f"cells-{key}", classes="trend-cells")
            yield Static("", id="cells-days", classes="trend-cells")
            yield Static(
                "— no day of that week logged (drawn at the bottom). Factors: mean of the days logged.",
                id="trends-hint",
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#trends").display = False
        self.action_load()

    def action_load(self) -> None:
        self.run_worker(
            lambda: self.post_message(TrendsReady(self.diary.trends(WEEKS))),
            thread=True, group="trends", exclusive=True,
        )  # fmt: skip

    def on_trends_ready(self, message: TrendsReady) -> None:
        self.trends = trends = message.trends
        weeks = trends.weeks
        self.query_one("#trends-loading").display = False
        self.query_one("#trends").display = True
        span = f"{weeks[0].start:%d %b %Y} – {self.diary.today():%d %b %Y}" if weeks else ""
        self.query_one("#trends-summary", Static).update(
            f"Last {len(weeks)} weeks, {span}.  [b]s[/b] chart PNG, [b]v[/b] visit packet (into this folder)"
        )
        self.query_one("#cells-weeks", Static).update(cells_line("week of", [f"{w.start:%b %d}" for w in weeks]))
        self._series("episodes", "twitches", bars([w.episodes for w in weeks], missing=0.0), episode_cells(weeks))
        for column, name, unit in trends.factors:
            values = [w.factors.get(column) for w in weeks]
            self._series(column, f"{name} {unit}".strip(), bars(values), factor_cells(weeks, column))
        self.query_one("#cells-days", Static).update(cells_line("days logged", days_cells(weeks)))

    def _series(self, key: str, label: str, data: list[float], cells: list[str]) -> None:
        self.query_one(f"#label-{key}", Static).update(label)
        self.query_one(f"#spark-{key}", Sparkline).data = data
        self.query_one(f"#cells-{key}", Static).update(cells_line("", cells))

    # --- files -------------------------------------------------------------------------------

    def action_save_chart(self) -> None:
        from tracker.insights import DEFAULT_CHART  # the name `tracker chart` writes

        path = Path.cwd() / DEFAULT_CHART

        def job() -> FilesWritten:
            written = self.diary.save_chart(path)
            return FilesWritten(f"Chart saved: {written}", [written])

        self.notify(f"Saving the chart to {path}…", timeout=3)
        self._write(job)

    def action_export_visit(self) -> None:
        folder = Path.cwd() / f"visit-{self.diary.today():%Y-%m-%d}"

        def job() -> FilesWritten:
            paths = self.diary.export_visit(folder)
            names = ", ".join(path.name for path in paths)
            return FilesWritten(f"Visit packet written to {folder}: {names}", paths)

        self.notify(f"Writing the visit packet to {folder}…", timeout=3)
        self._write(job)

    def _write(self, job: Callable[[], FilesWritten]) -> None:
        def work() -> None:
            try:
                self.post_message(job())
            except (TrackerError, OSError, ValueError) as exc:
                self.post_message(WriteFailed(str(exc)))

        self.run_worker(work, thread=True, group="files")

    def on_files_written(self, message: FilesWritten) -> None:
        self.notify(message.text, title="Written", timeout=10)

    def on_write_failed(self, message: WriteFailed) -> None:
        self.notify(message.text, title="Not written", severity="error", timeout=10)
