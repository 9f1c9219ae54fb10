"""`?`: every key on one page."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tracker.tui.screens.dialog import Dialog

HELP = """\
[b]Today[/b]
  t  log a twitch: starts from the latest one before it; Enter saves
     in the form: u l m e c h o place · ← → ↑ b side · 1–5 intensity
     (a key pressed again: unspecified) · a new time refills the rest
     a time · d duration · space timer, or ends a box · n note
     Tab/Enter next box · + keeps the place for one more site, - undoes
  c  caffeine: a letter picks a drink, or type an amount and Enter
  w  water (g glass, b bottle, or an amount)     f  any factor
  s  sleep: 6.5, 6:10, 6h10, or bed and wake times
  x  stress: 0 or 2–9 at once, 1 then Enter, 1 0 or t for 10
  g  magnesium: shows your latest dose; Enter or g again logs it
  n  no twitches on the day shown (n or Enter confirms)
  N  the day's note               r  red-flag checklist
  O  the onset date: the day you say the twitching began
  e / Enter  edit the entry under the cursor
  Delete     delete it (Delete or Enter confirms)
  u, ctrl+z  undo the last thing done: named first, u or Enter undoes
  [ ]  a day back / forward   y  yesterday   .  today   j  go to a date
[b]Screens[/b]
  h  History (Enter opens a day, j a date): ? not answered, — nothing
  F  Factors and presets (e edits yours; o offers alcohol, nicotine)
  Esc  back from Insights and Trends; to Today from History, Factors
  i  Insights: how long, red flags, possible triggers (r recomputes)
  T  Trends: weekly bars · s saves the chart · v writes a visit packet
  M  Medications: a adds · e edits · s stopped today · Delete removes
[b]Everywhere[/b]
  ctrl+p  every command, also the report, the chart and CSV exports
  ?  this help     ctrl+q  quit
  Files go to exports/ in your data folder (TRACKER_EXPORTS moves it),
  unless you type another path; the path is shown.

This app keeps a diary; it does not diagnose. If something worries you,
see a doctor.
"""


class HelpScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="form"):
            yield Static(HELP)

    def action_close(self) -> None:
        self.dismiss(None)
