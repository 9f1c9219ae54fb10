"""The onset date: the day the twitching began, as the person remembers it (`tracker onset`).

Asked in words ("3 oct", "2026-10-03", "-60" for 60 days back); Enter on an empty box asks
whether to forget a date given. The report shows it beside the first entry, and the persistence
status beside the days logged. Written through the one write path (tracker.tui.writing), journalled for undo as
the command line's is (tracker.storage.diary_facts.set_onset).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tracker.core.formatting import report_date
from tracker.core.when import DATE_ALLOWED, past_day
from tracker.errors import InputError
from tracker.tui.screens.dialog import Dialog, field_error
from tracker.tui.widgets.ordered_input import OrderedInput


@dataclass(frozen=True)
class OnsetAnswer:
    """What the form was left with: a day, or None to forget the date given."""

    day: dt.date | None


class OnsetForm(Dialog[OnsetAnswer]):
    """Dismisses with an OnsetAnswer, or None when cancelled."""

    AUTO_FOCUS = "#onset"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, *, today: dt.date, given: dt.date | None, problem: str = "", typed: str = "") -> None:
        super().__init__(problem=problem)
        self.today, self.given, self.typed = today, given, typed

    def compose(self) -> ComposeResult:
        now = f"now {report_date(self.given)}" if self.given else "not given yet"
        with Vertical(classes="form"):
            yield Static(f"[b]When did the twitching begin?[/b] ({now})", classes="form-title")
            yield self.problem_line()
            yield OrderedInput(self.typed, placeholder="as you remember it: 3 oct, 2026-10-03, -60", id="onset")
            yield field_error("onset")
            clear = "   empty Enter asks to forget it" if self.given else ""
            yield Static(f"{DATE_ALLOWED}\n[b]Enter[/b] save{clear}   [b]Esc[/b] cancel", classes="form-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            if self.given is None:
                self.refuse("onset", f"onset: a date is needed: {DATE_ALLOWED}")
                return
            self._ask_to_forget()
            return
        try:
            self.dismiss(OnsetAnswer(onset_day(text, today=self.today)))
        except InputError as exc:
            self.refuse("onset", str(exc))

    def _ask_to_forget(self) -> None:
        """Emptying a stored date asks first, as deleting an entry does: an Enter on a box
        emptied by mistake forgot the date at once. A "no" comes back to the form as it was."""
        from tracker.tui.screens.confirm import Confirm

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(OnsetAnswer(None))

        given = report_date(self.given) if self.given else ""
        question = f"[b]Forget the onset date[/b] ({given})? The report then shows the first entry only."
        self.app.push_screen(Confirm(question, keys="y", yes="forget it"), answered)


def onset_day(text: str, *, today: dt.date) -> dt.date:
    """The day `text` names, from 1900 to today (InputError, naming the field, otherwise): the
    rule of every date typed (past_day)."""
    return past_day(text, today=today, field="onset")
