"""Today (or any other day): what was logged, the factor totals, what is still missing.

Paints at once, before the database is even open (its keys wait for it). From the command
line the day is first drawn from a quick sqlite3 read (show_glance), then loaded in full in
a thread worker (DayLoaded), which enables the keys. Every write runs in a worker too and
comes back as a past-tense message; the screen then reloads the day.

The screen follows the clock: "today" is read when needed, never kept. Left open past
midnight, it moves on to the new day (a timer at the next local midnight, and a check before
every key), so a twitch logged at 00:05 is logged at 00:05 of the new day.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import textwrap
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.markup import escape
from textual.widgets import Header, Static

from tracker.core.formatting import amount_words, factor_words, red_flag_words
from tracker.core.validate import EARLIEST_YEAR
from tracker.core.vocabulary import TODAY_RED_FLAGS, urgent_words
from tracker.tui.messages import DayLoaded, EntrySaved, EpisodeSaved, ReadFailed, RedFlagsSaved
from tracker.tui.screens.app_screen import AppScreen
from tracker.tui.screens.today_entries import EntryKeys
from tracker.tui.screens.today_factors import FactorLogging
from tracker.tui.widgets.chosen_rows import forget_row_choices
from tracker.tui.widgets.day_table import DayTable
from tracker.tui.widgets.keys_footer import KeysFooter
from tracker.tui.widgets.notice_line import NoticeLine
from tracker.tui.writing import Writes

if TYPE_CHECKING:  # the screen paints before the database stack is imported
    from collections.abc import Callable

    from textual.message import Message

    from tracker.tui.diary import Diary
    from tracker.tui.views import DayShown, DayView

EARLIEST_DAY = dt.date(EARLIEST_YEAR, 1, 1)  # the first day the store accepts
TOTALS_LINES = 2  # the totals and the day note share these; the entries keep the rest
NOTE_MORE = " … (N shows the whole note)"
NOTE_BESIDE = 30  # fewer cells than this for its words beside the totals: the note goes under them

# Keys that work from the first frame: pressed while the database is still opening they wait
# for it (see day_ready), so `t` `Enter` typed the moment the screen appears saves a twitch.
WAIT_FOR_THE_DATABASE = frozenset(
    {"log_twitch", "log_caffeine", "log_water", "log_sleep", "log_stress", "log_magnesium", "log_factor",
     "red_flags", "jump", "open_mode", "open_insights", "open_trends", "open_medications"}
)  # fmt: skip


class TodayScreen(EntryKeys, FactorLogging, Writes, AppScreen[None]):
    TITLE = "Today"
    AUTO_FOCUS = "DayTable"
    # None of this screen's rules reads the app's -short/-tall (its dialogs have their own):
    # the class, added as the screen first sized itself, restyled every widget before the first frame.
    VERTICAL_BREAKPOINTS = []  # noqa: RUF012 (Textual reads a plain list)
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
        Binding("n", "no_twitches", "No twitches", priority=True),
        Binding("N", "day_note", "Day note", show=False, priority=True),
        Binding("O", "onset", "Onset date", show=False, priority=True),
        Binding("r", "red_flags", "Red flags", priority=True),
        Binding("e", "edit", "Edit", show=False),
        Binding("delete,backspace", "delete", "Delete", show=False, priority=True),
        Binding("u,ctrl+z", "undo", "Undo", priority=True),
        # The day keys are priority bindings too, so they act in the same queue as the keys
        # that open forms: in `w g [ w g` typed at once, the second glass goes to the day before.
        Binding("left_square_bracket", "shift_day(-1)", "Day back", priority=True),
        # Shown on a past day only: on today there is no day forward (check_action).
        Binding("right_square_bracket", "shift_day(1)", "Day fwd", priority=True),
        Binding("y", "yesterday", "Yesterday", show=False, priority=True),
        Binding("A", "answer_recent", "Answer a past day", show=False, priority=True),
        Binding("full_stop", "go_today", "Back to today", priority=True),
        Binding("j", "jump", "Go to date", show=False, priority=True),
        Binding("h", "open_mode('history')", "History", priority=True),
        # The other screens' keys, as on every screen (tracker.tui.screen_keys), shown as there.
        Binding("F", "open_mode('factors')", "Factors", priority=True),
        Binding("i", "open_insights", "Insights", priority=True),
        Binding("T", "open_trends", "Trends", priority=True),
        Binding("M", "open_medications", "Medications", show=False, priority=True),
    ]

    def __init__(self, diary: Diary) -> None:
        super().__init__()
        self.diary = diary
        self.day = diary.today()
        self.today_seen = self.day  # the date when the clock was last looked at
        self.view: DayView | None = None
        self._totals, self._note = "", ""  # the day's totals line, and its note
        self._red_flags: tuple[str, ...] = ()  # the day's, in its heading
        self._offered_for: dt.date | None = None  # the today whose unanswered days were offered
        self._keys_waiting = not diary.is_open  # the footer shows them disabled until the day loads
        self._loading = False  # a read of the day is running in a worker
        self._load_again = False  # asked for while it ran: read once more when it is done
        # Writes finished (counted in their thread), and how many had finished when the view
        # shown was read: a key acting on the view after a write needs the view that includes it.
        self._writes_done = 0
        self._view_seen = 0
        self.init_entry_keys()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="status")
        yield Static(self._heading(), id="day-heading")  # in the very first frame
        yield DayTable(id="entries")
        yield Static("", id="totals")
        yield Static("loading…", id="unlogged")
        yield NoticeLine()
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show_heading()
        self._wake_at_midnight()
        if self.diary.is_open:
            self.load()  # else the app calls diary_opened() when it is

    def diary_opened(self) -> None:
        """The database is open: the keys work and the day loads."""
        self.load()

    # --- the clock ---------------------------------------------------------------------------

    def follow_clock(self) -> None:
        """If the date has changed since the clock was last read, move on: the screen showing
        the old today shows the new one; any other day keeps its place ("2 days ago" now)."""
        today = self.diary.today()
        if today == self.today_seen:
            return
        was_today = self.day == self.today_seen
        self.today_seen = today
        self.app.mark_history_stale()
        self.show_day(today if was_today else self.day)

    def _wake_at_midnight(self) -> None:
        now = self.diary.now()
        midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time()).astimezone()
        self.set_timer(max((midnight - now).total_seconds(), 0) + 0.5, self._midnight, name="midnight")

    def _midnight(self) -> None:
        self.follow_clock()
        self._wake_at_midnight()

    # --- loading -----------------------------------------------------------------------------

    def load(self) -> None:
        """Read the day shown in a worker. Asked again while a read runs (a write every few
        tenths of a second), it reads once more when that read is done, not once per ask."""
        if self._loading:
            self._load_again = True
            return
        self._loading, self._load_again = True, False
        day = self.day

        def job() -> DayLoaded:
            seen = self._writes_done
            return DayLoaded(day, self.diary.load_day(day), seen)

        self.read(job, group="load")

    def _loaded(self) -> None:
        self._loading = False
        if self._load_again:
            self.load()

    def show_day(self, day: dt.date) -> None:
        """Show `day` at once: the heading, and no rows of the day before (a key acting on
        them would act on the wrong day) until its own rows are read."""
        day = max(min(day, self.diary.today()), EARLIEST_DAY)
        if day != self.day:
            self.day = day
            self.view = None
            self.query_one(DayTable).clear()
            self.query_one(DayTable).forget_choice()  # a row of another day is no row chosen
            self.refresh_bindings()  # `]` and `.` show on a past day only
            self._red_flags = ()  # the new day's come with its rows
        self._show_heading()
        self.load()

    def _heading(self, red_flags: tuple[str, ...] = ()) -> str:
        """The heading line for the day shown (and the title bar's title and sub-title); the
        day's red flags beside it, or on a line of their own when both do not fit the width
        (wrapped, they broke after "red flag:" and left a lone word below)."""
        today = self.diary.today()
        if self.day == today:
            self.title, self.sub_title = "Today", f"{self.day:%A %d %B %Y}"
            day, plain = f"[b]Today[/b], {self.day:%A %d %B %Y}", f"Today, {self.day:%A %d %B %Y}"
        else:
            ago = (today - self.day).days
            self.title, self.sub_title = f"{self.day:%a %d %b %Y}", f"{ago} day{'s' * (ago != 1)} ago"
            plain = f"{self.day:%a %d %b %Y} — {ago} day{'s' * (ago != 1)} ago (. today)"
            day = f"[b]{self.day:%a %d %b %Y}[/b] — {ago} day{'s' * (ago != 1)} ago ([b].[/b] today)"
        if not red_flags:
            return day
        flag = f"⚠ red flag{'s' * (len(red_flags) > 1)}: {', '.join(map(red_flag_words, red_flags))}"
        room = (self.app.size.width if self.is_attached else 0) - 2  # the heading's padding
        gap = "   " if len(plain) + 3 + len(flag) <= room else "\n"
        return f"{day}{gap}[b $error]{escape(flag)}[/]"

    def _show_heading(self, red_flags: tuple[str, ...] | None = None) -> None:
        if red_flags is not None:
            self._red_flags = red_flags
        self.query_one("#day-heading", Static).update(self._heading(self._red_flags))

    def show_glance(self, day: dt.date, shown: DayShown) -> None:
        """The first look at the day, drawn until the full read replaces it."""
        if day == self.day and self.view is None:
            self._draw(shown)

    def on_day_loaded(self, message: DayLoaded) -> None:
        stale = self._load_again  # written to since this read began: it is read again, drawn once
        self._loaded()
        if message.day == self.day and not stale:  # else a read for a day we have moved away from
            self._show_view(message.view, message.writes_seen)

    def on_read_failed(self, message: ReadFailed) -> None:
        self._loaded()
        super().on_read_failed(message)

    def write(self, job: Callable[[], Message], **kwargs: Any) -> None:
        """Write in a worker (tracker.tui.writing), noting on the saved message which day was shown."""
        asked_on = self.day

        def job_on_day() -> Message:
            message = job()
            self._writes_done += 1  # in the worker's thread; only this screen's writes count it
            if isinstance(message, EntrySaved):
                message.asked_on = asked_on
            return message

        super().write(job_on_day, **kwargs)

    async def day_ready(self) -> bool:
        """Whether the day is loaded, so a key can act on it. Pressed while the database is
        still opening, a key waits here; its binding is a priority one, so the keys typed after
        it wait too, in order. (The app's messages wait as well, so this opens the database
        itself rather than wait for the app to.) False only if the database was refused."""
        self.follow_clock()
        if not self.diary.is_open:
            try:
                await asyncio.to_thread(self.diary.open)  # or wait for the app's worker opening it
            except Exception:  # refused: the app's own open says why, on screen
                return False
        # A key typed right behind a save acts on the day as saved: `g` after the first dose
        # offers that dose, `t` repeats the twitch just logged. The write finishes first (its
        # worker may still be running under load), then the day is read again if the view
        # shown was read before it.
        for worker in [w for w in self.app.workers if w.node is self and w.group == "write" and not w.is_finished]:
            with contextlib.suppress(Exception):  # a failed write says so itself (WriteFailed)
                await worker.wait()
        if self.view is None or self.view.summary.date != self.day or self._view_seen < self._writes_done:
            seen = self._writes_done
            self._show_view(await asyncio.to_thread(self.diary.load_day, self.day), seen)
        return True

    def _show_view(self, view: DayView, writes_seen: int) -> None:
        self.view = view
        self._view_seen = writes_seen
        if self._keys_waiting:
            # Redrawing the footer's keys costs ~40 ms: after the day is on screen, not before.
            self._keys_waiting = False
            self.call_after_refresh(self.refresh_bindings)
        self._draw(view)
        today = self.diary.today()
        if view.unanswered and self._offered_for != today and self.day == today:
            self._offered_for = today
            self.notify(unanswered_offer(view.unanswered, today), timeout=15)

    def _draw(self, shown: DayShown) -> None:
        summary = shown.summary
        self.query_one("#status", Static).update(self._status(shown))
        self._show_heading(tuple(flag.kind for flag in summary.red_flags))
        self.query_one(DayTable).show(summary, shown.factors)
        totals = [
            f"{factor_words(t.factor.name)} {amount_words(t.value, t.factor.unit, getattr(t.factor, 'kind', ''))}"
            + (f" from {t.entries} entries" if t.entries > 1 else "")
            for t in summary.totals
        ]
        count = len(summary.episodes)
        twitches = f"{count} twitch{'es' * (count != 1)}" if count else ("no twitches" if summary.checked_in else "")
        self._totals = "  ·  ".join(filter(None, [twitches, *totals]))
        self._note = summary.note
        self._show_totals()
        missing = [f.name for f in summary.unlogged]
        if not summary.episodes and not summary.checked_in:
            missing.insert(0, "twitches ([b]t[/b], or [b]n[/b] for none)")
        self.query_one("#unlogged", Static).update(
            "Not logged yet: " + ", ".join(missing) if missing else "Everything logged for this day."
        )

    def _status(self, shown: DayShown) -> str:
        """The line under the title: the most urgent advice first. A sign that cannot wait
        (drooping: call emergency services) comes before "consider seeing a GP"."""
        urgent = [flag.kind for flag in shown.summary.red_flags if flag.kind in TODAY_RED_FLAGS]
        persistence = f"Persistence: {shown.status_line}"
        if not urgent:
            return persistence
        signs = ", ".join(dict.fromkeys(red_flag_words(kind) for kind in urgent))
        return f"Red flag ({signs}): {urgent_words(self.day, self.diary.today())}  ·  {persistence}"

    def _show_totals(self) -> None:
        """The day's totals and its note: beside the totals in at most TOTALS_LINES lines when
        it fits there or has NOTE_BESIDE cells, else on a line of its own under them (beside
        long totals it was crushed to "note: … (N shows the whole note)"). A long note ends at
        a whole word with the key that shows it all, so at 80×24 it never takes the rows the
        day's entries need."""
        note, line = self._note, self._totals
        if note:
            # Words wrap short of the edge: keep a few cells a line spare (and the line's padding).
            usable = max(20, self.size.width - 2) - 6
            lead = f"{line}  ·  note: " if line else "note: "
            room = TOTALS_LINES * usable - len(lead)
            if len(note) <= room or room - len(NOTE_MORE) >= NOTE_BESIDE:
                line = lead + textwrap.shorten(note, room, placeholder=NOTE_MORE)
            else:
                line += "\n" + textwrap.shorten(f"note: {note}", usable, placeholder=NOTE_MORE)
        self.query_one("#totals", Static).update(escape(line) or "nothing logged")

    def on_screen_resume(self) -> None:
        forget_row_choices(self)  # back from a dialog: Enter waits for a row moved to

    def on_resize(self) -> None:
        self._show_heading()  # the red flags beside the day, or under it
        if self.view is not None:  # before the day is read there is nothing to fit
            self._show_totals()

    # --- after a write -----------------------------------------------------------------------

    def on_entry_saved(self, message: EntrySaved) -> None:
        self.app.diary_written()
        if message.day == self.day:
            self.notify(message.text, timeout=4)
            if message.row:
                self.query_one(DayTable).select_next(message.row)
            self.load()
        elif message.asked_on == self.day:  # an edit moved the entry to another day: follow it
            self.notify(message.text, timeout=4)
            self.show_day(message.day)
        else:  # saved on the day its form was opened on, which is no longer the one shown
            self.notify(f"{message.text} ({message.day:%a %d %b})", timeout=4)

    def on_episode_saved(self, message: EpisodeSaved) -> None:
        self.on_entry_saved(message)  # Textual looks handlers up by the message's own class

    def on_red_flags_saved(self, message: RedFlagsSaved) -> None:
        self.on_entry_saved(message)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if (action == "go_today" or (action == "shift_day" and parameters == (1,))) and self.day >= self.diary.today():
            return False  # nowhere forward from today: not in the footer
        if not self.diary.is_open:
            return True if action in WAIT_FOR_THE_DATABASE else None  # None: shown, but disabled
        return True  # `u` with nothing to undo says why, rather than doing nothing

    # --- other screens -----------------------------------------------------------------------

    async def action_open_mode(self, mode: str) -> None:
        if await self.day_ready():
            self.app.switch_mode(mode)

    async def action_open_insights(self) -> None:
        if await self.day_ready():
            self.app.action_open_insights()

    async def action_open_trends(self) -> None:
        if await self.day_ready():
            self.app.action_open_trends()

    async def action_open_medications(self) -> None:
        if await self.day_ready():
            self.app.action_open_medications()

    # --- other days --------------------------------------------------------------------------

    def action_shift_day(self, days: int) -> None:
        self.follow_clock()
        if days > 0 and self.day >= self.diary.today():
            self.notify("That is the future; nothing to log yet.", timeout=2)
            return
        if days < 0 and self.day <= EARLIEST_DAY:
            self.notify(f"The diary starts on {EARLIEST_DAY:%d %B %Y}; there is no day before.", timeout=3)
            return
        self.show_day(self.day + dt.timedelta(days=days))

    async def action_answer_recent(self) -> None:
        """Answer the newest recent day left unanswered with "no twitches", asked first: one key from the offer."""
        from tracker.tui.screens.today_entries import ask_no_twitches

        if not await self.day_ready() or self.view is None:
            return
        if not self.view.unanswered:
            self.notify("Every recent day has its twitches answered.")
            return
        # An unanswered day has no twitch logged: that is what unanswered means.
        await ask_no_twitches(self, self.view.unanswered[0], 0, keys="A")

    def action_yesterday(self) -> None:
        self.follow_clock()
        self.show_day(self.diary.today() - dt.timedelta(days=1))

    def action_go_today(self) -> None:
        self.follow_clock()
        self.show_day(self.diary.today())

    async def action_jump(self) -> None:
        from tracker.tui.screens.date_prompt import DatePrompt

        if not await self.day_ready():
            return

        def go(day: dt.date | None) -> None:
            if day is not None:
                self.show_day(day)

        await self.app.push_screen(DatePrompt(today=self.diary.today()), go)


def unanswered_offer(days: list[dt.date], today: dt.date) -> str:
    """The notice offering to answer "no twitches" for recent days left unanswered."""
    yesterday = today - dt.timedelta(days=1)
    names = [("yesterday" if day == yesterday else f"{day:%a %d %b}") for day in days]
    if len(names) > 3:
        names = [*names[:2], f"{len(names) - 2} more days back to {days[-1]:%a %d %b}"]
    # "yesterday and Tue 01 Dec": with a comma alone, "yesterday, Tue 01 Dec" reads as one day named twice.
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    back = "\\["  # a literal "[" in markup
    if yesterday in days:
        go = f"[b]y[/b] goes to yesterday, [b]{back}[/b] a day back"
    else:  # "[" goes one day back: a day further back is reached by its date, or from History
        go = "[b]j[/b] and its date go there, or [b]h[/b] for History"
    newest = "yesterday" if days[0] == yesterday else f"{days[0]:%a %d %b}"
    return (
        f"Twitches not answered for {listed}. [b]A[/b] answers {newest}: no twitches. "
        f"{go}; there, [b]n[/b] says there were none."
    )
