"""The red-flag checklist: signs that twitching is more than a harmless twitch.

Saving answers every question: a sign ticked is logged as noticed, every sign left empty is
stored as answered "no" that day. The line above the list says so as the ticks change ("Enter
saves: 1 ticked as noticed today; the 12 others as answered no today"), so no "no" is stored
that the person did not see they were giving.

Opened again on a day already answered, it shows the answers given: a sign logged that day
ticked and "logged", a sign answered "no" with the day of that answer ("no on 3 Mar"), so a box
left empty is never mistaken for a question not yet asked. A sign ticked now shows as ticked
only: its earlier "no" is no longer beside it. Saved again unchanged, nothing is
written; a sign ticked now is logged in place of that day's "no", and nothing else changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import ClassVar

from rich.segment import Segment
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList, Static
from textual.widgets.selection_list import Selection

from tracker.core.vocabulary import red_flag_advice
from tracker.tui.screens.dialog import Dialog

# RedFlagKind values as plain strings: tracker.storage.models would load the database stack before
# the first screen is painted (tests check the two stay equal).
QUESTIONS: list[tuple[str, str]] = [
    ("spreading", "it has spread to other parts of the face"),
    ("weakness", "weakness in the face"),
    ("drooping", "drooping of the face, mouth or eyelid"),
    ("speech", "difficulty speaking"),
    ("swallowing", "difficulty swallowing"),
    ("eye-closure", "the eyelid closes completely"),
    ("movement-triggered", "triggered by chewing or other movements"),
    ("body-spread", "twitching in other parts of the body too"),
    ("wasting", "a muscle getting thinner (wasting)"),
    ("numbness", "numbness or tingling"),
    ("in-sleep", "twitching seen while asleep"),
    ("bells-palsy", "ear pain, sounds too loud, an eye won't close"),
    ("new-medicine", "it began after starting a new medicine"),
]


class Checklist(SelectionList[str]):
    """A SelectionList whose boxes differ in text, not only in colour: `▐x▌` ticked, `▐ ▌` not
    (Textual draws an "X" in both, which a terminal without colour cannot tell apart)."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) > 2 and segments[0].text == Checkbox.BUTTON_LEFT:
            index = (segments[1].style.meta if segments[1].style else {}).get("option")
            if index is not None:
                ticked = self.get_option_at_index(index).value in self.selected
                segments[1] = Segment("x" if ticked else " ", segments[1].style)
                return Strip(segments, strip.cell_length)
        return strip

    # At 80x24 the list may be shorter than its thirteen questions (advice under it takes rows):
    # its lower edge says how many are out of view, so the list is never taken to end at 12.

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._say_what_is_hidden()

    def on_resize(self) -> None:
        self.call_after_refresh(self._say_what_is_hidden)

    def _say_what_is_hidden(self) -> None:
        above, below = round(self.scroll_y), round(self.max_scroll_y - self.scroll_y)
        hidden = [f"↑ {above} more above"] * bool(above) + [f"↓ {below} more below"] * bool(below)
        self.border_subtitle = " · ".join(hidden)


