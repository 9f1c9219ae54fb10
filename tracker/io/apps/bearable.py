"""Bearable's CSV export (long: one row per thing logged): `date,weekday,time of day,category,
rating/amount,detail,notes`, dates like "5th Jan 2022"; newer exports add `date formatted`
(2022-01-05) after `date`, and that one is read when present.

- Symptom: detail "Neck pain (Mild)", rating 0–4: a 0–4 scale named for the symptom; a
  twitch ("Twitching", "Eye twitch") is a twitch entry instead. Bearable keeps a part of the
  day (am, mid, pm, pre: before bed), not a time, so a twitch is put at that part's clock time
  (PARTS) and its note says so.
- Sleep: hours ("7.5" or "7:30"), on the day it is logged (the morning after).
- Mood and Energy: 0–10 scales of their own (mood_bearable, energy).
- Medication and supplements: "Magnesium (200mg)" is the built-in magnesium in mg; others a
  yes on the days taken.
- Factors: a yes on their days. Other categories are left out and counted.
"""

from __future__ import annotations

import datetime as dt
import re
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
    counted_rows,
    open_text,
    own_factor,
    parse_iso_date,
    parse_number,
    tidy,
)

APP = "bearable"
COLUMNS = ["date", "time of day", "category", "rating/amount", "detail"]
PARTS = {"am": dt.time(9), "mid": dt.time(13), "pm": dt.time(18), "pre": dt.time(22)}
SEVERITY = re.compile(r"\s*\((none|mild|moderate|severe|unbearable|extreme)\)\s*$", re.IGNORECASE)
DOSE = re.compile(r"(\d+(?:\.\d+)?)\s*mg\b", re.IGNORECASE)
ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th)\b", re.IGNORECASE)
MEDS = {"medication", "medications", "meds", "supplements", "meds/supplements", "medication/supplements"}


def read(path: Path, sections: Mapping[str, Any], progress: Progress | None = None) -> Parsed:
    """Each row that says something about a day, as a reading of its item."""
    parsed = Parsed()
    allowed = "Bearable's columns (date,weekday,time of day,category,...)"
    with open_text(path) as handle:
        for where, cells in counted_rows(handle, path.name, COLUMNS, allowed, parsed):
            day = _day(cells, where)
            category = tidy(cells["category"]).lower()
            amount = cells["rating/amount"].strip()
            detail = tidy(cells["detail"])
            note = cells.get("notes", "").strip()
            if category == "symptom":
                _symptom(parsed, day, where, detail, amount, cells["time of day"].strip().lower(), note)
            elif category == "sleep":
                sleep = Reading("sleep", day, where, _hours(amount, where))
                _add(parsed, "sleep", Target("factor", factor="sleep"), sleep)
            elif category in ("mood", "energy"):
                factor = "mood_bearable" if category == "mood" else "energy"
                target = Target("factor", factor=factor, kind="scale", min=0.0, max=10.0)
                rating = parse_number(amount, where, "rating/amount")
                _add(parsed, category, target, Reading(category, day, where, rating))
            elif category in MEDS:
                _medication(parsed, day, where, detail, amount, note)
            elif category == "factors" and detail:
                _add(parsed, detail, _yes(detail), Reading(detail, day, where, None, text=note))
            else:
                parsed.skip(f"{category or 'uncategorised'} rows (not read)", where)
    return parsed


def _day(cells: dict[str, str], where: str) -> dt.date:
    formatted = cells.get("date formatted", "").strip()
    if formatted:
        return parse_iso_date(formatted, where, "date formatted")
    text = ORDINAL.sub(r"\1", cells["date"].strip())
    for pattern in ("%d %b %Y", "%d %B %Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise InputError(f"{where}: date", cells["date"], 'a date like "5th Jan 2022"')


def _symptom(parsed: Parsed, day: dt.date, where: str, detail: str, amount: str, part: str, note: str) -> None:
    name = SEVERITY.sub("", detail)
    if not name:
        raise InputError(f"{where}: detail", detail, 'a symptom, like "Neck pain (Mild)"')
    rating = parse_number(amount, where, "rating/amount")
    if not 0 <= rating <= 4:
        raise InputError(f"{where}: rating/amount", amount, "a symptom rating from 0 to 4")
    if "twitch" not in name.lower():
        target = Target("factor", factor=_name(name, "_symptom"), kind="scale", min=0.0, max=4.0)
        _add(parsed, name, target, Reading(name, day, where, rating, text=note))
        return
    if rating == 0:
        parsed.skip("twitching rated none", where)
        return
    if part not in PARTS:
        raise InputError(f"{where}: time of day", part, "am, mid, pm or pre")
    at = local_moment(dt.datetime.combine(day, PARTS[part]), field=f"{where}: time of day").at
    said = f"Bearable: {detail}, {part} (the time is that part of the day's)" + (f"; {note}" if note else "")
    _add(parsed, name, Target("episode"), Reading(name, day, where, None, at, text=said))


def _medication(parsed: Parsed, day: dt.date, where: str, detail: str, amount: str, note: str) -> None:
    dose = DOSE.search(detail)
    name = tidy(re.sub(r"\(?\s*\d+(?:\.\d+)?\s*mg\s*\)?", "", detail, flags=re.IGNORECASE))
    if dose and "magnesium" in name.lower():
        times = parse_number(amount, where, "rating/amount") if amount else 1.0
        taken = Reading(name, day, where, float(dose.group(1)) * times)
        _add(parsed, name, Target("factor", factor="magnesium"), taken)
    elif name:
        _add(parsed, name, _yes(name), Reading(name, day, where, None, text=note))


def _add(parsed: Parsed, item: str, target: Target, reading: Reading) -> None:
    parsed.items.setdefault(item, target)
    parsed.readings.append(reading)


def _yes(name: str) -> Target:
    return Target("factor", factor=_name(name, "_yes"), kind="yes-no")


def _name(name: str, suffix: str) -> str:
    return own_factor(name, suffix=suffix)


def _hours(text: str, where: str) -> float:
    hours, colon, minutes = text.strip().partition(":")
    value = parse_number(hours, where, "rating/amount")
    value += parse_number(minutes, where, "rating/amount") / 60 if colon else 0
    if not 0 <= value <= 24:
        raise InputError(f"{where}: rating/amount", text, "hours of sleep, from 0 to 24")
    return value
