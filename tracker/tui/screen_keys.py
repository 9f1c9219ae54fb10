"""The keys that move between the app's screens: one set, the same on every screen, shown in
its footer (a key that works on a screen is a key its footer shows).

Today has its own bindings for them (priority ones that wait for the database); every other
screen takes these. `here` leaves out the key of the screen itself.
"""

from __future__ import annotations

from textual.binding import Binding

SCREENS = (  # key, action, label, screen
    ("h", "app.go('history')", "History", "history"),
    ("F", "app.go('factors')", "Factors", "factors"),
    ("i", "app.open_insights", "Insights", "insights"),
    ("T", "app.open_trends", "Trends", "trends"),
)
VIEWS = ("insights", "trends")  # opened over another screen, not switched to


def screen_keys(here: str) -> list[Binding]:
    """The other screens' keys, and Esc, for the screen named `here`: Esc closes Insights and
    Trends (back to the screen they opened over) and goes to Today from History and Factors."""
    keys = [Binding(key, action, label) for key, action, label, screen in SCREENS if screen != here]
    if here in VIEWS:
        return [Binding("escape", "app.pop_screen", "Back"), *keys]
    return [Binding("escape", "app.go('today')", "Today"), *keys]
