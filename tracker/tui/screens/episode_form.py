"""The twitch form: every field changes with one key; Enter saves, Esc cancels."""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tracker.errors import InputError
from tracker.tui.widgets.choice_row import ChoiceRow
from tracker.when import local_moment, parse_duration

if TYPE_CHECKING:
    from tracker.models import EpisodeCreate

# Location and Side values as plain strings: tracker.models would load the database stack
# before the first screen is painted (tests check these equal the enums).
LOCATION_KEYS = {
    "u": "upper-lip",
    "l": "lower-lip",
    "m": "mouth-corner",
    "e": "eyelid",
    "c": "cheek",
    "h": "chin",
    "o": "other",
}
SIDE_KEYS = {"left": "left", "right": "right", "up": "center", "b": "both"}
SIDE_LABELS = {"left": "←", "right": "→", "up": "↑", "b": "b"}


class EpisodeForm(ModalScreen["EpisodeCreate | None"]):
    """Dismisses with the episode as described, or None when cancelled."""

    AUTO_FOCUS = ""  # keys choose fields until a text box is asked for
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: a priority Enter would run ahead of the keys typed before it
        # (e, 4, →) that are still queued for this screen, saving the old choices. In a text
        # box, Enter submits the box, which saves too (on_input_submitted).
        Binding("enter", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
        *[Binding(key, f"location('{key}')", show=False) for key in LOCATION_KEYS],
        *[Binding(key, f"side('{key}')", show=False) for key in SIDE_KEYS],
        *[Binding(str(n), f"intensity({n})", show=False) for n in range(1, 6)],
        Binding("space", "timer", "Start/stop timer"),
        Binding("a", "focus_field('at')", "Time"),
        Binding("d", "focus_field('duration')", "Duration"),
        Binding("n", "focus_field('note')", "Note"),
    ]

    def __init__(
        self,
        *,
        started_at: dt.datetime,
        location: str,  # a Location value
        side: str,  # a Side value
        intensity: int | None,  # None: not given (no twitch to repeat yet); saved as such
        duration_s: int | None = None,
        note: str = "",
        heading: str = "Log a twitch",
    ) -> None:
        super().__init__()
        self.started_at = started_at
        self.location, self.side, self.intensity = str(location), str(side), intensity
        self.duration_s, self.note, self.heading = duration_s, note, heading
        self._timer_started: float | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="episode-form", classes="form"):
            yield Static(f"[b]{self.heading}[/b] — {self.started_at:%a %d %b}", classes="form-title")
            yield ChoiceRow(
                "where",
                list(LOCATION_KEYS.items()),
                self.location,
                id="location",
            )
            yield ChoiceRow(
                "side",
                [(SIDE_LABELS[k], v) for k, v in SIDE_KEYS.items()],
                self.side,
                id="side",
            )
            yield ChoiceRow(
                "intensity",
                [("", str(n)) for n in range(1, 6)],
                str(self.intensity),
                id="intensity",
            )
            with Horizontal(classes="fields"):
                yield Static("time [b]a[/b]", classes="inline-label")
                yield Input(
                    f"{self.started_at:%H:%M}",
                    placeholder="HH:MM",
                    id="at",
                    classes="compact short",
                )
                yield Static("duration [b]d[/b]", classes="inline-label")
                duration = "" if self.duration_s is None else str(self.duration_s)
                yield Input(duration, placeholder="90, 2m, 1m30s", id="duration", classes="compact short")
                yield Static("[b]space[/b] timer", id="timer", classes="inline-label")
            with Horizontal(classes="fields"):
                yield Static("note [b]n[/b]", classes="inline-label")
                yield Input(self.note, placeholder="optional", id="note", classes="compact")
            yield Static("[b]Enter[/b] save   [b]Esc[/b] cancel (or leave a text box)", classes="form-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_location(self, key: str) -> None:
        self.location = LOCATION_KEYS[key]
        self.query_one("#location", ChoiceRow).choose(self.location)

    def action_side(self, key: str) -> None:
        self.side = SIDE_KEYS[key]
        self.query_one("#side", ChoiceRow).choose(self.side)

    def action_intensity(self, level: int) -> None:
        self.intensity = level
        self.query_one("#intensity", ChoiceRow).choose(str(level))

    def action_focus_field(self, field: str) -> None:
        self.query_one(f"#{field}", Input).focus()

    def action_timer(self) -> None:
        if self._timer_started is None:
            self._timer_started = time.monotonic()
            self._tick = self.set_interval(0.5, self._show_elapsed)
            self.query_one("#timer", Static).update("timing… [b]space[/b] stops")
        else:
            self._stop_timer()

    def _elapsed(self) -> int:
        return round(time.monotonic() - (self._timer_started or time.monotonic()))

    def _show_elapsed(self) -> None:
        self.query_one("#timer", Static).update(f"timing… {self._elapsed()} s, [b]space[/b] stops")

    def _stop_timer(self) -> None:
        seconds = self._elapsed()
        self._timer_started = None
        self._tick.stop()
        self.query_one("#duration", Input).value = str(seconds)
        self.query_one("#timer", Static).update(f"timed: {seconds} s")

    def action_cancel(self) -> None:
        if isinstance(self.focused, Input):
            self.set_focus(None)  # Esc leaves the text box; a second Esc cancels
            return
        self.dismiss(None)

    def action_save(self) -> None:
        if self._timer_started is not None:
            self._stop_timer()
        try:
            episode = self._episode()
        except InputError as exc:
            self.notify(str(exc), severity="error")
            return
        self.dismiss(episode)

    def _episode(self) -> EpisodeCreate:
        from tracker.models import EpisodeCreate  # loaded with the database long before a save

        at_text = self.query_one("#at", Input).value.strip()
        started = self.started_at
        if at_text and at_text != f"{self.started_at:%H:%M}":
            try:
                clock = dt.time.fromisoformat(at_text if len(at_text) > 4 else f"0{at_text}")
            except ValueError:
                raise InputError("time", at_text, "HH:MM, e.g. 08:15") from None
            started = local_moment(dt.datetime.combine(self.started_at.date(), clock), field="time").at
        duration_text = self.query_one("#duration", Input).value.strip()
        return EpisodeCreate(
            started_at=started,
            location=self.location,
            side=self.side,
            intensity=self.intensity,
            duration_s=parse_duration(duration_text) if duration_text else None,
            note=self.query_one("#note", Input).value.strip(),
        )
