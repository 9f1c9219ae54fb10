"""Sleep as hours (6.5, 6:10, 6h10), or as bed and wake times; either way it belongs to the day
you woke up. A value the form cannot use keeps the form open, with the reason under it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from tracker.core.factor_rules import refuse_past_day_total
from tracker.core.formatting import hours_words
from tracker.core.when import parse_hours, sleep_between
from tracker.errors import InputError
from tracker.tui.screens.dialog import CharsInput, Dialog, FieldError, field_error

if TYPE_CHECKING:
    from tracker.storage.models import Factor
    from tracker.tui.day_so_far import DaySoFar

HOURS_CHARACTERS = r"[0-9:.,hHmM ]"
CLOCK_CHARACTERS = r"[0-9:. apmAPM]"  # 11:45pm as the twitch form takes it
LOGGED_TIMES = re.compile(r"bed (?P<bed>\d\d:\d\d), wake (?P<wake>\d\d:\d\d)")  # read back to edit them
BED_AND_WAKE = re.compile(r"(?:;\s*)?bed \d\d:\d\d, wake \d\d:\d\d(?:;\s*)?")  # what the form writes in the note


def hours_text(hours: float) -> str:
    """Hours as the box takes them back: 7.67 -> "7:40" (what parse_hours reads)."""
    whole, minutes = divmod(round(hours * 60), 60)
    return f"{whole}:{minutes:02d}"


def already_logged(entries: Sequence[tuple[float, str]]) -> str:
    """The day's sleep entries (hours, note) as the form's reminder, or "" when there are none:
    "already logged: 7 h 40 min (bed 23:50, wake 07:30) — Enter puts the new hours in its place,
    + adds them (a nap)"."""
    if not entries:
        return ""
    shown = " + ".join(hours_words(hours) + (f" ({note})" if note else "") for hours, note in entries)
    its = "its" if len(entries) == 1 else "their"
    return f"already logged: {shown} — Enter puts the new hours in {its} place, + adds them (a nap)"


def edited_note(old: str, bed_and_wake: str) -> str:
    """An edited sleep entry's note: the old bed and wake times go (new hours would contradict
    them), the new ones come in, and anything else the note said stays."""
    rest = BED_AND_WAKE.sub("; ", old).strip("; ").strip()
    return "; ".join(part for part in (bed_and_wake, rest) if part)