class RedFlagChecklist(Dialog[list[str]]):
    """Dismisses with the signs ticked (possibly none), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # All priority, so ticks and Enter are handled in the order typed (the list would
        # otherwise take Enter as "tick the highlighted item"). No text box here to steal from.
        # Every question has its number: `1` may start 10-13, so it waits for the next key.
        *[Binding(str(n), f"digit({n})", show=False, priority=True) for n in range(10)],
        Binding("space", "toggle_highlighted", "Tick", show=False, priority=True),
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "dismiss_none", "Cancel"),
    ]

    def __init__(
        self,
        *,
        ticked: tuple[str, ...] = (),
        logged: tuple[str, ...] = (),
        noes: Mapping[str, dt.date] | None = None,
        problem: str = "",
        when: str = "today",
        day: dt.date | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(problem=problem)
        self.ticked = ticked
        self.logged = logged  # already logged that day: shown ticked and "logged", never saved again
        self.noes = dict(noes or {})  # sign -> the latest day it was answered "no" (up to this day)
        self.when = when  # the day the answers are for: "today", "yesterday", "on Thu 26 Nov"
        self.day, self.today = day, today  # the advice for a sign ticked on an earlier day says how long ago
        self.typed_one = False  # `1` pressed: question 1, or the start of 10-13
        self.unchanged = False  # saved with every answer as the diary already held it

    def compose(self) -> ComposeResult:
        with Vertical(classes="form", id="red-flags"):
            yield Static(f"[b]Red flags[/b] — tick any you noticed {self.when}", classes="form-title")
            yield self.problem_line()
            # Above the list, not under it: at 80x24 the thirteen questions push a line below
            # them out of view, and with it how to save.
            yield Static(f"1–{len(QUESTIONS)} or ↑↓ space tick   Esc cancel", classes="form-hint")
            # What Enter stores, above the list where it is read before Enter: every empty box
            # becomes a dated "no", which a clinician reads as a denial.
            yield Static(self._saves_words(self._initially_ticked), id="saves", classes="form-hint", markup=False)
            yield Checklist(
                *[
                    Selection(
                        self._prompt(n, kind, ticked=kind in self._initially_ticked),
                        kind, kind in self._initially_ticked, disabled=kind in self.logged,
                    )
                    for n, (kind, text) in enumerate(QUESTIONS, start=1)
                ],
                id="checklist",
            )  # fmt: skip
            yield Static("", id="typed", classes="form-hint -empty", markup=False)
            # The advice for what is ticked, as soon as it is ticked: the same graded words as
            # `tracker log redflag`, so an emergency sign is not left for the saving to say.
            yield Static("", id="advice", markup=False)

    def on_mount(self) -> None:
        self._show_advice()

    @property
    def _initially_ticked(self) -> set[str]:
        return set(self.ticked) | set(self.logged)

    def _prompt(self, n: int, kind: str, *, ticked: bool) -> str:
        text = dict(QUESTIONS)[kind]
        return f"{n:>2}  {text}" + self._answer_words(kind, ticked=ticked)

    def _answer_words(self, kind: str, *, ticked: bool = False) -> str:
        """What the diary holds for a question: " — logged", " — no on 3 Mar", or nothing. A sign
        ticked now shows as ticked only: the earlier "no" beside a tick would read as both answers."""
        if kind in self.logged:
            return " — logged"
        answered = self.noes.get(kind)
        if answered is None or ticked:
            return ""
        return f" — no on {self._date_words(answered)}"

    def _saves_words(self, selected: set[str]) -> str:
        """What Enter will store, in counts: "Enter saves: 1 ticked as noticed today; the 12
        others as answered no today"."""
        new = len(selected - set(self.logged))
        empty = len(QUESTIONS) - len(selected)
        noticed = f"{new} ticked as noticed {self.when}"
        if not empty:
            return f"Enter saves: {noticed}"
        others = f"all {empty}" if empty == len(QUESTIONS) else f"the {empty} other{'s' * (empty != 1)}"
        noes = f"{others} as answered no {self.when}"
        return f"Enter saves: {noticed}; {noes}" if new else f"Enter saves: {noes}"

    def _date_words(self, day: dt.date) -> str:
        year = f" {day.year}" if self.today is None or day.year != self.today.year else ""
        return f"{day.day} {day:%b}{year}"

    def _unchanged(self, ticked: list[str]) -> bool:
        """Nothing newly ticked, and every sign not logged answered "no" on this very day
        already: saving would write nothing the diary does not hold."""
        return not ticked and all(self.noes.get(kind) == self.day for kind, _ in QUESTIONS if kind not in self.logged)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        self._show_advice()
        checklist = self.query_one("#checklist", SelectionList)
        selected = set(checklist.selected)
        for n, (kind, _) in enumerate(QUESTIONS, start=1):
            prompt = self._prompt(n, kind, ticked=kind in selected)
            if str(checklist.get_option_at_index(n - 1).prompt) != prompt:
                checklist.replace_option_prompt_at_index(n - 1, prompt)
        self.query_one("#saves", Static).update(self._saves_words(selected))

    def _show_advice(self) -> None:
        ticked = self.query_one("#checklist", SelectionList).selected
        advice = "\n".join(red_flag_advice(ticked, on=self.day, today=self.today))
        self.query_one("#advice", Static).update(advice)
        self.query_one("#advice", Static).set_class(not advice, "-empty")  # no row kept for nothing

    def action_digit(self, digit: int) -> None:
        """Tick the question with the number typed; `1` waits, since 10-13 start with it. A
        rule that reads the keys, not how fast they come: `10` is 10 however it is typed. The
        line under the list says what a waiting `1` will become."""
        if self.typed_one:
            self._show_typed(False)
            if 10 + digit <= len(QUESTIONS):
                self.action_tick(10 + digit - 1)
                return
            self.action_tick(0)  # 1, then another number: two questions
        if digit == 1 and len(QUESTIONS) >= 10:
            self._show_typed(True)
        elif 1 <= digit <= len(QUESTIONS):
            self.action_tick(digit - 1)

    def _show_typed(self, one: bool) -> None:
        self.typed_one = one
        last = len(QUESTIONS) - 10
        line = f"1: 1 or 10–1{last}? Enter ticks 1" if one else ""
        self.query_one("#typed", Static).update(line)
        self.query_one("#typed", Static).set_class(not line, "-empty")  # no row kept for nothing

    def _tick_typed_one(self) -> None:
        """A `1` still waiting is question 1, once a key other than a number follows it."""
        if self.typed_one:
            self._show_typed(False)
            self.action_tick(0)

    def holds_typed_text(self) -> bool:
        """Ticks changed since the list opened: Esc or quitting asks first, as a form with typed
        text does (the ticks are what was described)."""
        if self.closing:
            return False
        ticked = set(self.query_one("#checklist", SelectionList).selected)
        return ticked != set(self.ticked) | set(self.logged)

    def action_tick(self, index: int) -> None:  # not action_toggle: Textual's own toggles an attribute
        checklist = self.query_one("#checklist", SelectionList)
        if QUESTIONS[index][0] not in self.logged:  # logged already: deleted from the day, not here
            checklist.toggle(QUESTIONS[index][0])
        # The row typed comes into view with the cursor on it: a tick made below the visible
        # rows (13 on a short terminal) would otherwise look like nothing happened.
        checklist.highlighted = index

    def action_toggle_highlighted(self) -> None:
        if self.typed_one:  # "1 space": the space ends the number
            self._tick_typed_one()
            return
        checklist = self.query_one("#checklist", SelectionList)
        if checklist.highlighted is not None:
            checklist.toggle(checklist.get_option_at_index(checklist.highlighted).value)

    def action_save(self) -> None:
        """Dismisses with the signs newly ticked (those logged already are not logged twice).
        With a `1` waiting, Enter ticks question 1 and stays: nothing is saved that was not
        shown ticked first."""
        if self.typed_one:
            self._tick_typed_one()
            return
        ticked = [kind for kind in self.query_one("#checklist", SelectionList).selected if kind not in self.logged]
        self.unchanged = self._unchanged(ticked)
        self.dismiss(ticked)
