"""The twitch form: every field changes with one key; Enter saves, Esc cancels.

The field keys (place, side, intensity, `a` time, `d` duration, `n` note) act from the field
list. `+` keeps the place and side chosen as one site of the twitch and starts another (the side
stays, for a twitch on one side of the face), `-` removes the last site: eyelid and mouth corner
pulled together are one twitch at two sites, `e ← + m Enter`. The line under the rows names
every site Enter saves, and what `+`, `-` and a place key do to them: a twitch edited with two
sites shows both, a place key adds a third, `-` removes the last. A new twitch opened with the
latest twitch's sites (`t` repeats them, as `tracker log twitch` does) says so: a place or side
key names where this one is instead, `+` keeps them all and adds another. Once a box has the focus,
every letter typed is text, never a field key: `d 30 sec` is thirty seconds (the `e` does not
pick the eyelid), `d 2 min` two minutes and `a 8:15 pm` a quarter past eight in the evening. The
time and duration boxes refuse the characters their value cannot hold, and a space in them is
part of the value ("30 sec"). Tab and Enter move from box to box, Esc goes back to the field
keys (a second Esc cancels); Enter in the note, or with no box focused, saves. A value the form
cannot use keeps it open, with the reason under the field.

The field keys are priority bindings: they act in the app's own key loop, in the order typed,
so a burst like `n after` moves to the note before "after" is handed to a box. A box takes a
key it consumes before any binding: Textual drops a binding whose key the focused box
consumes, and the time and duration boxes consume every printable key.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.markup import escape
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from tracker.core.formatting import place_words
from tracker.core.vocabulary import Location, Side
from tracker.core.when import clock_on, parse_twitch_duration
from tracker.errors import InputError
from tracker.tui.screens.dialog import CharsInput, Dialog, field_error
from tracker.tui.widgets.choice_row import ChoiceRow
from tracker.tui.widgets.ordered_input import OrderedInput

if TYPE_CHECKING:
    from tracker.storage.models import EpisodeCreate  # noqa: F401  (named in quotes: the form loads before the models)

# Location and Side values as plain strings: tracker.storage.models would load the database stack
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
BOXES = ("at", "duration", "note")  # in order: Tab and Enter move along it
LEAVE_KEYS = ("tab", "enter", "escape")  # what leaves the time or the duration box
FIELD_KEYS = {"a": "at", "d": "duration", "n": "note"}
UNSPECIFIED = "unspecified"  # Location.UNSPECIFIED and Side.UNSPECIFIED
# What a duration can hold: digits, 1:30, 6.5, and the letters of h/hr/hour, min/minute, s/sec/second.
DURATION_CHARS = r"[0-9:. hmsrouinectdHMSROUINECTD]"


class ShortBox(CharsInput):
    """The time or duration box: while it has the focus it takes every printable key, so no
    letter acts as a field key ("sec", "min" and "pm" are part of the value, a space may come
    before the unit); the characters its value cannot hold are refused. Tab, Enter or Esc
    leave it."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character.isprintable()

    async def _on_key(self, event: events.Key) -> None:
        character = event.character or ""
        if self.screen.focused is self and event.key in LEAVE_KEYS:
            # Left here, at once: the keys typed behind it are already queued for this box, and
            # find it no longer focused, so they go back to the app, in order, for the next box.
            event.stop()
            event.prevent_default()
            form = self.screen
            assert isinstance(form, EpisodeForm)
            if event.key == "escape":
                form.leave_box()
            else:
                form.action_focus_field(BOXES[BOXES.index(str(self.id)) + 1])
            return
        if character in FIELD_KEYS and not self.chars.fullmatch(character) and self.screen.focused is self:
            # A field key the value cannot hold (n, d in the time box) moves to its field, here, in
            # the order typed: after a time was refused the focus is in its box, and `n` rang the
            # bell there instead of going to the note.
            event.stop()
            event.prevent_default()
            form = self.screen
            assert isinstance(form, EpisodeForm)
            form.action_focus_field(FIELD_KEYS[character])
            return
        if character.isprintable() and not self.chars.fullmatch(character) and self.screen.focused is self:
            event.stop()  # neither in the box nor a field key: the box has the keys until left
            event.prevent_default()
            self.app.bell()
            return
        await super()._on_key(event)