class SleepForm(Dialog[tuple[float, str]]):
    """Dismisses with (hours, note), the note saying the bed and wake times if given."""

    AUTO_FOCUS = "#hours"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("enter", "save", "Save"),  # not priority: keys typed before it come first
        Binding("plus", "add", show=False),  # on a day that has sleep: adds (a nap) rather than replaces
    ]

    def __init__(
        self,
        *,
        wake_day: dt.date,
        factor: Factor,
        hours: str = "",
        bed: str = "",
        wake: str = "",
        problem: str = "",
        already: str = "",
        so_far: DaySoFar | None = None,
    ) -> None:
        super().__init__(problem=problem)
        self.so_far = so_far  # the day's sleep entries: the preview says what the day then holds
        self.wake_day = wake_day
        self.factor = factor
        self.already = already  # the day's sleep so far (already_logged), so Enter is not taken for an edit
        self.values = {"hours": hours, "bed": bed, "wake": wake}
        self._refused_times: tuple[str, str] | None = None  # (bed, wake) whose reason shows under them
        self._previewed_refusal = ""  # the field whose line says why Enter would refuse what it holds
        self.adds = False  # saved with `+`: added to the day's sleep, not put in its place

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(f"[b]Sleep[/b] ending the morning of {self.wake_day:%a %d %b}", classes="form-title")
            if self.already:
                yield Static(self.already, id="already", classes="field-label")
            yield self.problem_line()
            yield Static("hours: 6.5, 6:10 or 6h10", classes="field-label")
            yield CharsInput(self.values["hours"], chars=HOURS_CHARACTERS, placeholder="e.g. 6.5", id="hours")
            yield field_error("hours")
            yield Static("or bed and wake times (Tab to move)", classes="field-label")
            with Horizontal(classes="pair"):
                yield CharsInput(self.values["bed"], chars=CLOCK_CHARACTERS, placeholder="bed 23:30", id="bed")
                yield CharsInput(self.values["wake"], chars=CLOCK_CHARACTERS, placeholder="wake 07:00", id="wake")
            yield field_error("bed")
            yield Static("", id="preview", classes="form-hint", markup=False)
            asks = self.so_far is not None and self.so_far.asks()
            keys = "Enter in its place   + add   Esc cancel" if asks else "Enter save   Esc cancel"
            yield Static(keys, classes="form-hint")

    def on_mount(self) -> None:
        super().on_mount()
        self._show_preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        super().on_input_changed(event)
        # The bed and wake times share one line for their reason: editing either takes it away
        # (a wake time refused and then corrected left the old reason beside the new preview).
        typed = self.entered()
        if self._refused_times is not None and (typed["bed"], typed["wake"]) != self._refused_times:
            self._refused_times = None
            self.clear_refusal("bed")
        self._show_preview()

    def _show_preview(self) -> None:
        """The hours Enter will write, as the boxes read now (bed and wake times made into
        hours), before Enter; or, for hours Enter would refuse, its reason in the field's place;
        nothing while they do not read as hours yet."""
        typed = self.entered()
        field = "hours" if typed["hours"].strip() else "bed"
        if self._previewed_refusal:
            self.query_one(f"#{self._previewed_refusal}-error", FieldError).say("")
            self._previewed_refusal = ""
        words = ""
        try:
            hours, note = self._result(typed["hours"].strip(), typed["bed"].strip(), typed["wake"].strip())
        except ValueError:
            pass  # not hours yet: still being typed (Enter says what is wrong)
        else:
            try:
                self._checked(hours)
            except ValueError as exc:  # never shown as written: the reason Enter would give, in its place
                self.query_one(f"#{field}-error", FieldError).say(str(exc))
                self._previewed_refusal = field
            else:
                words = f"Enter writes: sleep {hours_words(hours)}" + (f" ({note})" if note else "")
                if self.so_far is not None and self.so_far.asks():
                    words += f" {self.so_far.choice(hours, refused=self._refused_added(hours))}"
                elif then := self.so_far.then(hours) if self.so_far else "":
                    words += f"; {then}"
        preview = self.query_one("#preview", Static)
        preview.update(words)
        preview.display = bool(words)  # no blank line while there is nothing to say

    def _checked(self, hours: float) -> float:
        """`hours` if the factor takes them and the day can hold them (InputError says why not)."""
        from tracker.storage.store import check_factor_value  # loaded with the database, before any form

        hours = check_factor_value(self.factor, hours, field="sleep")
        if self.so_far is not None and (self.adds or not self.so_far.asks()):  # in place, the day's go
            refuse_past_day_total(self.factor, sum(self.so_far.values), hours)
        return hours

    def _refused_added(self, hours: float) -> str:
        """Why `+` would refuse `hours` (the day cannot hold them with its sleep), or ""."""
        try:
            refuse_past_day_total(self.factor, sum(self.so_far.values) if self.so_far else 0.0, hours)
        except InputError as exc:
            return str(exc)
        return ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def save_typed(self, typed: str) -> None:
        """Enter in a box that holds text: saved at once, in the order typed (CharsInput). As
        the box's Enter binding it ran only once the key had gone round the app, after the keys
        typed behind it had joined the text: "5:40" Enter "x 8" read "5:408" and was refused."""
        self.action_save()

    def add_typed(self, typed: str) -> None:
        """`+` in a box: as the `+` key."""
        self.action_add()

    def action_add(self) -> None:
        """Save the hours as another entry of the day (a nap); only on a day that has sleep."""
        if self.so_far is None or not self.so_far.asks():
            self.app.bell()
            return
        self.adds = True
        self.action_save()
        if not self.closing:
            self.adds = False  # refused: Enter keeps its meaning

    def entered(self) -> dict[str, str]:
        """The three boxes as typed (to reopen the form with them)."""
        return {name: self.query_one(f"#{name}", Input).value for name in ("hours", "bed", "wake")}

    def action_save(self) -> None:
        for name in ("hours", "bed"):
            self.clear_refusal(name)
        typed = self.entered()
        hours_text = typed["hours"].strip()
        field = "hours" if hours_text else "bed"
        try:
            hours, note = self._result(hours_text, typed["bed"].strip(), typed["wake"].strip())
            hours = self._checked(hours)
        except InputError as exc:
            self.refuse(field, str(exc))
            if field == "bed":
                self._refused_times = (typed["bed"], typed["wake"])
            if exc.field == "wake":  # the reason shares the bed's line; the wake time is what to change
                self.set_focus(self.query_one("#wake", Input))
            return
        self.dismiss((hours, note))

    def _result(self, hours: str, bed: str, wake: str) -> tuple[float, str]:
        if hours:
            return parse_hours(hours), ""
        if not (bed and wake):
            raise InputError("sleep", "", "hours, or both a bed and a wake time (HH:MM)")
        # A wake time still to come is refused as any time typed is, `tracker log --at` included.
        return sleep_between(bed, wake, wake_day=self.wake_day, now=dt.datetime.now().astimezone())
