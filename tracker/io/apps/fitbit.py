"""Fitbit sleep: Google Takeout's `sleep-YYYY-MM-DD.json` files (a folder of them, or one), and
the CSV of fitbit.com's data export, told apart by its header. Hours asleep by wake day.

A JSON sleep log has `dateOfSleep` (the wake day), `minutesAsleep` and `mainSleep`; naps
(mainSleep false) are left out, since the diary's sleep is the night before the day. The CSV
has `Start Time,End Time,Minutes Asleep,...`, dated by its end time's day.
"""

from __future__ import annotations

import datetime as dt
import io
import json
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
    parse_iso_date,
    parse_number,
)

APP = "fitbit"
DESCRIPTION = "Fitbit sleep (Takeout sleep-*.json, or the fitbit.com export CSV)"
SLEEP = "sleep"
CSV_COLUMNS = ["End Time", "Minutes Asleep"]
MINUTES_A_DAY = 24 * 60
MAX_JSON_BYTES = 64 * 1024 * 1024  # one year of sleep logs is a few MB


def read(path: Path, sections: Mapping[str, Any], progress: Progress | None = None) -> Parsed:
    """Each main sleep, in hours, on its wake day."""
    parsed = Parsed(items={SLEEP: Target("factor", factor="sleep")})
    if path.is_dir():
        files = sorted(path.rglob("sleep-*.json"))
        if not files:
            raise InputError("FILE", path.name, "a folder with Fitbit's sleep-YYYY-MM-DD.json files in it")
        for file in files:
            _read_json(file, parsed)
    elif path.suffix.lower() == ".json":
        _read_json(path, parsed)
    else:
        _read_csv(path, parsed)
    return parsed


def _read_json(path: Path, parsed: Parsed) -> None:
    if path.stat().st_size > MAX_JSON_BYTES:
        raise InputError("FILE", path.name, f"a sleep JSON file of at most {MAX_JSON_BYTES // 2**20} MB")
    try:
        logs = json.loads(path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(path.name, str(exc)[:60], "Fitbit's sleep JSON: a list of sleep logs") from None
    if not isinstance(logs, list):
        raise InputError(path.name, type(logs).__name__, "Fitbit's sleep JSON: a list of sleep logs")
    for number, log in enumerate(logs, start=1):
        parsed.rows += 1
        where = f"{path.name} log {number}"
        if not isinstance(log, dict) or "dateOfSleep" not in log or "minutesAsleep" not in log:
            raise InputError(where, str(log)[:60], "a sleep log with dateOfSleep and minutesAsleep")
        if log.get("mainSleep") is False:
            parsed.skip("naps (not the night's sleep)", where)
            continue
        minutes = parse_number(str(log["minutesAsleep"]), where, "minutesAsleep")
        _add(parsed, parse_iso_date(str(log["dateOfSleep"]), where, "dateOfSleep"), minutes, where, "minutesAsleep")


def _read_csv(path: Path, parsed: Parsed) -> None:
    with open_text(path) as handle:
        lines = handle.read(MAX_JSON_BYTES).splitlines(keepends=True)
    # fitbit.com's export is several tables one after another (Body, Activities, Sleep, ...), each
    # under a title line and ending at a blank line: the sleep table starts at its header.
    start = next((n for n, text in enumerate(lines) if all(name in text for name in CSV_COLUMNS)), None)
    if start is None:
        header = header_of(io.StringIO(lines[0] if lines else ""), path.name)
        raise InputError(
            f"{path.name} header", ",".join(header)[:60] or "(empty)",
            "Fitbit sleep: the export CSV (Start Time,End Time,Minutes Asleep,...) or sleep-*.json files",
        )  # fmt: skip
    end = next((n for n in range(start, len(lines)) if not lines[n].strip()), len(lines))
    for line, cells in csv_rows(io.StringIO("".join(lines[start:end])), path.name):
        parsed.rows += 1
        where = f"{path.name} line {start + line}"  # counted from the top of the file
        minutes = parse_number(cells["Minutes Asleep"], where, "Minutes Asleep")
        _add(parsed, _end_day(cells["End Time"], where), minutes, where, "Minutes Asleep")


def _add(parsed: Parsed, day: dt.date, minutes: float, where: str, column: str) -> None:
    if not 0 <= minutes <= MINUTES_A_DAY:
        raise InputError(f"{where}: {column}", minutes, "minutes asleep, from 0 to 1440")
    parsed.readings.append(Reading(SLEEP, day, where, minutes / 60))


def _end_day(text: str, where: str) -> dt.date:
    """The day of "2019-06-05 6:50AM" or "2019-06-05 06:50"."""
    cleaned = " ".join(text.strip().upper().split())
    for pattern in ("%Y-%m-%d %I:%M%p", "%Y-%m-%d %I:%M %p", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise InputError(f"{where}: End Time", text, 'a time like "2019-06-05 6:50AM"')
