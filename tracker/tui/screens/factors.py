"""Your factors and the presets that fill them in one key."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static

from tracker.core.formatting import amount_words, range_words
from tracker.core.vocabulary import absent_words
from tracker.tui.messages import FactorsChanged, FactorsLoaded
from tracker.tui.screen_keys import screen_keys
from tracker.tui.screens.app_screen import AppScreen
from tracker.tui.screens.factor_edit_form import FactorEditForm
from tracker.tui.screens.factor_form import FactorForm
from tracker.tui.screens.preset_form import PresetForm
from tracker.tui.widgets.chosen_rows import forget_row_choices
from tracker.tui.widgets.fitted_table import FittedTable
from tracker.tui.widgets.keys_footer import KeysFooter
from tracker.tui.widgets.notice_line import NoticeLine
from tracker.tui.writing import Writes

if TYPE_CHECKING:
    from tracker.storage.models import Factor, FactorCreate, FactorUpdate, Preset, PresetCreate
    from tracker.tui.diary import Diary


SIDE_BY_SIDE = 120  # columns needed for both tables whole, side by side
# (label, most cells): a column is as wide as its widest cell up to these, narrowed to fit.
FACTOR_COLUMNS = (("name", 40), ("kind", 6), ("unit", 6), ("range", 12), ("per day", 7), ("not logged", 10))
PRESET_COLUMNS = (("preset", 20), ("factor", 40), ("amount", 12))


class FactorsScreen(Writes, AppScreen[None]):
    TITLE = "Factors"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_factor", "Add factor"),
        Binding("o", "add_offered", "Alcohol, nicotine"),
        Binding("p", "add_preset", "Add preset"),
        Binding("e", "edit", "Edit"),
        *screen_keys("factors"),
    ]

    def __init__(self, diary: Diary) -> None:
        super().__init__()
        self.diary = diary
        self.factors: list[Factor] = []
        self.presets: list[tuple[Preset, Factor]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="factor-lists"):
            with Vertical():
                yield Static("[b]Factors[/b] (a adds one; Enter or e edits it; yours are marked *)", classes="section")
                yield FittedTable(id="factors", cursor_type="row")
            with Vertical():
                yield Static("[b]Presets[/b] (p adds one; Enter changes the amount)", classes="section")
                yield FittedTable(id="presets", cursor_type="row")
        yield NoticeLine()
        yield KeysFooter()

    def on_resize(self) -> None:
        # Side by side, each table gets half the width: below SIDE_BY_SIDE columns that cut the
        # factors' range and daily rule ("r", "0"), so the tables go one above the other.
        self.query_one("#factor-lists").set_class(self.size.width < SIDE_BY_SIDE, "stacked")

    def on_screen_resume(self) -> None:
        forget_row_choices(self)  # back from a dialog: Enter waits for a row moved to
        if self.diary.is_open:
            self.load()

    def load(self) -> None:
        self.read(lambda: FactorsLoaded(self.diary.factors(), self.diary.presets()), group="factors")

    def on_factors_changed(self, message: FactorsChanged) -> None:
        self.notify(message.text, timeout=3)
        self.app.diary_written()
        self.load()

    def on_factors_loaded(self, message: FactorsLoaded) -> None:
        self.factors, self.presets = factors, presets = message.factors, message.presets
        rows = [
            (f.name + ("" if f.builtin else " *"), f.kind, f.unit, range_words(f.min_value, f.max_value), f.daily_rule,
             absent_words(f.absent_means_none))
            for f in factors
        ]  # fmt: skip
        # The cursor stays on the factor just edited.
        self.query_one("#factors", FittedTable).show(FACTOR_COLUMNS, rows, keys=[f.name for f in factors])
        amounts = [(preset.name, factor.name, amount_words(preset.amount, factor.unit)) for preset, factor in presets]
        self.query_one("#presets", FittedTable).show(PRESET_COLUMNS, amounts)

    def _write(self, job: Callable[[], str], keep: Callable[[str], object]) -> None:
        self.write(lambda: FactorsChanged(job()), keep=keep)

    def action_add_factor(self, problem: str = "", typed: FactorCreate | None = None) -> None:
        def save(factor_in: FactorCreate | None) -> None:
            if factor_in is not None:
                self._write(
                    lambda: f"Factor {self.diary.add_factor(factor_in).name} added",
                    keep=lambda reason: self.action_add_factor(reason, factor_in),
                )

        self.app.push_screen(FactorForm(typed=typed, problem=problem), save)

    def action_add_offered(self) -> None:
        """`o`: the factor form filled in with the next offered factor not added yet (alcohol, then
        nicotine), to save as it is, change (nicotine in mg) or leave with Esc: offered, never added
        unasked."""
        from tracker.core.vocabulary import OFFERED_FACTORS
        from tracker.storage.factors import offered_factor

        have = {factor.name for factor in self.factors}
        offers = [offer for offer in OFFERED_FACTORS if offer.name not in have]
        if not offers:
            self.notify("Alcohol and nicotine are among your factors already.", timeout=4, markup=False)
            return
        self.action_add_factor(typed=offered_factor(offers[0].name))

    def action_add_preset(self) -> None:
        self.app.push_screen(PresetForm(factors=self.factors), self._save_preset)

    def _save_preset(self, preset_in: PresetCreate | None) -> None:
        if preset_in is None:
            return

        def again(reason: str) -> None:
            form = PresetForm(
                factors=self.factors, name=preset_in.name, factor=preset_in.factor, amount=preset_in.amount,
                problem=reason,
            )  # fmt: skip
            self.app.push_screen(form, self._save_preset)

        self._write(lambda: f"Preset {self.diary.set_preset(preset_in).name} saved", keep=again)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "factors":
            self._edit_factor(event.cursor_row)
        else:
            self._edit_preset(event.cursor_row)

    def action_edit(self) -> None:
        """`e`: the same as Enter on the row under the cursor of the focused table."""
        table = self.focused if isinstance(self.focused, DataTable) else self.query_one("#factors", DataTable)
        if table.id == "factors":
            self._edit_factor(table.cursor_row)
        else:
            self._edit_preset(table.cursor_row)

    def _edit_factor(self, row: int) -> None:
        if not 0 <= row < len(self.factors):
            return
        self._edit_form(self.factors[row])  # a built-in one: only how a day without it counts

    def _edit_form(self, factor: Factor, problem: str = "", typed: FactorUpdate | None = None) -> None:
        def save(changes: FactorUpdate | None) -> None:
            if changes is not None:
                self._write(
                    lambda: f"Factor {self.diary.update_factor(factor.name, changes).name} updated",
                    keep=lambda reason: self._edit_form(factor, reason, changes),
                )

        self.app.push_screen(FactorEditForm(factor, typed=typed, problem=problem), save)

    def _edit_preset(self, row: int) -> None:
        if not 0 <= row < len(self.presets):
            return
        preset, factor = self.presets[row]
        form = PresetForm(factors=self.factors, name=preset.name, factor=factor.name, amount=preset.amount)
        self.app.push_screen(form, self._save_preset)
