"""The red-flag checklist: signs that twitching is more than a harmless twitch."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

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
]


class RedFlagChecklist(Dialog[list[str]]):
    """Dismisses with the signs ticked (possibly none), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # All priority, so ticks and Enter are handled in the order typed (the list would
        # otherwise take Enter as "tick the highlighted item"). No text box here to steal from.
        *[Binding(str(n), f"toggle({n - 1})", show=False, priority=True) for n in range(1, len(QUESTIONS) + 1)],
        Binding("space", "toggle_highlighted", "Tick", show=False, priority=True),
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "dismiss_none", "Cancel"),
    ]

    def __init__(self, *, ticked: tuple[str, ...] = (), problem: str = "", when: str = "today") -> None:
        super().__init__(problem=problem)
        self.ticked = ticked
        self.when = when  # the day the answers are for: "today", "yesterday", "on Thu 26 Nov"

    def compose(self) -> ComposeResult:
        with Vertical(classes="form", id="red-flags"):
            yield Static(f"[b]Red flags[/b] — tick any you noticed {self.when}", classes="form-title")
            yield self.problem_line()
            yield SelectionList[str](
                *[
                    Selection(f"{n}  {text}", kind, kind in self.ticked)
                    for n, (kind, text) in enumerate(QUESTIONS, start=1)
                ],
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
