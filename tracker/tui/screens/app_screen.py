"""The base of the app's own screens (Today, History, Factors): `self.app` is a TrackerApp.

Only TrackerApp shows these screens, and they call its methods (`diary_written`, `show_day`,
the insight and trend actions). Textual types `self.app` as any App; `getters.app` is its own
way to name the app class. It is declared for the type checker only: at run time importing
tracker.tui.app here would be circular (the app imports the Today screen), and `self.app`
already is the TrackerApp that pushed the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen, ScreenResultType

if TYPE_CHECKING:
    from textual import getters

    from tracker.tui.app import TrackerApp


class AppScreen(Screen[ScreenResultType]):
    if TYPE_CHECKING:
        app = getters.app(TrackerApp)
