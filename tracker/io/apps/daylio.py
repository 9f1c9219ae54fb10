"""Daylio's CSV export: one row per entry, with a mood, activities and a note.

Two forms: `full_date,date,weekday,time,mood,activities,note_title,note` (newer ones may add
columns, such as `scales`) and the older `year,date,weekday,time,mood,activities,note`, whose
date is "28 September" or "Sep 28" beside the year. Times are "10:00 pm" or "20:39". Moods are
names the person may have renamed, several sharing a level: the default five map to a 1–5 mood
scale, and any other name must be given a level in the mapping's [moods] table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tracker.core.when import local_moment
from tracker.errors import InputError
from tracker.io.apps.mapping import Target
from tracker.io.apps.readings import (
    Parsed,
    Progress,
    Reading,
    csv_rows,
    header_of,
    open_text,
    own_factor,
    parse_iso_date,
    tidy,
)

APP = "daylio"
NEW_COLUMNS = ["full_date", "time", "mood", "activities", "note"]
OLD_COLUMNS = ["year", "date", "time", "mood", "activities", "note"]
DEFAULT_MOODS = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
MOOD = "mood"
NOTE = "note"
# Activities whose meaning tracker knows: a cup of coffee is about 95 mg of caffeine.
KNOWN_ACTIVITIES = {
    "coffee": Target("factor", factor="caffeine", amount=95.0),
    "twitch": Target("episode"),
    "twitching": Target("episode"),
    "eye twitch": Target("episode", location="eyelid"),
    "lip twitch": Target("episode", location="upper-lip"),
}


def read(path: Path, sections: Mapping[str, Any], progress: Progress | None = None) -> Parsed:
    """Every entry of the export as readings: mood (1–5), each activity, the note."""
    moods = _moods(sections.get("moods", {}), path)
    parsed = Parsed(items={MOOD: Target("factor", factor=MOOD, kind="scale", min=1.0, max=5.0)})
    unknown: set[str] = set()
    used: dict[str, int] = {}
    with open_text(path) as handle:
        header = header_of(handle, path.name)
        if all(name in header for name in NEW_COLUMNS):
            old = False
        elif all(name in header for name in OLD_COLUMNS):
            old = True
        else:
            missing = [name for name in NEW_COLUMNS if name not in header]
            raise InputError(
                f"{path.name} header", ",".join(header)[:60] or "(empty)",
                f"Daylio's columns ({','.join(NEW_COLUMNS)}, or the older year,date,...); missing {', '.join(missing)}",
            )  # fmt: skip
        handle.seek(0)
        for line, cells in csv_rows(handle, path.name):
            parsed.rows += 1
            where = f"{path.name} line {line}"
            day = _old_date(cells, where) if old else parse_iso_date(cells["full_date"], where, "full_date")
            at = local_moment(dt.datetime.combine(day, _clock(cells["time"], where)), field=f"{where}: time").at
            mood = tidy(cells["mood"]).lower()
            if mood:
                if mood in moods:
                    used[mood] = moods[mood]
                    parsed.readings.append(Reading(MOOD, day, where, float(moods[mood]), at))
                else:
                    unknown.add(mood)
            for activity in filter(None, (tidy(name) for name in cells["activities"].split("|"))):
                name = activity.lower()
                parsed.items.setdefault(name, _default(name))
                parsed.readings.append(Reading(name, day, where, None, at))
            note = " — ".join(filter(None, (cells.get("note_title", "").strip(), cells[NOTE].strip())))
            if note:
                parsed.items.setdefault(NOTE, Target("note"))
                parsed.readings.append(Reading(NOTE, day, where, None, at, text=note))
    if unknown:
        names = ", ".join(sorted(unknown))
        example = sorted(unknown)[0]
        raise InputError(
            f"{path.name} mood", names,
            f"a mood with a level: add them to a --map file under [moods], like \"{example}\" = 3 (1 awful … 5 rad)",
        )  # fmt: skip
    parsed.sections["moods"] = {name: used.get(name, level) for name, level in moods.items()}
    return parsed


def _moods(given: object, path: Path) -> dict[str, int]:
    if not isinstance(given, dict):
        raise InputError("--map moods", given, "a table of mood names and levels 1–5: [moods]")
    moods = dict(DEFAULT_MOODS)
    for name, level in given.items():
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
            raise InputError(f"--map moods.{name}", level, "a whole number from 1 (awful) to 5 (rad)")
        moods[tidy(name).lower()] = level
    return moods


def _default(activity: str) -> Target:
    if activity in KNOWN_ACTIVITIES:
        return KNOWN_ACTIVITIES[activity]
    return Target("factor", factor=own_factor(activity, suffix="_done"), kind="yes-no")


def _clock(text: str, where: str) -> dt.time:
    cleaned = " ".join(text.strip().lower().replace(".", "").split())
    for pattern in ("%I:%M %p", "%H:%M", "%I:%M%p", "%H:%M:%S"):
        try:
            return dt.datetime.strptime(cleaned, pattern).time()
        except ValueError:
            continue
    raise InputError(f"{where}: time", text, 'a time like "10:00 pm" or "20:39"')


def _old_date(cells: dict[str, str], where: str) -> dt.date:
    """The older form's date: "28 September" or "Sep 28", with the year in a column of its own."""
    text = f"{cells['date'].strip()} {cells['year'].strip()}"
    for pattern in ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise InputError(f"{where}: date", text, 'a day and month with the year, like "28 September" and 2021')
