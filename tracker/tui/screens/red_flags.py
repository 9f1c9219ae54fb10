"""The red-flag checklist: signs that twitching is more than a harmless twitch."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList, Static
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
    ("body-spread", "twitching in other parts of the body too"),
    ("wasting", "a muscle getting thinner (wasting)"),
    ("numbness", "numbness or tingling"),
    ("in-sleep", "twitching seen while asleep"),
    ("bells-palsy", "ear pain, sounds too loud, or an eye that will not close"),
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


class RedFlagChecklist(Dialog[list[str]]):
    """Dismisses with the signs ticked (possibly none), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # All priority, so ticks and Enter are handled in the order typed (the list would
        # otherwise take Enter as "tick the highlighted item"). No text box here to steal from.
        # One key per digit: the questions past 9 are ticked with the arrows and space.
        *[Binding(str(n), f"tick({n - 1})", show=False, priority=True) for n in range(1, min(9, len(QUESTIONS)) + 1)],
        Binding("space", "toggle_highlighted", "Tick", show=False, priority=True),
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "dismiss_none", "Cancel"),
    ]

    def __init__(
        self, *, ticked: tuple[str, ...] = (), logged: tuple[str, ...] = (), problem: str = "", when: str = "today"
    ) -> None:
        super().__init__(problem=problem)
        self.ticked = ticked
        self.logged = logged  # already logged that day: shown ticked and "logged", never saved again
        self.when = when  # the day the answers are for: "today", "yesterday", "on Thu 26 Nov"

    def compose(self) -> ComposeResult:
        with Vertical(classes="form", id="red-flags"):
            yield Static(f"[b]Red flags[/b] — tick any you noticed {self.when}", classes="form-title")
            yield self.problem_line()
            yield Checklist(
                *[
                    Selection(
                        f"{n}  {text}" + (" — logged" if kind in self.logged else ""),
                        kind, kind in self.ticked or kind in self.logged, disabled=kind in self.logged,
                    )
                    for n, (kind, text) in enumerate(QUESTIONS, start=1)
                ],
                id="checklist",
            )  # fmt: skip
            yield Static(f"1–{min(9, len(QUESTIONS))} or ↑↓ space tick   Enter save   Esc cancel", classes="form-hint")

    def action_tick(self, index: int) -> None:  # not action_toggle: Textual's own toggles an attribute
        if QUESTIONS[index][0] not in self.logged:  # logged already: deleted from the day, not here
            self.query_one("#checklist", SelectionList).toggle(QUESTIONS[index][0])

    def action_toggle_highlighted(self) -> None:
        checklist = self.query_one("#checklist", SelectionList)
        if checklist.highlighted is not None:
            checklist.toggle(checklist.get_option_at_index(checklist.highlighted).value)

    def action_save(self) -> None:
        """Dismisses with the signs newly ticked (those logged already are not logged twice)."""
        self.dismiss([kind for kind in self.query_one("#checklist", SelectionList).selected if kind not in self.logged])

