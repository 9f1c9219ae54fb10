"""Today (or any other day): what was logged, the factor totals, what is still missing.

Paints at once, before the database is even open (its keys wait for it). From the command
line the day is first drawn from a quick sqlite3 read (show_glance), then loaded in full in
a thread worker (DayLoaded), which enables the keys. Every write runs in a worker too and
comes back as a past-tense message; the screen then reloads the day.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from tracker.errors import TrackerError
from tracker.formatting import format_number, intensity_words, place_words
from tracker.tui.messages import (
    DayLoaded,
    EntriesDeleted,
    EntriesRestored,
    EntrySaved,
    EpisodeSaved,
    RedFlagsSaved,
    WriteFailed,
)
from tracker.tui.screens.today_factors import FactorLogging
from tracker.tui.widgets.day_table import DayTable
from tracker.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:  # the screen paints before the database stack is imported
    from tracker.models import EpisodeCreate
    from tracker.store import Removed
    from tracker.tui.diary import DayShown, DayView, Diary

UNDO_SECONDS = 10.0

# Keys that work from the first frame: pressed while the database is still opening they wait
# for it (see day_ready), so `t` `Enter` typed the moment the screen appears saves a twitch.
WAIT_FOR_THE_DATABASE = frozenset(
    {"log_twitch", "log_caffeine", "log_water", "log_sleep", "log_stress", "log_magnesium", "log_factor",
     "red_flags", "jump", "open_mode", "open_insights", "open_trends"}
)  # fmt: skip


class TodayScreen(FactorLogging, Screen[None]):
    TITLE = "Today"
    AUTO_FOCUS = "DayTable"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Keys that open a form are priority bindings with actions that await the form's
        # mount: they run in the app's own key loop, so the form is ready before the next key
        # is read. Typed fast ("t" then Enter, "c" then "2"), the second key would otherwise
        # reach the form before it is mounted and be lost.
        Binding("t", "log_twitch", "Twitch", priority=True),
        Binding("c", "log_caffeine", "Caffeine", priority=True),
        Binding("w", "log_water", "Water", priority=True),
        Binding("s", "log_sleep", "Sleep", priority=True),
        Binding("x", "log_stress", "Stress", priority=True),
        Binding("g", "log_magnesium", "Magnesium", priority=True),
        Binding("f", "log_factor", "Factor", show=False, priority=True),
        Binding("n", "no_twitches", "None today", show=False),
        Binding("r", "red_flags", "Red flags", priority=True),
        Binding("e", "edit", "Edit", show=False),
        Binding("delete,backspace", "delete", "Delete", show=False),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("left_square_bracket", "shift_day(-1)", "Day back"),
        Binding("right_square_bracket", "shift_day(1)", "Day fwd", show=False),
        Binding("y", "yesterday", "Yesterday", show=False),
        Binding("full_stop", "go_today", "Back to today", show=False),
        Binding("j", "jump", "Go to date", show=False, priority=True),
        Binding("h", "open_mode('history')", "History", priority=True),
        Binding("F", "open_mode('factors')", "Factors", show=False, priority=True),
        Binding("i", "open_insights", "Insights", show=False, priority=True),
        Binding("T", "open_trends", "Trends", show=False, priority=True),
    ]

    def __init__(self, diary: Diary) -> None:
        super().__init__()
        self.diary = diary
        self.day = diary.today()
        self.view: DayView | None = None
        self._undo: tuple[list[Removed], float] | None = None
        self._offered_yesterday = False
        self._keys_waiting = not diary.is_open  # the footer shows them disabled until the day loads

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="status")
        yield Static(self._heading()[2], id="day-heading")  # in the very first frame
        yield DayTable(id="entries")
        yield Static("", id="totals")
        yield Static("loading…", id="unlogged")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show_heading()
        if self.diary.is_open:
            self.load()  # else the app calls diary_opened() when it is

    def diary_opened(self) -> None:
        """The database is open: the keys work and the day loads."""
        self.load()

    # --- loading -----------------------------------------------------------------------------

    def load(self) -> None:
        day = self.day
        self.run_worker(
            lambda: self.post_message(DayLoaded(day, self.diary.load_day(day))),
            thread=True, group="load", exclusive=True,
        )  # fmt: skip

    def show_day(self, day: dt.date) -> None:
        self.day = min(day, self.diary.today())
        self._show_heading()
        self.load()

    def _heading(self) -> tuple[str, str, str]:
        """(title, sub-title, heading line) for the day shown."""
        today = self.diary.today()
        if self.day == today:
            return "Today", f"{self.day:%A %d %B %Y}", f"[b]Today[/b], {self.day:%A %d %B %Y}"
        ago = (today - self.day).days
        return (
            f"{self.day:%a %d %b %Y}",
            f"{ago} day{'s' * (ago != 1)} ago",
            f"[b]{self.day:%A %d %B %Y}[/b] — {ago} day{'s' * (ago != 1)} ago   ([b].[/b] back to today)",
        )

    def _show_heading(self) -> None:
        self.title, self.sub_title, heading = self._heading()
        self.query_one("#day-heading", Static).update(heading)

    def show_glance(self, day: dt.date, shown: DayShown) -> None:
        """The first look at the day, drawn until the full read replaces it."""
        if day == self.day and self.view is None:
            self._draw(shown)

    def on_day_loaded(self, message: DayLoaded) -> None:
        if message.day == self.day:  # else a load for a day we have already moved away from
            self._show_view(message.view)

    async def day_ready(self) -> bool:
        """Whether the day is loaded, so a key can act on it. Pressed while the database is
        still opening, a key waits here; its binding is a priority one, so the keys typed after
        it wait too, in order. (The app's messages wait as well, so this opens the database
        itself rather than wait for the app to.) False only if the database was refused."""
        if not self.diary.is_open:
            try:
                await asyncio.to_thread(self.diary.open)  # or wait for the app's worker opening it
            except Exception:  # refused: the app's own open says why, on screen
                return False
        if self.view is None:
            self._show_view(await asyncio.to_thread(self.diary.load_day, self.day))
        return True

    def _show_view(self, view: DayView) -> None:
        self.view = view
        if self._keys_waiting:
            # Redrawing the footer's keys costs ~40 ms: after the day is on screen, not before.
            self._keys_waiting = False
            self.call_after_refresh(self.refresh_bindings)
        self._draw(view)
        if view.yesterday_empty and not self._offered_yesterday and self.day == self.diary.today():
            self._offered_yesterday = True
            self.notify("Yesterday has nothing logged. Press [b]y[/b] to fill it in.", timeout=12)

    def _draw(self, shown: DayShown) -> None:
        summary = shown.summary
        self.query_one("#status", Static).update(f"Persistence: {shown.status_line}")
        self.query_one(DayTable).show(summary, shown.factors)
        totals = [
            f"{t.factor.name} {format_number(t.value)}{' ' + t.factor.unit if t.factor.unit else ''}"
            + (f" from {t.entries} entries" if t.entries > 1 else "")
            for t in summary.totals
        ]
        count = len(summary.episodes)
        twitches = f"{count} twitch{'es' * (count != 1)}" if count else ("no twitches" if summary.checked_in else "")
        self.query_one("#totals", Static).update("  ·  ".join(filter(None, [twitches, *totals])) or "nothing logged")
        missing = [f.name for f in summary.unlogged]
        if not summary.episodes and not summary.checked_in:
            missing.insert(0, "twitches (t, or n for none)")
        self.query_one("#unlogged", Static).update(
            "Not logged yet: " + ", ".join(missing) if missing else "Everything logged for this day."
        )

    # --- writes ------------------------------------------------------------------------------

    def write(self, job: Callable[[], Message]) -> None:
        """Run a store write in a thread; its message (or WriteFailed) comes back here."""

        def work() -> None:
            try:
                message = job()
            except (TrackerError, ValueError) as exc:
                message = WriteFailed(str(exc))
            self.post_message(message)

        self.run_worker(work, thread=True, group="write")

    def on_entry_saved(self, message: EntrySaved) -> None:
        self.notify(message.text, timeout=3)
        if message.day != self.day:
            self.show_day(message.day)
        else:
            self.load()
        self.app.mark_history_stale()  # type: ignore[attr-defined]

    def on_episode_saved(self, message: EpisodeSaved) -> None:
        self.on_entry_saved(message)

    def on_red_flags_saved(self, message: RedFlagsSaved) -> None:
        self.on_entry_saved(message)

    def on_write_failed(self, message: WriteFailed) -> None:
        self.notify(message.text, title="Not saved", severity="error", timeout=8)

    # --- twitches ----------------------------------------------------------------------------

    async def action_log_twitch(self) -> None:
        from tracker.tui.screens.episode_form import EpisodeForm  # forms load on first use, after the first frame

        if not await self.day_ready() or self.view is None:
            return
        location, side, intensity = self.view.episode_defaults
        form = EpisodeForm(
            started_at=self.diary.moment_on(self.day),
            location=location,
            side=side,
            intensity=intensity,
        )
        await self.app.push_screen(form, self._save_episode)

    def _save_episode(self, episode_in: EpisodeCreate | None) -> None:
        if episode_in is None:
            return

        def job() -> EpisodeSaved:
            episode = self.diary.add_episode(episode_in)
            at = episode.local_started_at
            what = f"{place_words(episode.location, episode.side)}, {intensity_words(episode.intensity)}"
            text = f"Twitch saved: {at:%H:%M} {what}"
            return EpisodeSaved(episode.local_date, text, episode_id=episode.id or 0)

        self.write(job)

    def action_edit(self) -> None:
        entry = self.query_one(DayTable).selected_id()
        if entry is None or self.view is None:
            return
        if entry.startswith("e"):
            from tracker.tui.screens.episode_form import EpisodeForm

            episode = next(e for e in self.view.summary.episodes if e.id == int(entry[1:]))
            form = EpisodeForm(
                started_at=episode.local_started_at, location=episode.location, side=episode.side,
                intensity=episode.intensity, duration_s=episode.duration_s, note=episode.note, heading="Edit twitch",
            )  # fmt: skip
            self.app.push_screen(form, lambda changed: self._update_episode(episode.id or 0, changed))
        elif entry.startswith("f"):
            self.edit_factor_entry(int(entry[1:]))
        else:
            self.notify("Red flags and check-ins can be deleted (Delete) but not edited.")

    def on_data_table_row_selected(self, _event: object) -> None:
        self.action_edit()

    def _update_episode(self, episode_id: int, changed: EpisodeCreate | None) -> None:
        if changed is None:
            return
        from tracker.models import EpisodeUpdate

        changes = EpisodeUpdate(**changed.model_dump())
        self.write(lambda: EpisodeSaved(self.diary.update_episode(episode_id, changes).local_date, "Twitch updated"))

    # --- check-in and red flags --------------------------------------------------------------

    def action_no_twitches(self) -> None:
        day = self.day

        def job() -> EntrySaved:
            self.diary.check_in(day)
            return EntrySaved(day, f"No twitches on {day:%a %d %b} — noted")

        self.write(job)

    async def action_red_flags(self) -> None:
        from tracker.tui.screens.red_flags import RedFlagChecklist

        if not await self.day_ready():
            return
        await self.app.push_screen(RedFlagChecklist(), self._save_red_flags)

    def _save_red_flags(self, kinds: list | None) -> None:
        if not kinds:
            return
        from tracker.tui.screens.red_flag_alert import RedFlagAlert
        from tracker.tui.screens.red_flags import QUESTIONS

        # The advice comes first, while the write happens behind it.
        labels = {kind: text for kind, text in QUESTIONS}
        self.app.push_screen(RedFlagAlert([labels[kind] for kind in kinds]))
        day = self.day
        self.write(
            lambda: RedFlagsSaved(
                day,
                f"{len(kinds)} red flag(s) saved",
                tuple(f.kind for f in self.diary.add_red_flags(day, kinds)),
            )
        )

    # --- delete and undo ---------------------------------------------------------------------

    def action_delete(self) -> None:
        table = self.query_one(DayTable)
        entry = table.selected_id()
        if entry is None:
            return
        when, what = table.get_row(entry)[:2]
        label = f"{what} ({when})" if when != "day" else what
        day = self.day
        self.write(lambda: EntriesDeleted(day, self.diary.delete([entry]), f"Deleted {label}"))

    def on_entries_deleted(self, message: EntriesDeleted) -> None:
        self._undo = (message.removed, time.monotonic() + UNDO_SECONDS)
        self.set_timer(UNDO_SECONDS, self._undo_expired)
        self.refresh_bindings()
        self.notify(f"{message.text}. Press [b]u[/b] (or ctrl+z) to undo.", timeout=UNDO_SECONDS)
        self.load()
        self.app.mark_history_stale()  # type: ignore[attr-defined]

    def _undo_expired(self) -> None:
        if self._undo and time.monotonic() >= self._undo[1] - 0.05:
            self._undo = None
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.diary.is_open:
            return True if action in WAIT_FOR_THE_DATABASE else None  # None: shown, but disabled
        if action == "undo":
            return self._undo is not None
        return True

    def action_undo(self) -> None:
        if self._undo is None:
            return
        removed, _ = self._undo
        self._undo = None
        self.refresh_bindings()
        day = self.day

        def job() -> EntriesRestored:
            self.diary.restore(removed)
            return EntriesRestored(day, "Undone: " + ", ".join(item.entry_id for item in removed) + " restored")

        self.write(job)

    def on_entries_restored(self, message: EntriesRestored) -> None:
        self.notify(message.text, timeout=3)
        self.load()
        self.app.mark_history_stale()  # type: ignore[attr-defined]

    # --- other screens -----------------------------------------------------------------------

    async def action_open_mode(self, mode: str) -> None:
        if await self.day_ready():
            self.app.switch_mode(mode)

    async def action_open_insights(self) -> None:
        if await self.day_ready():
            self.app.action_open_insights()  # type: ignore[attr-defined]

    async def action_open_trends(self) -> None:
        if await self.day_ready():
            self.app.action_open_trends()  # type: ignore[attr-defined]

    # --- other days --------------------------------------------------------------------------

    def action_shift_day(self, days: int) -> None:
        target = self.day + dt.timedelta(days=days)
        if target > self.diary.today():
            self.notify("That is the future; nothing to log yet.", timeout=2)
            return
        self.show_day(target)

    def action_yesterday(self) -> None:
        self.show_day(self.diary.today() - dt.timedelta(days=1))

    def action_go_today(self) -> None:
        self.show_day(self.diary.today())

    async def action_jump(self) -> None:
        from tracker.tui.screens.date_prompt import DatePrompt

        if not await self.day_ready():
            return
        await self.app.push_screen(DatePrompt(today=self.diary.today()), lambda day: day and self.show_day(day))
