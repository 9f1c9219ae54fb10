"""The visit report's notes: the day notes and the notes on twitches of the report's period,
dated, in the person's own words, wrapped to the page and never cut without saying so.

They follow the day tables, on pages of their own when the last one is full. A very long note
shows its first lines and an ellipsis pointing to the CSV that holds it whole; notes beyond
NOTE_PAGES pages are the oldest ones, counted and pointed to, never dropped without a word.
Import lazily: it measures text with matplotlib's fonts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from tracker.core.formatting import place_words, plural, red_flag_words, report_date, report_span
from tracker.report.chart_text import line_height, wrap

if TYPE_CHECKING:
    from tracker.storage.models import RedFlag
    from tracker.storage.queries import NotedTwitch

NOTE_PAGES = 4  # pages of notes at most: the newest are kept, the older ones counted
MAX_NOTE_LINES = 8  # a note longer than this shows its start and points to the CSV
INDENT = 0.15  # inches: a note under its date
MIN_START_ROOM = 2.0  # inches: less than this left on the last table page, and the notes start a page
PAGE_OF_NOTES = 9.5  # inches of notes an A4 page holds between its margins and its footer
DAY_FILE, TWITCH_FILE = "daily.csv", "episodes.csv"
# A report on its own has no CSV beside it: it says where the whole note is kept, not how to
# type a command (a clinician reads the page; the person keeps the diary).
DAY_HOME, TWITCH_HOME = "the diary's day notes", "the diary's list of twitches"
RED_FLAG = "Red flag"  # a red flag's note is in no CSV: it is never among the notes left out for length


class NotesPage(Protocol):
    """What the notes need of a report page: a cursor going down an A4 figure."""

    paper_width: float
    margin: float
    body: float

    def text(
        self, text: str, *, size: float = ..., weight: str = ..., color: str = ..., indent: float = ...
    ) -> object: ...
    def space(self, inches: float) -> None: ...
    def room(self) -> float: ...


@dataclass(frozen=True)
class DayNotes:
    """One day's notes as the report prints them: (label, text, the CSV that holds it whole)."""

    day: dt.date
    items: list[tuple[str, str, str]]


def notes_by_day(
    day_notes: Sequence[tuple[dt.date, str]],
    twitches: Sequence[NotedTwitch],
    red_flags: Sequence[RedFlag] = (),
    *,
    in_packet: bool = False,
) -> list[DayNotes]:
    """Every day with a note, oldest first: its red flags' notes, the day's note, then its
    twitches' notes in time order. The same words on several twitches of a day are printed
    once, with every time. A shortened note points to the CSV beside the report in a visit
    packet (`in_packet`), else to the diary that holds it."""
    day_file, twitch_file = (DAY_FILE, TWITCH_FILE) if in_packet else (DAY_HOME, TWITCH_HOME)
    days: dict[dt.date, list[tuple[str, str, str]]] = {}
    for flag in red_flags:
        if flag.note:
            # printed whole (`_lines`): no file to point to
            days.setdefault(flag.date, []).append((f"{RED_FLAG}, {red_flag_words(flag.kind)}", flag.note, ""))
    for day, note in day_notes:
        days.setdefault(day, []).append(("Day note", note, day_file))
    grouped: dict[tuple[dt.date, str], list[NotedTwitch]] = {}
    for twitch in twitches:
        grouped.setdefault((twitch.local_date, twitch.note), []).append(twitch)
    for (day, note), same in grouped.items():
        times = ", ".join(f"{twitch.local_time:%H:%M}" for twitch in same)
        # Every site of each twitch: "right eyelid + left eyelid", not its first site alone.
        places = ", ".join(dict.fromkeys(" + ".join(place_words(*site) for site in _sites(twitch)) for twitch in same))
        label = f"Twitch{'es' if len(same) > 1 else ''} {times}, {places}"
        days.setdefault(day, []).append((label, note, twitch_file))
    return [DayNotes(day, days[day]) for day in sorted(days)]


def _sites(twitch: NotedTwitch) -> list[tuple[str, str]]:
    """The twitch's own place and side, then its further sites, each once."""
    return list(dict.fromkeys([(twitch.location, twitch.side), *twitch.also]))


NotesPageT = TypeVar("NotesPageT", bound=NotesPage)  # the caller's own page class, handed back as such


def notes_pages(
    new_page: Callable[[], NotesPageT], last_page: NotesPageT, notes: Sequence[DayNotes]
) -> list[NotesPageT]:
    """Lay the notes out after the day tables; returns the pages added (the last table page is
    used first when it has room). Nothing when there are no notes."""
    if not notes:
        return []
    width = last_page.paper_width - 2 * last_page.margin - INDENT
    body = last_page.body
    blocks = [[_lines(label, text, where, width=width, size=body) for label, text, where in day.items] for day in notes]
    heights = [line_height(body) * (1 + sum(len(item) for item in block)) + 0.06 for block in blocks]
    budget = NOTE_PAGES * PAGE_OF_NOTES
    # The oldest notes go first when they are too many; days with a red flag's note stay.
    left_out: set[int] = set()
    for index, day in enumerate(notes[:-1]):
        if sum(heights) - sum(heights[i] for i in left_out) <= budget:
            break
        if not any(label.startswith(RED_FLAG) for label, _, _ in day.items):
            left_out.add(index)
    shown = [pair for index, pair in enumerate(zip(notes, blocks, strict=True)) if index not in left_out]
    added: list[NotesPageT] = []
    page = last_page
    if page.room() < MIN_START_ROOM:
        page = new_page()
        added.append(page)
    page.space(0.1)
    # The days that have a note, said as such: "Notes, 26 Nov..." alone read as the report's start.
    span = report_span(shown[0][0].day, shown[-1][0].day)
    page.text(f"Notes, {plural(len(shown), 'day')} with a note: {span}", size=13, weight="bold")
    intro = "The notes on red flags, the day's notes and the notes on twitches, as written, oldest first."
    if left_out:
        out = [notes[index] for index in sorted(left_out)]
        count = sum(len(day.items) for day in out)
        intro += (
            f" {count} earlier notes, {report_date(out[0].day)} to {report_date(out[-1].day)}, are left out for"
            f" length: the diary holds every one ({DAY_FILE} and {TWITCH_FILE} of a visit packet)."
        )
    page.text(intro, color="#333333")
    for day, block in shown:
        for number, item in enumerate(block):
            # A date is never left alone at the foot of a page: it goes over with its first note.
            need = line_height(body) * (len(item) + 2 + (1 if number == 0 else 0)) + 0.06
            if page.room() < need:
                page = new_page()
                added.append(page)
                page.text(f"Notes, continued ({report_date(day.day)})", size=11, weight="bold")
                if number:
                    page.text(f"{report_date(day.day, weekday=True)}, continued", weight="bold")
            if number == 0:
                page.space(0.06)
                page.text(f"{report_date(day.day, weekday=True)}", weight="bold")
            for line in item:
                page.text(line, indent=INDENT)
    return added


def _lines(label: str, text: str, where: str, *, width: float, size: float) -> list[str]:
    """A note as printed lines: "label: text" wrapped, at most MAX_NOTE_LINES; a longer one ends
    with an ellipsis and the file that holds it whole; a red flag's note is always whole (no CSV holds it,
    and a doctor holding the PDF cannot run a command)."""
    lines = wrap(f"{label}: {' '.join(text.split())}", width=width, size=size)
    if len(lines) <= MAX_NOTE_LINES or label.startswith(RED_FLAG):  # a red flag's note is in no CSV: whole
        return lines
    return [*lines[:MAX_NOTE_LINES], f"… (the whole note is in {where})"]
