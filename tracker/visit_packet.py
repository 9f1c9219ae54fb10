"""The data dictionary that goes with a doctor-visit packet: every CSV column, explained."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from tracker.export import DAILY_HEAD, DAILY_TAIL, EPISODE_COLUMNS
from tracker.models import Factor

NOT_LOGGED = "empty = not logged"

DAILY_MEANINGS = {
    "date": ("", "calendar day (ISO 8601), as the person lived it"),
    "tracked": ("", "1 if anything was logged that day, 0 if nothing was (then every other cell is empty)"),
    "episodes": ("count", "twitch episodes logged that day (0 on a day checked in as twitch-free)"),
    "total_duration_s": ("seconds", "sum of the durations that were timed; empty if none was timed"),
    "max_intensity": ("1–5", "strongest episode that day (1 barely noticeable, 5 severe)"),
    "locations": ("", "places that twitched that day, ';'-separated"),
    "red_flags": ("", "warning signs logged that day, ';'-separated"),
    "note": ("", "the person's note for the day"),
}
EPISODE_MEANINGS = {
    "started_at": ("", "when the episode began, ISO 8601 with its UTC offset"),
    "date": ("", "the local calendar day of started_at"),
    "location": ("", "upper-lip, lower-lip, mouth-corner, eyelid, cheek, chin or other"),
    "side": ("", "left, right, both or center"),
    "intensity": ("1–5", "how strong (1 barely noticeable, 5 severe)"),
    "duration_s": ("seconds", "how long it lasted, if timed"),
    "context": ("", "what the person was doing, ';'-separated tags"),
    "relief": ("", "what was tried for relief, ';'-separated tags"),
    "note": ("", "free note"),
}
BUILTIN_MEANINGS = {
    "caffeine_mg": "caffeine from all drinks that day (sum)",
    "sleep_h": "hours slept the night before (dated to the morning of waking)",
    "water_ml": "water drunk that day (sum)",
    "stress": "self-rated stress, 0 (none) to 10 (extreme), mean of the day's ratings",
    "magnesium_mg": "magnesium supplement taken that day (sum)",
}


def dictionary_csv(factors: Sequence[Factor]) -> str:
    """file,column,unit,meaning,empty — one row per column of daily.csv and episodes.csv."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["file", "column", "unit", "meaning", "empty"])
    for column in DAILY_HEAD:
        writer.writerow(
            ["daily.csv", column, *DAILY_MEANINGS[column], NOT_LOGGED if column not in ("date", "tracked") else ""]
        )
    for factor in factors:
        meaning = BUILTIN_MEANINGS.get(factor.column) or _user_meaning(factor)
        writer.writerow(["daily.csv", factor.column, factor.unit or _scale(factor), meaning, NOT_LOGGED])
    for column in DAILY_TAIL:
        writer.writerow(["daily.csv", column, *DAILY_MEANINGS[column], NOT_LOGGED])
    for column in EPISODE_COLUMNS:
        writer.writerow(
            [
                "episodes.csv",
                column,
                *EPISODE_MEANINGS[column],
                NOT_LOGGED if column not in ("started_at", "date") else "",
            ]
        )
    return buffer.getvalue()


def _user_meaning(factor: Factor) -> str:
    if factor.kind == "yes-no":
        return f"{factor.name.replace('_', ' ')}: 1 yes, 0 no (self-defined factor)"
    return f"{factor.name.replace('_', ' ')} ({factor.kind}, daily {factor.daily_rule}; self-defined factor)"


def _scale(factor: Factor) -> str:
    if factor.kind == "scale" and factor.min_value is not None and factor.max_value is not None:
        return f"{factor.min_value:g}–{factor.max_value:g}"
    return "1 yes / 0 no" if factor.kind == "yes-no" else ""
