"""`M` (or "Medications" in the command palette): the medication list a doctor asks about, with
the ones known to cause twitching in some people marked. Opened over the screen it was asked
from; Esc goes back to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Static

from tracker.tui.messages import MedicationsChanged, MedicationsLoaded
from tracker.tui.screens.app_screen import AppScreen
from tracker.tui.screens.medication_form import MedicationForm
from tracker.tui.widgets.chosen_rows import forget_row_choices
from tracker.tui.widgets.fitted_table import FittedTable
from tracker.tui.widgets.keys_footer import KeysFooter
from tracker.tui.widgets.notice_line import NoticeLine
from tracker.tui.writing import Writes

if TYPE_CHECKING:
    from tracker.storage.models import Medication, MedicationCreate
    from tracker.tui.diary import Diary

# Each column as wide as its longest cell, up to these, narrowed to fit the terminal (a cell then
# wraps between words): set when the list is loaded, never measured later, so the first frame of
# the list is its last (a measure on idle repaints late).
COLUMNS = (("id", 6), ("medicine", 28), ("dose", 20), ("taken", 36), ("note", 40))
EMPTY = "None recorded. [b]a[/b] adds a medication: its name, the dose as written, when you began and stopped it."
MARKED = "* known to cause twitching in some people (a note for your doctor, not a diagnosis)"


class MedicationsScreen(Writes, AppScreen[None]):
    TITLE = "Medications"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("s", "stop", "Stopped today"),
        Binding("delete,backspace", "remove", "Remove"),
        Binding("u,ctrl+z", "undo", "Undo"),
    ]

    def __init__(self, diary: Diary) -> None:
        super().__init__()
        self.diary = diary
        self.medications: list[Medication] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="medications-empty", classes="section")
        yield FittedTable(id="medications", cursor_type="row")
        yield Static(MARKED, id="medications-marked", classes="form-hint")
        yield NoticeLine()  # what was just added, changed or removed, and that u undoes it
        yield KeysFooter()

    def on_screen_resume(self) -> None:
        forget_row_choices(self)  # back from a dialog: Enter waits for a row moved to
        self.load()

    def load(self) -> None:
        self.read(lambda: MedicationsLoaded(self.diary.medications()), group="medications")

    def on_medications_loaded(self, message: MedicationsLoaded) -> None:
        from tracker.core.formatting import one_line
        from tracker.core.ids import MEDICATION, format_id
        from tracker.core.medicines import known_culprit, taken_words

        self.medications = message.medications
        cells = [
            [format_id(MEDICATION, item.id or 0), item.name + (" *" if known_culprit(item.name) else ""), item.dose,
             taken_words(item.started, item.stopped), one_line(item.note)]
            for item in self.medications
        ]  # fmt: skip
        self.query_one(FittedTable).show(COLUMNS, cells)  # the cursor stays on the medication just changed
        empty = self.query_one("#medications-empty", Static)
        empty.update(EMPTY)
        empty.display = not self.medications
        self.query_one("#medications-marked").display = any(known_culprit(m.name) for m in self.medications)

    def on_medications_changed(self, message: MedicationsChanged) -> None:
        self.notify(message.text, timeout=10 if message.text.startswith("Removed") else 4, markup=False)
        self.app.diary_written()
        self.load()

    def _write(self, job: Callable[[], str], keep: Callable[[str], object] | None = None) -> None:
        self.write(lambda: MedicationsChanged(job()), keep=keep)

    def _current(self) -> Medication | None:
        row = self.query_one(DataTable).cursor_row
        return self.medications[row] if 0 <= row < len(self.medications) else None

    def action_add(self, problem: str = "", typed: MedicationCreate | None = None) -> None:
        def save(medication_in: MedicationCreate | None) -> None:
            if medication_in is not None:
                self._write(
                    lambda: f"Added {self.diary.add_medication(medication_in).name}",
                    keep=lambda reason: self.action_add(reason, medication_in),
                )

        self.app.push_screen(MedicationForm(today=self.diary.today(), typed=typed, problem=problem), save)

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_edit(self, problem: str = "", typed: MedicationCreate | None = None, key: int | None = None) -> None:
        from tracker.storage.models import MedicationCreate, MedicationUpdate

        item = self._current() if key is None else next((m for m in self.medications if m.id == key), None)
        if item is None or item.id is None:
            return
        key = item.id
        shown = typed or MedicationCreate(name=item.name, dose=item.dose, started=item.started, stopped=item.stopped,
                                          note=item.note)  # fmt: skip

        def save(changed: MedicationCreate | None) -> None:
            if changed is not None:
                update = MedicationUpdate.model_validate(changed.model_dump())
                self._write(
                    lambda: f"Changed {self.diary.update_medication(key, update).name}",
                    keep=lambda reason: self.action_edit(reason, changed, key),
                )

        form = MedicationForm(today=self.diary.today(), typed=shown, title=f"Change {item.name}", problem=problem)
        self.app.push_screen(form, save)

    def action_stop(self) -> None:
        item = self._current()
        if item is None or item.id is None:
            return
        if item.stopped is not None:
            self.notify(f"{item.name} is stopped already (e changes the date).", timeout=4, markup=False)
            return
        key = item.id
        self._ask(f"{item.name}: stopped today?", "s", "mark it stopped",
                  lambda: f"Stopped {self.diary.stop_medication(key).name} today")  # fmt: skip

    def action_remove(self) -> None:
        item = self._current()
        if item is None or item.id is None:
            return
        key = item.id
        self._ask(f"Remove {item.name} from the list?", "delete,backspace", "remove it",
                  lambda: f"Removed {self.diary.remove_medication(key).name}. Press u (or ctrl+z) to undo.",
                  label="Delete")  # fmt: skip

    async def action_undo(self) -> None:
        """As on Today: the last thing done, named first, undone here."""
        from tracker.tui.undoing import ask_undo

        await ask_undo(self, self.diary, MedicationsChanged)

    def _ask(self, question: str, keys: str, yes: str, job: Callable[[], str], *, label: str = "") -> None:
        """Before a one-key write: what it does, Enter (or the key again) to do it."""
        from tracker.tui.screens.confirm import Confirm

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self._write(job)

        self.app.push_screen(Confirm(question, keys=keys, yes=yes, key_label=label), answered)
