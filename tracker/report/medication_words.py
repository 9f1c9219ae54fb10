"""The visit report's Medications item: each drug with its dose and when it was taken, the ones
known to cause twitching in some people marked, and a medicine begun within 8 weeks before the
twitching began said to be new (derived from the dates, never a diagnosis). An empty list reads
"none recorded": the diary cannot tell a person who takes nothing from one who wrote nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from tracker.core.formatting import report_date
from tracker.core.medicines import (
    CULPRIT_WORDS,
    NEW_MEDICINE_WEEKS,
    NEW_MEDICINE_WORDS,
    known_culprit,
    new_before,
    taken_words,
)

NONE_RECORDED = 'None recorded (not the same as "none taken": no medication list was kept).'


class MedicationLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def dose(self) -> str: ...
    @property
    def started(self) -> dt.date | None: ...
    @property
    def stopped(self) -> dt.date | None: ...


def twitching_began(onset: dt.date | None, first_twitch: dt.date | None) -> tuple[dt.date | None, str]:
    """The day the twitching began for the "new medicine" rule, and what it is: the onset the
    person gave, else the first twitch logged; (None, "") when neither is known."""
    if onset is not None:
        return onset, "the onset given"
    if first_twitch is not None:
        return first_twitch, "the first twitch logged"
    return None, ""


def new_medicines(
    medications: Sequence[MedicationLike], *, onset: dt.date | None, first_twitch: dt.date | None
) -> list[tuple[str, dt.date]]:
    """(name, started) of each medication begun within NEW_MEDICINE_WEEKS before the twitching
    began (`twitching_began`), in the list's order: the new medicines the dates show."""
    began, _ = twitching_began(onset, first_twitch)
    return [
        (item.name, item.started)
        for item in medications
        if began is not None and item.started is not None and new_before(item.started, began)
    ]


def started_since(
    medications: Sequence[MedicationLike], *, onset: dt.date | None, first_twitch: dt.date | None
) -> list[tuple[str, dt.date]]:
    """(name, started) of each medication begun after the twitching began (`twitching_began`), in
    the list's order: what a "no" to "it began after a new medicine" is read beside, since a
    medicine begun since may keep the twitching going, and an onset may be given late."""
    began, _ = twitching_began(onset, first_twitch)
    return [
        (item.name, item.started)
        for item in medications
        if began is not None and item.started is not None and item.started > began
    ]


def medication_lines(
    medications: Sequence[MedicationLike], *, onset: dt.date | None, first_twitch: dt.date | None
) -> list[str]:
    """One line per medication, in the list's order: "Prednisolone 20 mg daily: 1 Oct 2026 to 6 Oct
    2026; known to cause twitching in some people (corticosteroid); new medicine, derived: started
    19 days before the twitching began (the onset given, 20 Oct 2026)." NONE_RECORDED alone when
    the list is empty."""
    if not medications:
        return [NONE_RECORDED]
    began, what = twitching_began(onset, first_twitch)
    lines = []
    for item in medications:
        dose = f" {item.dose}" if item.dose else ""
        line = f"{item.name}{dose}: {taken_words(item.started, item.stopped, date=report_date)}"
        kind = known_culprit(item.name)
        if kind:
            line += f"; {CULPRIT_WORDS} ({kind})"
        if began is not None and item.started is not None and new_before(item.started, began):
            before = (began - item.started).days
            when = f"{before} day{'s' * (before != 1)} before" if before else "the day"
            line += (
                f"; {NEW_MEDICINE_WORDS}, derived: started {when} the twitching began "
                f"({what}, {report_date(began)}; within {NEW_MEDICINE_WEEKS} weeks)"
            )
        lines.append(line + ".")
    return lines
