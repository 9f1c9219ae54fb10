"""Keys typed in one burst act in the order typed, even across a dialog that closes.

A burst (`w g Enter [ w g Enter`) reaches the app in one read. The keys behind the Enter that
closes a dialog were already handed to that dialog's box; they come back to the app ("handed
back") for the screen below. Posted back one by one, each went to the end of the app's queue,
behind the keys typed after it, and could go round again while the dialog was still being
removed: the second glass landed on the day before the `[`.

A key is handed to the screen on top when it is read, and its bindings are looked up once it
has gone through that screen's widgets. When the screen changes in between (History, loading a
long diary, still busy with the Esc that leaves it), the key reached the app on the new screen
with its priority bindings never looked at: `Esc c 150 Enter` typed on History lost the coffee
and the Enter edited a row of Today. Such a key is handed back too, to act on the new screen.

So while a dialog is closing, or keys are waiting to be replayed, every key the app receives
waits too, and the keys handed back go before the ones held (they were typed earlier). Once no
dialog is closing, all of them are posted again in that order.

A terminal sends Esc as one byte, and a key typed right behind it arrives in the same read;
Textual reads the two as one key code (`Esc 4` as "¢", `Esc x` as Alt+x) that nothing is bound
to, and the 4 was lost. Before the parser sees the bytes, such an Esc becomes a mark of its own
(ESCAPE_MARK); the app takes the mark for Esc, and the key behind it waits until the Esc has
been handled (it may close a dialog, and the key was typed for what is under it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.message import Message

RETRY_S = 0.005  # how soon to look again while a dialog is still being removed
# How many times to look again for an Esc to be handled before the keys typed behind it go on:
# an Esc that a widget takes for itself (leaving a text box) never reaches the app.
ESCAPE_TRIES = 20
TYPED_ON_KEPT = 256  # keys in flight whose screen is remembered (a burst is far fewer)
ESCAPE_MARK = "\ue0e5"  # a private-use character, never typed: "Esc, and a key right behind it"
# After Esc, the characters that start a key code or a terminal's reply (CSI, SS3, OSC, DCS, ...):
# an Esc before any other character is the Esc key itself.
_ESCAPE_BEFORE_KEY = re.compile("\x1b(?=[^\x1b\\[\\]OPX^_\\\\])")


def mark_escapes(data: str) -> str:
    """`data` as read from the terminal, with each Esc typed right before another key marked."""
    return _ESCAPE_BEFORE_KEY.sub(ESCAPE_MARK, data)


class MarkedEscapes(XTermParser):
    """Textual's parser of terminal input, fed the input with its Esc keys marked."""

    def feed(self, data: str) -> Iterable[Message]:
        return super().feed(mark_escapes(data))


def read_escapes_as_typed() -> None:
    """Have the terminal driver parse input with MarkedEscapes. Textual builds its parser inside
    the driver's input thread, with no way to pass one in, so the driver's name for it is
    replaced (once, before the app starts; the parser is otherwise Textual's own)."""
    try:
        from textual.drivers import linux_driver  # the terminal driver on Linux and macOS
    except ImportError:  # another system's driver parses keys its own way
        return
    linux_driver.XTermParser = MarkedEscapes  # type: ignore[attr-defined]  # imported there, not exported: the one hook


class Closing(Protocol):
    closing: bool


class KeyOrder:
    """Mixed into the App: holds keys while a dialog closes and replays them in order."""

    def _key_order_init(self) -> None:
        self._handed_back: list[tuple[str, str | None]] = []
        self._held: list[tuple[str, str | None]] = []
        self._replay_due = False
        self._escape_tries = 0  # while above 0, an Esc split from the key behind it is on its way
        # The screen each key in flight was handed to, by the key's id (a Key has slots, no room
        # for it); a key handled on the way is never seen again, so the oldest are let go.
        self._typed_on: dict[int, tuple[events.Key, object]] = {}
        self._meant_for: str | None = None  # a key typed behind a closing dialog's Esc, meant for that dialog

    def typed_on_screen(self, event: events.Key) -> None:
        """Note the screen `event` is about to be handed to (see the module docstring)."""
        self._typed_on[id(event)] = (event, self._app().screen)
        while len(self._typed_on) > TYPED_ON_KEPT:
            del self._typed_on[next(iter(self._typed_on))]

    def typed_for_another_screen(self, event: events.Key) -> bool:
        """Whether `event`, come back to the app unhandled, was typed while another screen was on
        top: then it is handed back, to act on the screen on top now."""
        key, screen = self._typed_on.pop(id(event), (None, None))
        if key is not event or screen is self._app().screen:
            return False
        self.hand_back(event)
        return True

    def drop_behind(self, key: str) -> None:
        """While the dialog on top closes, a `key` typed right behind its Esc was meant for it,
        not for the screen below: it is dropped (an Enter behind the Esc that closed a date typed
        in would edit the row under the cursor)."""
        self._meant_for = key

    def _meant_for_closed(self, event: events.Key) -> bool:
        """Whether `event` is the key right behind the Esc that `drop_behind` names (any other
        key first, and the one named goes where it is typed for again)."""
        meant, self._meant_for = self._meant_for, None
        return meant is not None and event.key == meant

    def hand_back(self, event: events.Key) -> None:
        """A key typed for whatever is under (or now focused in) the dialog that received it."""
        if self._meant_for_closed(event):
            return
        self._handed_back.append((event.key, event.character))
        self._replay_soon()

    def hold_key(self, event: events.Key) -> bool:
        """Whether the app must hold `event` back (and now does): a dialog is closing, or
        earlier keys wait to be replayed."""
        if not (self._handed_back or self._held or self._escape_tries or self._dialog_closing()):
            self._meant_for = None  # nothing in flight: this key was typed after the dialog had gone
            return False
        if self._meant_for_closed(event):
            return True
        self._held.append((event.key, event.character))
        self._replay_soon()
        return True

    def escape_sent(self) -> None:
        """An Esc typed right before another key is on its way: the keys behind it wait for it."""
        self._escape_tries = ESCAPE_TRIES

    def escape_handled(self) -> None:
        """The Esc reached the app (its bindings run next): the keys behind it may follow."""
        if self._escape_tries:
            self._app().call_later(self._escape_done)

    def _escape_done(self) -> None:
        self._escape_tries = 0

    def _dialog_closing(self) -> bool:
        app = self._app()
        return any(getattr(screen, "closing", False) for screen in app.screen_stack)

    def _replay_soon(self) -> None:
        if not self._replay_due:
            self._replay_due = True
            self._app().call_later(self._replay)

    def _replay(self) -> None:
        app = self._app()
        if self._escape_tries > 1:
            self._escape_tries -= 1
            app.set_timer(RETRY_S, self._replay)
            return
        self._escape_tries = 0
        if self._dialog_closing():
            app.set_timer(RETRY_S, self._replay)
            return
        self._replay_due = False
        keys, self._handed_back, self._held = self._handed_back + self._held, [], []
        for key, character in keys:
            app.post_message(events.Key(key, character))

    def _app(self) -> App[None]:
        assert isinstance(self, App)
        return self


def hand_back(app: App[object], event: events.Key) -> None:
    """Give a key back to the app, in its typed order (see the module docstring)."""
    if isinstance(app, KeyOrder):
        app.hand_back(event)
    else:  # a dialog shown by another app (tests of a single screen)
        app.post_message(events.Key(event.key, event.character))
