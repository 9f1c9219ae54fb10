"""The command palette's commands (ctrl+p): every key of Today, the files the app writes, the
other screens, and the keys of the screen shown. Each says its key, so the palette also teaches
the keys."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.binding import Binding

from tracker.tui.screens.today import TodayScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from tracker.tui.app import TrackerApp

# (title, help, action on the Today screen) for the command palette.
TODAY_COMMANDS = [
    ("Log a twitch", "Open the twitch form (t)", "log_twitch"),
    ("Log caffeine", "Pick a drink (c)", "log_caffeine"),
    ("Log water", "A glass or a bottle (w)", "log_water"),
    ("Log sleep", "Hours, or bed and wake times (s)", "log_sleep"),
    ("Log stress", "0 to 10 (x)", "log_stress"),
    ("Log magnesium", "Repeat the latest dose (g)", "log_magnesium"),
    ("Log any factor", "Choose a factor, then its value (f)", "log_factor"),
    ("No twitches", "Say the day shown had no twitches (n)", "no_twitches"),
    ("Answer a past day", "Say the newest unanswered recent day had no twitches, asked first (A)", "answer_recent"),
    ("Day note", "A note for the day shown (N)", "day_note"),
    ("Red flags", "Checklist of signs to see a doctor about (r)", "red_flags"),
    ("Onset date", "When the twitching began, as you remember it (O)", "onset"),
    ("Edit entry", "Edit the entry under the cursor (e)", "edit"),
    ("Delete entry", "Delete the entry under the cursor (Delete)", "delete"),
    ("Undo", "Undo the last thing done, named first (u)", "undo"),
    ("Previous day", "Go a day back ([)", "shift_day(-1)"),
    ("Next day", "Go a day forward (])", "shift_day(1)"),
    ("Yesterday", "Fill in yesterday (y)", "yesterday"),
    ("Back to today", "Show today (.)", "go_today"),
    ("Go to a date", "Jump to any day to fill it in (j)", "jump"),
    ("Medications", "What you take or took, for the report (M)", "open_medications"),
]
# (title, help, kind) for the files the app writes; kind is a key of tracker.paths.EXPORT_NAMES.

FILE_COMMANDS = [
    ("Visit packet", "For a doctor: CSV files, dictionary, PDF report and chart in one folder", "visit"),
    ("Report (PDF)", "For a doctor: red flags, a summary, the chart, the last weeks by day", "report"),
    ("Chart (PNG)", "The last 12 weeks of twitching, caffeine and sleep", "chart"),
    ("Export CSV: days", "One row per calendar day", "daily"),
    ("Export CSV: episodes", "One row per twitch", "episodes"),
]


def app_commands(app: TrackerApp, screen: Screen[Any]) -> Iterable[SystemCommand]:
    """The tracker's own commands, after Textual's (theme, keys, quit): none while the database
    is still opening, since each of them reads it."""
    if not app.diary.is_open:
        return
    for title, help_text, action in TODAY_COMMANDS:
        yield SystemCommand(title, help_text, partial(app._on_today, action))
    for title, help_text, kind in FILE_COMMANDS:
        yield SystemCommand(title, help_text, partial(app.action_export, kind))
    yield SystemCommand("Today", "The Today screen", partial(app.switch_mode, "today"))
    yield SystemCommand("History", "Every day in a table (h)", partial(app.switch_mode, "history"))
    yield SystemCommand("Factors", "Add factors and presets (F)", partial(app.switch_mode, "factors"))
    yield SystemCommand("Insights", "Persistence, red flags and possible triggers (i)", app.action_open_insights)
    yield SystemCommand("Trends", "The last 12 weeks; save the chart, a visit packet (T)", app.action_open_trends)
    yield SystemCommand("Help", "Every key (?)", app.action_help)
    yield SystemCommand("Dark or light", "Switch between the dark and the light theme", app.action_toggle_dark)
    yield from screen_commands(screen)


def screen_commands(screen: Screen[Any]) -> Iterable[SystemCommand]:
    """The keys of the screen shown (other than Today, whose keys are above), as commands."""
    if isinstance(screen, TodayScreen):
        return
    for binding in screen.BINDINGS:
        if not isinstance(binding, Binding) or not binding.description or binding.action.startswith("app."):
            continue
        key = binding.key.split(",")[0]
        yield SystemCommand(
            f"{screen.TITLE or type(screen).__name__}: {binding.description}",
            f"On this screen ({key})",
            partial(screen.run_action, binding.action),
        )