class EpisodeForm(Dialog["EpisodeCreate"]):
    """Dismisses with the episode as described, or None when cancelled."""

    AUTO_FOCUS = ""  # keys choose fields until a text box is asked for
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: a priority Enter would run ahead of the keys typed before it
        # into a box that are still queued for it. In a text box, Enter submits the box
        # (on_input_submitted).
        Binding("enter", "save", "Save"),
        # Outside the boxes nothing typed can be queued ahead of Enter: there it saves at once,
        # so the keys typed after it ("t Enter y t Enter") reach the screen below in order.
        Binding("enter", "save_now", show=False, priority=True),
        Binding("escape", "cancel", "Cancel"),
        *[Binding(key, f"location('{key}')", show=False, priority=True) for key in LOCATION_KEYS],
        *[Binding(key, f"side('{key}')", show=False, priority=True) for key in SIDE_KEYS],
        *[Binding(str(n), f"intensity({n})", show=False, priority=True) for n in range(1, 6)],
        Binding("plus", "add_site", show=False, priority=True),
        Binding("minus", "take_back_site", show=False, priority=True),
        Binding("space", "timer", "Start/stop timer", priority=True),
        *[Binding(key, f"focus_field('{field}')", field, priority=True) for key, field in FIELD_KEYS.items()],
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
        problem: str = "",
        # place, side, intensity and further sites of the latest twitch at or before a time
        defaults_for: Callable[[dt.datetime], tuple[str, str, int | None, Sequence[tuple[str, str]]]] | None = None,
        also_sites: Sequence[tuple[str, str]] = (),  # an edited twitch's further sites
        sites_repeated: bool = False,  # `also_sites` repeat the latest twitch's, for a new one
        so_far: str = "",  # what the day already holds of twitches (formatting.twitches_so_far), for a new one
    ) -> None:
        super().__init__(problem=problem)
        self.started_at = started_at
        self.location, self.side, self.intensity = str(location), str(side), intensity
        # The sites kept with `+`, in order; the place and side rows then choose one more. A
        # twitch with further sites opens with all of them kept and the rows free for another.
        self.sites: list[tuple[str, str]] = []
        if also_sites:
            self.sites = [(self.location, self.side), *((str(place), str(way)) for place, way in also_sites)]
            self.location = UNSPECIFIED
        # A new twitch opened with the latest twitch's sites: repeated, not chosen. A place or side
        # key names where this twitch is instead, as `tracker log twitch --location` does.
        self._repeated_sites = bool(also_sites) and sites_repeated
        self.duration_s, self.note, self.heading, self.so_far = duration_s, note, heading, so_far
        self._timer_started: float | None = None
        self._left_box: Input | None = None  # the box Esc last left: "back" from discarding returns to it
        # With `defaults_for` (a new twitch), a time typed in the box fills place, side and
        # intensity from the latest twitch at or before it, except those the person chose.
        self.defaults_for = defaults_for
        self._chosen: set[str] = set()
        self._filled_for = started_at

    def compose(self) -> ComposeResult:
        with Vertical(id="episode-form", classes="form"):
            yield Static(f"[b]{self.heading}[/b] — {self.started_at:%a %d %b}", classes="form-title")
            if self.so_far:
                yield Static(self.so_far, id="so-far", classes="form-hint", markup=False)
            yield self.problem_line()
            yield ChoiceRow(
                "where", list(LOCATION_KEYS.items()), self.location, unchosen=self._unchosen_place(), id="location"
            )
            yield ChoiceRow("side", [(SIDE_LABELS[k], v) for k, v in SIDE_KEYS.items()], self.side, id="side")
            yield Static(self._sites_words(), id="sites", classes="form-hint")
            yield ChoiceRow("intensity", [("", str(n)) for n in range(1, 6)], str(self.intensity), id="intensity")
            with Horizontal(classes="fields"):
                yield Static("time [b]a[/b]", classes="inline-label")
                yield ShortBox(
                    f"{self.started_at:%H:%M}", chars=r"[0-9:. apmAPM]", max_length=8, placeholder="HH:MM", id="at",
                    classes="compact short",
                )  # fmt: skip
                yield Static("duration [b]d[/b]", classes="inline-label")
                duration = "" if self.duration_s is None else str(self.duration_s)
                yield ShortBox(
                    duration, chars=DURATION_CHARS, max_length=20, placeholder="90, 2m, 1:30", id="duration",
                    classes="compact short",
                )  # fmt: skip
                yield Static("[b]space[/b] timer", id="timer", classes="inline-label")
            yield field_error("at")
            yield field_error("duration")
            with Horizontal(classes="fields"):
                yield Static("note [b]n[/b]", classes="inline-label")
                # A note already there is added to, not replaced by the first key typed.
                yield OrderedInput(
                    self.note, placeholder="optional", id="note", classes="compact", select_on_focus=False
                )
            yield Static(
                "[b]Enter[/b] save · in a box, [b]Tab[/b]/[b]Enter[/b] next box · [b]Esc[/b] leave a box, cancel",
                classes="form-hint",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        box = event.input.id
        if box in BOXES[:-1]:
            self.action_focus_field(BOXES[BOXES.index(box) + 1])  # Enter moves on
        else:
            self.action_save()

    # A key pressed again takes back the choice it made: the field is then unspecified. A key
    # pressed on a value filled in from the twitch before confirms it (pressed to agree, it
    # must not clear it).

    def holds_typed_text(self) -> bool:
        """Text typed, a timer running, or a place, side or strength chosen: Esc or quitting
        would lose it, so they ask first."""
        if self.closing:
            return False
        return super().holds_typed_text() or self._timer_started is not None or bool(self._chosen)

    def _again(self, field: str, same: bool) -> bool:
        again = same and field in self._chosen
        self._chosen.add(field)
        return again

    def action_location(self, key: str) -> None:
        self._drop_repeated_sites()
        again = self._again("location", self.location == LOCATION_KEYS[key])
        self.location = UNSPECIFIED if again else LOCATION_KEYS[key]
        self._show_sites()

    def action_side(self, key: str) -> None:
        self._drop_repeated_sites()
        again = self._again("side", self.side == SIDE_KEYS[key])
        self.side = UNSPECIFIED if again else SIDE_KEYS[key]
        self._show_sites()

    def _show_sites(self) -> None:
        """The rows and the line under them, as the sites now stand. With sites kept, the place
        row never says "(unspecified)": Enter saves the sites the line under it names."""
        row = self.query_one("#location", ChoiceRow)
        row.unchosen = self._unchosen_place()
        row.choose(self.location)
        self.query_one("#side", ChoiceRow).choose(self.side)
        self.query_one("#sites", Static).update(self._sites_words())

    def _unchosen_place(self) -> str:
        return "(the sites named below)" if self.sites else "(unspecified)"

    def saved_sites(self) -> list[tuple[str, str]]:
        """The sites Enter saves, in order, each once: those kept, and the one the rows show
        unless they show no place after a kept one (a lone twitch with no place is unspecified)."""
        row = [(self.location, self.side)] if self.location != UNSPECIFIED or not self.sites else []
        return list(dict.fromkeys([*self.sites, *row]))

    def _drop_repeated_sites(self) -> None:
        """The repeated sites give way to the first of them in the rows, for a key to change."""
        if not self._repeated_sites:
            return
        self._repeated_sites = False
        (self.location, self.side), self.sites = self.sites[0], []
        self._show_sites()

    def _sites_words(self) -> str:
        """The line under the rows: every site Enter saves, and what the site keys do to them."""
        if not self.sites:
            return "[b]+[/b] another site of the same twitch"
        saved = escape(" + ".join(place_words(*site) for site in self.saved_sites()))
        if self._repeated_sites:
            return f"as last time: {saved} · a place or side key: there instead · [b]+[/b] keep these, add one"
        more = "a place key adds one" if self.location == UNSPECIFIED else "[b]+[/b] another"
        fewer = " · [b]-[/b] remove the last" if len(self.saved_sites()) > 1 else ""  # the last one stays
        return f"sites: {saved} · {more}{fewer}"

    def action_add_site(self) -> None:
        """Keep the place and side chosen as a site of this twitch, and free the place row for
        another; the latest twitch's sites repeated are kept all together."""
        site = (self.location, self.side)
        if self._repeated_sites:
            self._repeated_sites = False  # kept by the person now: a place key adds to them
        elif self.location == UNSPECIFIED or site in self.sites:
            self.app.bell()  # nothing to keep yet, or that place and side is kept already
            return
        else:
            self.sites.append(site)
        self._chosen.add("location")  # a time typed later must not fill the freed row
        self.location = UNSPECIFIED
        self._show_sites()

    def action_take_back_site(self) -> None:
        """Remove the last site Enter would save: the place the rows show, else the last one kept."""
        if self.location != UNSPECIFIED and self.sites:
            self.location = UNSPECIFIED
        elif len(self.sites) > 1:
            self.sites.pop()
        else:
            self.app.bell()  # one site left: a place key changes it, the same key again clears it
            return
        self._repeated_sites = False  # what is left is the person's now
        self._chosen.add("location")  # a time typed later must not fill the sites again
        self._show_sites()

    def action_intensity(self, level: int) -> None:
        self.intensity = None if self._again("intensity", self.intensity == level) else level
        self.query_one("#intensity", ChoiceRow).choose(str(self.intensity))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "at" or self.defaults_for is None:
            return
        try:
            moment = self._started()
        except InputError:
            return  # not a time yet (still being typed): nothing to fill from
        if moment != self._filled_for:
            self._filled_for = moment
            self.run_worker(lambda: self._fill_from(moment), thread=True, group="defaults", exclusive=True)

    def _fill_from(self, moment: dt.datetime) -> None:
        """In a thread: the latest twitch at or before `moment`, drawn into the fields not chosen."""
        assert self.defaults_for is not None
        try:
            values = self.defaults_for(moment)
        except Exception:  # a convenience only: the fields keep what they show
            return
        self.app.call_from_thread(self._show_defaults, moment, *values)

    def _show_defaults(
        self, moment: dt.datetime, location: str, side: str, intensity: int | None, further: Sequence[tuple[str, str]]
    ) -> None:
        if moment != self._filled_for or self.closing or not self.is_attached:
            return  # the time has changed again since, or the form was saved or cancelled meanwhile
        if "location" not in self._chosen:  # no site kept by the person: the sites of that twitch, all of them
            self.sites = [(str(location), str(side)), *((str(p), str(s)) for p, s in further)] if further else []
            self.location = UNSPECIFIED if further else str(location)
            self._repeated_sites = bool(further)
        if "side" not in self._chosen:
            self.side = str(side)
        self._show_sites()
        if "intensity" not in self._chosen:
            self.intensity = intensity
            self.query_one("#intensity", ChoiceRow).choose(str(intensity))

    def action_focus_field(self, field: str) -> None:
        # set_focus, not focus(): focus() waits for the app's queue, behind the keys typed next.
        self.set_focus(self.query_one(f"#{field}", Input))

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not isinstance(self.focused, Input) if action == "save_now" else True

    def action_save_now(self) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        if isinstance(self.focused, Input):
            self.leave_box()  # Esc leaves the text box; a second Esc cancels
            return
        self.action_dismiss_none()

    def leave_box(self) -> None:
        """Esc in a box: the keys choose fields again; the box is remembered for going back."""
        self._left_box = self.focused if isinstance(self.focused, Input) else None
        self.set_focus(None)

    def back_to_typing(self) -> None:
        # Back from "Discard what you typed?": in the box left by the Esc before it, the cursor
        # at its end, so the next letters are text again and ctrl+u clears it.
        box = self._left_box
        if box is not None and box.is_attached:
            self.set_focus(box)
            box.cursor_position = len(box.value)

    def action_save(self) -> None:
        if self._timer_started is not None:
            self._stop_timer()
        for box in ("at", "duration"):
            self.clear_refusal(box)
        try:
            started = self._started()
        except InputError as exc:
            self.refuse("at", str(exc))
            return
        duration_text = self.query_one("#duration", Input).value.strip()
        try:
            duration = parse_twitch_duration(duration_text) if duration_text else None
        except InputError as exc:
            self.refuse("duration", str(exc))
            return
        from tracker.storage.models import EpisodeCreate  # loaded with the database long before a save

        (place, side), *further = self.saved_sites()  # what the line under the rows named
        self.dismiss(
            EpisodeCreate(
                started_at=started, location=Location(place), side=Side(side), intensity=self.intensity,
                duration_s=duration, note=self.query_one("#note", Input).value.strip(),
                also_sites=[(Location(each), Side(way)) for each, way in further],
            )
        )  # fmt: skip

    def _started(self) -> dt.datetime:
        """The time box on the form's day; unchanged, exactly the time the form opened with."""
        at_text = self.query_one("#at", Input).value.strip()
        if not at_text or at_text == f"{self.started_at:%H:%M}":
            return self.started_at
        # The form names its day, so this is `--at "today 12:30"` on the command line, read by the
        # same rule (refused when still to come). Only a bare HH:MM, with no day named, means yesterday.
        return clock_on(self.started_at.date(), at_text, now=dt.datetime.now().astimezone(), field="time")
