"""The screen's line for notices ("Logged water 250 ml. Press u to undo"), above its keys.

Textual shows notices as toasts stacked over the bottom right of the screen: at 80x24 they hid
the day's totals and the last rows, and a dialog opened over the screen showed the same notice
a second time (one toast on the screen below, one on the dialog). Here a notice has a line of
its own, above the keys, that nothing else is drawn on: one notice, the newest, on the screens with keys
(Today, History, Factors, Insights, Trends); a dialog shows it on the screen beneath, once.
While a notice shows, the screen above it is a row shorter (two or three for a long notice)
rather than covered; with none, the line takes no row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.notifications import Notification
    from textual.timer import Timer

SEVERITIES = ("information", "warning", "error")


def notice_content(notification: Notification) -> Content:
    """The notice as its line shows it: the title (if any) in bold, then the message."""
    message = Content.from_markup(notification.message) if notification.markup else Content(notification.message)
    if not notification.title:
        return message
    return Content.assemble((f"{notification.title}: ", "bold"), message)


class NoticeLine(Static, can_focus=False):
    """Shows `show`'s notice until it is stale; takes no row while there is none."""

    DEFAULT_CSS = """
    NoticeLine {
        dock: bottom;
        height: auto;
        min-height: 1;
        max-height: 3;
        padding: 0 1;
        color: $text;
        background: $boost;
    }
    NoticeLine.-empty { display: none; }
    NoticeLine.-warning { color: $text-warning; }
    NoticeLine.-error { color: $text-error; }
    """

    DEFAULT_CLASSES = "-empty"
    _stale_timer: Timer | None = None

    def show(self, notification: Notification | None) -> None:
        """Show `notification` (None: nothing), and look again once it is stale."""
        if self._stale_timer is not None:
            self._stale_timer.stop()
            self._stale_timer = None
        for severity in SEVERITIES:
            self.set_class(notification is not None and notification.severity == severity, f"-{severity}")
        self.update(notice_content(notification) if notification is not None else "")
        self.set_class(notification is None, "-empty")  # no row kept empty: at 80x24 rows are few
        if notification is not None:
            # The app forgets a stale notice when next asked for its notices (Notifications reaps).
            self._stale_timer = self.set_timer(max(notification.time_left, 0.0) + 0.05, self._look_again)

    def _look_again(self) -> None:
        self._stale_timer = None
        self.show(newest_notice(self.app._notifications))

    def keep_above(self, rows: int) -> None:
        """Sit on the row above the screen's keys, which take `rows` rows at the bottom (both are
        docked there, and Textual draws docked widgets over each other)."""
        self.styles.margin = (0, 0, rows, 0)


def newest_notice(notifications: Iterable[Notification]) -> Notification | None:
    """The newest of the app's notices still current (they iterate oldest first, stale ones
    dropped), or None."""
    current = list(notifications)
    return current[-1] if current else None
