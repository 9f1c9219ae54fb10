"""What thread workers report back to the UI thread: past-tense facts, never widget calls.

Each is a dataclass for its __init__ alone: a message is one event, told apart by identity, and
Textual has its own repr for it. The generated __eq__ and __repr__ of these twenty-one classes
cost ~11 ms of CPU before the first frame, as much as the Today screen's first look at its day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the app paints before the database stack is imported
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any

    from tracker.storage.models import Factor, Medication, Preset
    from tracker.storage.store import Removed
    from tracker.tui.views import DayShown, DayView, HistoryView
    from tracker.tui.weekly import Trends


@dataclass(eq=False, repr=False)
class DiaryOpened(Message):
    """The database is open (created or upgraded if need be): screens may load from it."""


@dataclass(eq=False, repr=False)
class DiaryFailed(Message):
    """The database could not be opened; `error` says why in one line (DatabaseRefused, ...)."""

    error: Exception


@dataclass(eq=False, repr=False)
class DayGlanced(Message):
    """A first look at `day`, read before the database stack was imported (None: none)."""

    day: dt.date
    shown: DayShown | None


@dataclass(eq=False, repr=False)
class DayLoaded(Message):
    day: dt.date
    view: DayView
    writes_seen: int = 0  # the screen's writes finished before the read began (Today.day_ready)


@dataclass(eq=False, repr=False)
class HistoryLoaded(Message):
    history: HistoryView


@dataclass(eq=False, repr=False)
class EntrySaved(Message):
    """An episode, factor entry, check-in or red flag was written for `day`."""

    day: dt.date
    text: str  # what the person is told, e.g. "twitch at 08:15 saved"
    # The day on screen when the write was asked for (set by the screen that asked): the
    # screen follows an entry to another day only if it has not moved since.
    asked_on: dt.date | None = field(default=None, kw_only=True)
    # The row the entry is shown in (format_id), where the table's cursor goes once it is
    # there: Enter right after a save edits what was just saved, not the row the cursor was on.
    row: str = field(default="", kw_only=True)


@dataclass(eq=False, repr=False)
class EpisodeSaved(EntrySaved):
    episode_id: int = 0


@dataclass(eq=False, repr=False)
class RedFlagsSaved(EntrySaved):
    kinds: tuple[str, ...] = ()


@dataclass(eq=False, repr=False)
class EntriesDeleted(Message):
    day: dt.date
    removed: list[Removed]
    text: str


@dataclass(eq=False, repr=False)
class EntriesRestored(Message):
    day: dt.date
    text: str


@dataclass(eq=False, repr=False)
class WriteWaiting(Message):
    """A write has waited about a second for another program's write to finish (it goes on waiting)."""


@dataclass(eq=False, repr=False)
class WriteFailed(Message, bubble=False):
    """Nothing was written; `text` says why in one line. `keep(text)` reopens what was typed.
    Handled where it was posted, never again by the app (it would reopen the form twice)."""

    text: str
    keep: Callable[[str], object] | None = None
    kept: str = ""  # what the person is told about their entry ("Enter tries again")


@dataclass(eq=False, repr=False)
class OnsetRead(Message):
    """The onset date as given (None: not given), read for its form."""

    day: dt.date | None


@dataclass(eq=False, repr=False)
class ReadFailed(Message, bubble=False):
    """A read in a thread failed; `text` says why in one line."""

    text: str


@dataclass(eq=False, repr=False)
class FactorsChanged(Message):
    """A factor or preset was added or changed (the History columns may differ)."""

    text: str


@dataclass(eq=False, repr=False)
class FactorsLoaded(Message):
    factors: list[Factor]
    presets: list[tuple[Preset, Factor]]


@dataclass(eq=False, repr=False)
class MedicationsLoaded(Message):
    medications: list[Medication]


@dataclass(eq=False, repr=False)
class MedicationsChanged(Message):
    """A medication was added, changed, stopped or removed; `text` says which."""

    text: str


@dataclass(eq=False, repr=False)
class AnalysisReady(Message):
    """`tracker analyze`'s result for today (tracker.analysis.results.analyze's dict)."""

    result: dict[str, Any]


@dataclass(eq=False, repr=False)
class TrendsReady(Message):
    trends: Trends


@dataclass(eq=False, repr=False)
class FilesWritten(Message):
    """A chart or a visit packet was written; `text` names the files for the person."""

    text: str
    paths: list[Path]
