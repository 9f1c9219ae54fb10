"""Keys typed in one burst act in the order typed, even across a dialog that closes.

A burst (`w g Enter [ w g Enter`) reaches the app in one read. The keys behind the Enter that
closes a dialog were already handed to that dialog's box; they come back to the app ("handed
back") for the screen below. Posted back one by one, each went to the end of the app's queue,
behind the keys typed after it, and could go round again while the dialog was still being
removed: the second glass landed on the day before the `[`.

So while a dialog is closing, or keys are waiting to be replayed, every key the app receives
waits too, and the keys handed back go before the ones held (they were typed earlier). Once no
dialog is closing, all of them are posted again in that order.
"""

from __future__ import annotations

from typing import Protocol

from textual import events
from textual.app import App

RETRY_S = 0.005  # how soon to look again while a dialog is still being removed


class Closing(Protocol):
    closing: bool


class KeyOrder:
    """Mixed into the App: holds keys while a dialog closes and replays them in order."""

    def _key_order_init(self) -> None:
        self._handed_back: list[tuple[str, str | None]] = []
        self._held: list[tuple[str, str | None]] = []
        self._replay_due = False

    def hand_back(self, event: events.Key) -> None:
        """A key typed for whatever is under (or now focused in) the dialog that received it."""
        self._handed_back.append((event.key, event.character))
        self._replay_soon()

    def hold_key(self, event: events.Key) -> bool:
        """Whether the app must hold `event` back (and now does): a dialog is closing, or
        earlier keys wait to be replayed."""
        if not (self._handed_back or self._held or self._dialog_closing()):
            return False
        self._held.append((event.key, event.character))
        self._replay_soon()
        return True

    def _dialog_closing(self) -> bool:
        app = self._app()
        return any(getattr(screen, "closing", False) for screen in app.screen_stack)

    def _replay_soon(self) -> None:
        if not self._replay_due:
            self._replay_due = True
            self._app().call_later(self._replay)

    def _replay(self) -> None:
        app = self._app()
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
