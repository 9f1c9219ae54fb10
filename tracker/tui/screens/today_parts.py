"""What the Today screen's key mixins (entry keys, factor keys) rely on the screen to have.

Declared once, for type checkers: TodayScreen provides every one of these at run time.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.message import Message

    from tracker.tui.diary import Diary
    from tracker.tui.views import DayView
    from tracker.tui.widgets.day_table import DayTable


class TodayParts:
    diary: Diary
    day: dt.date
    view: DayView | None
    if TYPE_CHECKING:
        app: Any

        def write(
            self, job: Callable[[], Message], *, keep: Callable[[str], object] | None = None, kept: str = ""
        ) -> None: ...
        def notify(self, message: str, **kwargs: object) -> None: ...
        def query_one(self, selector: type[DayTable]) -> DayTable: ...
        def load(self) -> None: ...
        def follow_clock(self) -> None: ...
        def refresh_bindings(self) -> None: ...
        def set_timer(self, delay: float, callback: Callable[[], object]) -> object: ...
        async def day_ready(self) -> bool: ...
