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
  t  log a twitch: the form starts from your last one; Enter saves it
       in the form: u l m e c h o place · ← → ↑ b side · 1–5 intensity
       a time · d duration · space start/stop a timer · n note
  c  caffeine (pick a drink)      w  water (g glass, b bottle)
  s  sleep (hours, or bed and wake times)   x  stress 0–9, t for 10
  g  magnesium (repeats your last dose)     f  any factor
  n  no twitches today            r  red-flag checklist
  e / Enter  edit the entry under the cursor
  Delete     delete it; u or ctrl+z undoes for 10 seconds
  [ ]  a day back / forward       y  yesterday    .  today   j  go to a date
[b]Screens[/b]
  h  History (Enter opens a day)   F  Factors and presets (e edits yours)   Esc  back
  i  Insights: how long it has lasted, red flags, possible triggers (r recomputes)
  T  Trends: the last 12 weeks · s saves the chart PNG · v writes a visit packet
[b]Everywhere[/b]
  ctrl+p  every command           ?  this help     ctrl+q  quit
  The command palette also changes the theme (dark or light).

This app keeps a diary; it does not diagnose. If something worries you, see a doctor.
"""


class HelpScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="form"):
            yield Static(HELP)

    def action_close(self) -> None:
        self.dismiss(None)
