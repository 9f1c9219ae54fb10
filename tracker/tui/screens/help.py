"""`?`: every key on one page, each key in one column and what it does in the next.

The rows are laid out by a Rich grid, not by spaces in a string: a description that wraps at
80x24 goes on under its own column, and every section's keys line up with every other's.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tracker.tui.screens.dialog import Dialog

# (section, [(keys, what they do)]); keys "" goes on with the row above.
SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Today", [
        ("t", "log a twitch: starts from the latest one before it; Enter saves"),
        ("", "in the form: u l m e c h o place · ← → ↑ b side · 1–5 intensity (a key pressed again: "
             "unspecified) · a time (a new time refills the rest) · d duration · space timer, or ends a box · "
             "n note · Tab/Enter next box · + keeps the place for one more site, - removes the last"),
        ("c", "caffeine: a letter picks a drink, or type an amount and Enter"),
        ("w", "water: g glass, b bottle, or an amount"),
        ("s", "sleep: 6.5, 6:10, 6h10, or bed and wake times; the hours show before Enter"),
        ("x", "stress: 0 or 2–9 at once, 1 then Enter, 1 0 or t for 10"),
        ("g", "magnesium: shows your latest dose; Enter or g again logs it"),
        ("f", "any factor: a yes-no one takes y or n, the others a number"),
        ("", "a value logged again on the same day is one more entry: the form says what the day then holds"),
        ("n", "no twitches on the day shown (n or Enter confirms)"),
        ("N", "the day's note"),
        ("r", "red-flag checklist"),
        ("O", "the onset date: the day you say the twitching began"),
        ("e / Enter", "edit the entry under the cursor (Enter once you moved to it: ↑↓)"),
        ("Delete", "delete it (Delete or Enter confirms)"),
        ("u, ctrl+z", "undo the last thing done: named first, u or Enter undoes"),
        ("[ ]", "a day back / forward"),
        ("y", "yesterday"),
        (".", "today"),
        ("j", "go to a date"),
        ("", "in the day's table: day, an entry for the whole day; — not given; ⚠ a red flag logged"),
    ]),
    ("Screens", [
        ("h", "History (Enter opens a day, j a date): ? twitches not answered, — not logged, ! a red flag"),
        ("F", "Factors and presets (e edits yours; o offers alcohol, nicotine)"),
        ("i", "Insights: how long, red flags, possible triggers (r recomputes)"),
        ("T", "Trends: weekly bars (— nothing logged that week) · s saves the chart · v writes a visit packet"),
        ("M", "Medications: a adds · e edits · s stopped today · Delete removes"),
        ("Esc", "back from Insights and Trends; to Today from History, Factors"),
    ]),
    ("Dialogs", [
        ("Esc", "closes a dialog; when it holds an entry you typed, or one kept after a failed save, it asks "
                "first. In the twitch form the first Esc leaves a text box, the next one cancels"),
    ]),
    ("Everywhere", [
        ("ctrl+p", "every command, also the report, the chart and CSV exports"),
        ("?", "this help"),
        ("ctrl+q", "quit"),
        ("", "Files go to exports/ in your data folder (TRACKER_EXPORTS moves it), unless you type another "
             "path; the path is shown."),
    ]),
]  # fmt: skip

CLOSING = "This app keeps a diary; it does not diagnose. If something worries you, see a doctor."

# The same page as plain text (what a test, or a search for a word, reads).
HELP = "\n".join(
    [line for title, rows in SECTIONS for line in [title, *(f"  {keys:<10} {text}" for keys, text in rows)]]
    + ["", CLOSING]
)


def help_grid() -> Table:
    """Every section's keys in one column, their descriptions wrapping in the next."""
    width = max(len(keys) for _, rows in SECTIONS for keys, _ in rows)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, min_width=width)
    grid.add_column(ratio=1)
    for number, (title, rows) in enumerate(SECTIONS):
        grid.add_row(Text(title, style="bold"), "", end_section=False)
        for keys, text in rows:
            grid.add_row(Text(keys, style="bold"), Text(text))
        if number < len(SECTIONS) - 1:
            grid.add_row("", "")
    return grid


class HelpScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="form"):
            yield Static("[b]Keys[/b]   [b]Esc[/b] or [b]?[/b] closes   ↑ ↓ PgUp PgDn scroll", classes="form-title")
            yield Static(help_grid(), id="help-keys")
            yield Static(f"\n{CLOSING}", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
