"""Add or change a medication: its name, dose as written, the first and last day taken (either
may be left empty: not known) and a note. Dates take the words `tracker log` takes: today,
yesterday, -3, 2026-03-01 or 3 mar."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tracker.errors import InputError
from tracker.tui.screens.dialog import Dialog, field_error
from tracker.tui.widgets.ordered_input import OrderedInput

if TYPE_CHECKING:
    from tracker.storage.models import MedicationCreate

DATE_HINT = "yesterday, -3, 2026-03-01, 3 mar; empty: not known"


class MedicationForm(Dialog["MedicationCreate"]):
    """Dismisses with the medication as typed (the whole of it, also for an edit), or None.
    Reopened with `typed` and the reason when the store refused it (a stop before the start)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, *, today: dt.date, typed: MedicationCreate | None = None, title: str = "New medication",
                 problem: str = "") -> None:  # fmt: skip
        super().__init__(problem=problem)
        self.today, self.typed, self.title = today, typed, title

    def compose(self) -> ComposeResult:
        typed = self.typed
        with Vertical(classes="form"):
            yield Static(f"[b]{self.title}[/b]  (Tab between fields, Enter in any box saves)", classes="form-title")
            yield self.problem_line()
            yield OrderedInput(typed.name if typed else "", placeholder="name, e.g. prednisolone", id="name")
            yield field_error("name")
            yield OrderedInput(typed.dose if typed else "", placeholder="dose as written, e.g. 20 mg daily", id="dose")
            yield field_error("dose")
            for field, label in (("started", "first day taken"), ("stopped", "last day taken")):
                day = getattr(typed, field) if typed else None
                yield OrderedInput(day.isoformat() if day else "", placeholder=f"{label}: {DATE_HINT}", id=field)
                yield field_error(field)
            yield OrderedInput(typed.note if typed else "", placeholder="note (optional)", id="note")
            yield field_error("note")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        from tracker.core import validate
        from tracker.core.when import parse_date
        from tracker.storage.models import MedicationCreate

        text = {box: self.query_one(f"#{box}", Input).value for box in ("name", "dose", "started", "stopped", "note")}
        try:
            dates = {
                field: parse_date(text[field], today=self.today, field=field) if text[field].strip() else None
                for field in ("started", "stopped")
            }
            # The store's own check, here first, so the reason shows under the field at fault.
            name, dose, started, stopped, note = validate.medication(
                name=text["name"], dose=text["dose"], note=text["note"], today=self.today, **dates
            )
        except InputError as exc:
            self.refuse(exc.field if exc.field in text else "name", str(exc))
            return
        self.dismiss(MedicationCreate(name=name, dose=dose, started=started, stopped=stopped, note=note))
