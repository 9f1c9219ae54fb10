"""Add a factor of your own: a name, a kind, a unit and (for a scale) its range.

The range is the lowest and highest value the factor can take: a value outside it is refused
as a typo. A number starts at 0 and has no ceiling unless one is given; a scale needs both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Select, Static

from tracker.core.formatting import format_number
from tracker.core.vocabulary import FactorKind
from tracker.errors import InputError
from tracker.tui.screens.dialog import Dialog, field_error
from tracker.tui.widgets.ordered_input import OrderedInput, OrderedSelect

if TYPE_CHECKING:
    from tracker.storage.models import FactorCreate


# How the analysis reads a day with the factor not logged: None leaves it to the kind.
ABSENT_CHOICES: dict[str, bool | None] = {"kind": None, "none": True, "unknown": False}
ABSENT_CHOICES_BACK = {value: key for key, value in ABSENT_CHOICES.items()}


class FactorForm(Dialog["FactorCreate"]):
    """Dismisses with the new factor, or None. Reopened with `typed` when the store refused it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, *, typed: FactorCreate | None = None, problem: str = "") -> None:
        super().__init__(problem=problem)
        self.typed = typed

    def compose(self) -> ComposeResult:
        typed = self.typed
        with Vertical(classes="form"):
            yield Static(
                "[b]New factor[/b]  (Tab between fields, Enter in any box saves)",
                classes="form-title",
            )
            yield self.problem_line()
            yield OrderedInput(typed.name if typed else "", placeholder="name, e.g. alcohol", id="name")
            yield field_error("name")
            yield OrderedSelect(
                [(kind.value, kind) for kind in FactorKind],
                value=typed.kind if typed else FactorKind.NUMBER,
                allow_blank=False,
                id="kind",
            )
            yield OrderedInput(typed.unit if typed else "", placeholder="unit, e.g. units (optional)", id="unit")
            yield Static(
                "range: the lowest and highest value it takes (anything outside is refused as a typo)", id="range"
            )
            hints = {"min": "lowest (empty: 0; a scale needs it)", "max": "highest (empty: no limit; a scale needs it)"}
            for bound, hint in hints.items():
                value = format_number(getattr(typed, f"{bound}_value")) if typed else ""
                yield OrderedInput(value, placeholder=hint, id=bound, type="number")
                yield field_error(bound)
            absent = typed.absent_means_none if typed else None
            yield OrderedSelect(
                [
                    ("not logged on a day: as its kind says (yes-no: none)", "kind"),
                    ("not logged on a day: none (logged only when taken)", "none"),
                    ("not logged on a day: unknown (measured)", "unknown"),
                ],
                value=ABSENT_CHOICES_BACK[absent],
                allow_blank=False,
                id="absent",
            )

    def on_mount(self) -> None:
        super().on_mount()
        self._show_number_boxes()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "kind":
            self._show_number_boxes()

    def _show_number_boxes(self) -> None:
        """A yes-no factor is answered y or n: its unit and range boxes go (empty number boxes
        read as asking for a number); a number or a scale has them."""
        numbers = self.query_one("#kind", Select).value != FactorKind.YES_NO
        for part in ("#unit", "#range", "#min", "#max"):
            self.query_one(part).display = numbers

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        from tracker.storage.models import FactorCreate

        name, unit = (self.query_one(f"#{box}", Input).value.strip() for box in ("name", "unit"))
        try:
            if not name:
                raise InputError("name", "", "a name, e.g. alcohol")
            yes_no = self.query_one("#kind", Select).value == FactorKind.YES_NO  # no range boxes shown
            low, high = (None, None) if yes_no else (self.number("min", "min"), self.number("max", "max"))
            if high is not None and not (0.0 if low is None else low) < high:
                raise InputError("max", format_number(high), f"more than the lowest ({format_number(low or 0.0)})")
        except InputError as exc:
            # Under the box refused, which takes the cursor: a line at the top scrolls out of view
            # in a short terminal once the cursor moves on, and the reason with it.
            self.refuse(exc.field, str(exc))
            return
        kind = self.query_one("#kind", Select).value
        assert isinstance(kind, FactorKind)  # its options are FactorKinds, and it cannot be left blank
        absent = ABSENT_CHOICES[str(self.query_one("#absent", Select).value)]
        unit = "" if kind == FactorKind.YES_NO else unit
        self.dismiss(
            FactorCreate(name=name, kind=kind, unit=unit, min_value=low, max_value=high, absent_means_none=absent)
        )
