"""The visit report's Medications item: each drug with its dose and when it was taken, the ones
known to cause twitching in some people marked, and a medicine begun within 8 weeks before the
twitching began said to be new (derived from the dates, never a diagnosis). A marked medicine is
called a possible cause only when it began before the twitching, or before a clear worsening;
one begun after the twitching began says when the twitching began. An empty list reads
"none recorded": the diary cannot tell a person who takes nothing from one who wrote nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Protocol

from tracker.core.formatting import report_date, rounded
from tracker.core.medicines import (
    CULPRIT_WORDS,
    NEW_MEDICINE_WEEKS,
    NEW_MEDICINE_WORDS,
    WORSENING_AFTER_DAYS,
    WORSENING_BEFORE_DAYS,
    known_culprit,
    new_before,
    taken_words,
    worsening_after,
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
    medications: Sequence[MedicationLike],
    *,
    onset: dt.date | None,
    first_twitch: dt.date | None,
    counts: Mapping[dt.date, int] | None = None,
) -> list[str]:
    """One line per medication, in the list's order: "Prednisolone 20 mg daily: 1 Oct 2026 to 6 Oct
    2026; known to cause twitching in some people (corticosteroid); new medicine, derived: started
    19 days before the twitching began (the onset given, 20 Oct 2026; within 8 weeks): a possible
    cause." A medicine of that kind begun after the twitching began says so, dated, and is a
    possible cause only of a clear worsening after it (`counts`: the twitches of each answered
    day). NONE_RECORDED alone when the list is empty."""
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
        new = began is not None and item.started is not None and new_before(item.started, began)
        if new and began is not None and item.started is not None:
            before = (began - item.started).days
            when = f"{before} day{'s' * (before != 1)} before" if before else "the day"
            line += (
                f"; {NEW_MEDICINE_WORDS}, derived: started {when} the twitching began "
                f"({what}, {report_date(began)}; within {NEW_MEDICINE_WEEKS} weeks)"
            )
        if kind and began is not None and item.started is not None:
            line += _cause_words(item.started, began, what, counts or {}, new=new)
        lines.append(line + ".")
    return lines


def _cause_words(started: dt.date, began: dt.date, what: str, counts: Mapping[dt.date, int], *, new: bool) -> str:
    """For a medicine known to cause twitching: when the twitching began against its start, and
    whether that makes it a possible cause (started before the twitching began, or before a clear
    worsening, tracker.core.medicines.worsening_after), said after the medicine's other words."""
    if started <= began:
        said = "" if new else f"; started before the twitching began ({what}, {report_date(began)})"
        return f"{said}: a possible cause"
    line = f"; the twitching began {report_date(began)}, before it (started {report_date(started)})"
    change = worsening_after(counts, started)
    if change is None:
        return line + "; too few days answered around its start to tell whether it worsened after"
    if not change.clear:
        return line + ", and did not clearly worsen after it"
    return (
        f"{line}, and clearly worsened after it ({rounded(change.after, 1)} twitches a day in the "
        f"{WORSENING_AFTER_DAYS // 7} weeks from its start, against {rounded(change.before, 1)} in the "
        f"{WORSENING_BEFORE_DAYS // 7} weeks before): a possible cause of the worsening"
    )
