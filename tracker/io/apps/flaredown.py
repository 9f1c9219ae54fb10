"""Flaredown's exports: the long form (`user_id,…,checkin_date,trackable_type,trackable_name,
trackable_value`, one row per thing tracked, several people in one file: choose with --user)
and the wide per-person CSV the app e-mails (`Date`, a column per condition, symptom and
treatment, then `Tags` and `Foods`, each "; "-separated).

Conditions and symptoms are rated 0–4 (a 0–4 scale each, twitching too: a day's rating is
no twitch at a time, which the diary's twitches need); a treatment with a dose ("8.0 mg")
is a number in that unit, one without a yes; tags and foods are a yes on their days. Weather
is not something the person logged and is left out, as is a condition with no rating.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

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
    slug,
    tidy,
)

APP = "flaredown"
LONG = ["user_id", "checkin_date", "trackable_type", "trackable_name", "trackable_value"]
WIDE_TAIL = ["Tags", "Foods"]
RATED = {"condition", "symptom"}
LISTS = {"tag", "food"}
DOSE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-zA-Zµ]+)?\s*$")


def read(path: Path, sections: Mapping[str, Any], progress: Progress | None = None) -> Parsed:
    """Each rated condition and symptom, treatment, tag and food, on its check-in day."""
    options = sections.get(APP, {})
    user = str(options.get("user", "") or "") if isinstance(options, dict) else ""
    parsed = Parsed()
    if user:
        parsed.sections[APP] = {"user": user}
    with open_text(path) as handle:
        header = header_of(handle, path.name)
        handle.seek(0)
        if all(name in header for name in LONG):
            _read_long(handle, path.name, user, parsed)
        elif header[:1] == ["Date"] and all(name in header for name in WIDE_TAIL):
            _read_wide(handle, path.name, header, parsed)
        else:
            raise InputError(
                f"{path.name} header", ",".join(header)[:60] or "(empty)",
                "Flaredown's columns: user_id,...,checkin_date,trackable_type,trackable_name,trackable_value "
                "(or Date,<your trackables>,Tags,Foods)",
            )  # fmt: skip
    return parsed


def _read_long(handle: Any, name: str, user: str, parsed: Parsed) -> None:
    users: dict[str, int] = {}
    for line, cells in csv_rows(handle, name):
        who = cells["user_id"].strip()
        users[who] = users.get(who, 0) + 1
        if user and who != user:
            continue
        parsed.rows += 1
        where = f"{name} line {line}"
        day = parse_iso_date(cells["checkin_date"], where, "checkin_date")
        kind = cells["trackable_type"].strip().lower()
        _add(parsed, kind, tidy(cells["trackable_name"]), cells["trackable_value"].strip(), day, where)
    if user and users and user not in users:  # (a file with no rows at all is refused as that)
        raise InputError("--user", user, f"a user_id in {name} (it has {len(users)})")
    if not user and len(users) > 1:
        most = max(sorted(users), key=lambda who: users[who])
        choose = f"one: choose with --user, e.g. --user {most} ({users[most]} rows)"
        raise InputError(f"{name} user_id", f"{len(users)} people", choose)


def _read_wide(handle: Any, name: str, header: list[str], parsed: Parsed) -> None:
    trackables = [column for column in header[1:] if column and column not in WIDE_TAIL]
    rows = list(csv_rows(handle, name))  # one row a day: small
    for line, cells in rows:
        parsed.rows += 1
        where = f"{name} line {line}"
        day = parse_iso_date(cells["Date"], where, "Date")
        for column in trackables:
            value = cells.get(column, "").strip()
            if value:
                # The wide form does not say which column is a condition and which a treatment:
                # a rating of 0-4 reads as one, a dose (or anything else) as a treatment.
                rated = bool(re.fullmatch(r"[0-4]", value))
                _add(parsed, "symptom" if rated else "treatment", tidy(column), value, day, where)
        for column, kind in (("Tags", "tag"), ("Foods", "food")):
            for item in filter(None, (tidy(part) for part in cells.get(column, "").split(";"))):
                _add(parsed, kind, item, "", day, where)


def _add(parsed: Parsed, kind: str, name: str, value: str, day: Any, where: str) -> None:
    factor = own_factor(name, suffix=f"_{kind}")
    if kind in RATED:
        if not value:
            parsed.skip(f"{kind}s with no rating (not logged)", where)
            return
        if not re.fullmatch(r"[0-4]", value):
            raise InputError(f"{where}: trackable_value", value, f"a {kind} rating from 0 to 4")
        # A rated twitch stays a rating too: Flaredown keeps days, not times, and a twitch needs one.
        parsed.items.setdefault(name, Target("factor", factor=factor, kind="scale", min=0.0, max=4.0))
        parsed.readings.append(Reading(name, day, where, float(value)))
    elif kind == "treatment":
        dose = DOSE.match(value)
        if dose and dose.group(2):
            unit = dose.group(2).lower()
            target = (
                Target("factor", factor="magnesium")
                if slug(name) == "magnesium" and unit == "mg"
                else Target("factor", factor=factor, kind="number", unit=unit)
            )
            parsed.items.setdefault(name, target)
            parsed.readings.append(Reading(name, day, where, float(dose.group(1))))
        else:
            parsed.items.setdefault(name, Target("factor", factor=factor, kind="yes-no"))
            parsed.readings.append(Reading(name, day, where, None, text=value if value not in ("", "true") else ""))
    elif kind in LISTS:
        parsed.items.setdefault(name, Target("factor", factor=factor, kind="yes-no"))
        parsed.readings.append(Reading(name, day, where, None))
    else:
        parsed.skip(f"{kind or 'untyped'} rows (not logged by the person)" if kind == "weather" else f"{kind} rows",
                    where)  # fmt: skip
