"""The red-flag checklist: signs that twitching is more than a harmless twitch."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from tracker.models import RedFlagKind

QUESTIONS: list[tuple[RedFlagKind, str]] = [
    (RedFlagKind.SPREADING, "it has spread to other parts of the face"),
    (RedFlagKind.WEAKNESS, "weakness in the face"),
    (RedFlagKind.DROOPING, "drooping of the face, mouth or eyelid"),
    (RedFlagKind.SPEECH, "difficulty speaking"),
    (RedFlagKind.SWALLOWING, "difficulty swallowing"),
    (RedFlagKind.EYE_CLOSURE, "the eyelid closes completely"),
    (RedFlagKind.MOVEMENT_TRIGGERED, "triggered by chewing or other movements"),
]


class RedFlagChecklist(ModalScreen[list[RedFlagKind] | None]):
    """Dismisses with the signs ticked (possibly none), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # All priority, so ticks and Enter are handled in the order typed (the list would
        # otherwise take Enter as "tick the highlighted item"). No text box here to steal from.
        *[Binding(str(n), f"toggle({n - 1})", show=False, priority=True) for n in range(1, len(QUESTIONS) + 1)],
        Binding("space", "toggle_highlighted", "Tick", show=False, priority=True),
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "dismiss_none", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="form", id="red-flags"):
            yield Static("[b]Red flags[/b] — tick any you have noticed today", classes="form-title")
            yield SelectionList[RedFlagKind](
                *[Selection(f"{n}  {text}", kind) for n, (kind, text) in enumerate(QUESTIONS, start=1)],
                id="checklist",
            )
            yield Static("1–7 or space tick   Enter save   Esc cancel", classes="form-hint")

    def action_toggle(self, index: int) -> None:
        self.query_one("#checklist", SelectionList).toggle(QUESTIONS[index][0])

    def action_toggle_highlighted(self) -> None:
        checklist = self.query_one("#checklist", SelectionList)
        if checklist.highlighted is not None:
            checklist.toggle(checklist.get_option_at_index(checklist.highlighted).value)

    def action_save(self) -> None:
        self.dismiss(list(self.query_one("#checklist", SelectionList).selected))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
