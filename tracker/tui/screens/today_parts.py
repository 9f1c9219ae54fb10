"""What the Today screen's key mixins (entry keys, factor keys) rely on the screen to have.

Declared once, for type checkers: TodayScreen provides every one of these at run time. To
the type checker the mixins are screens of the app that write through Writes; at run time
they are plain classes, so the screen's own bases stay in the order TodayScreen gives them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.tui.diary import Diary
    from tracker.tui.screens.app_screen import AppScreen
    from tracker.tui.views import DayView
    from tracker.tui.writing import Writes

    class _TodayBase(Writes, AppScreen[None]):
        """The screen the mixins are part of, as the type checker sees it."""
else:
    _TodayBase = object


class TodayParts(_TodayBase):
    diary: Diary
    day: dt.date
    view: DayView | None
    if TYPE_CHECKING:

        def load(self) -> None: ...
        def follow_clock(self) -> None: ...
        async def day_ready(self) -> bool: ...
        def edit_factor_entry(self, entry_id: int) -> None: ...
