"""Fitbit sleep, hours asleep by wake day, from any of the three shapes Fitbit has exported it in:

- Google Takeout's older `Global Export Data/sleep-YYYY-MM-DD.json`: each log has `dateOfSleep`
  (the wake day), `minutesAsleep` and `mainSleep`; naps (mainSleep false) are left out, since
  the diary's sleep is the night before the day.
- Google Takeout's newer `Health Fitness Data_GoogleData/UserSleeps_YYYY-MM-DD.csv`:
  `sleep_id,sleep_type,...,minutes_asleep,...,end_utc_offset,sleep_end,data_source`, the end
  in UTC beside the offset it was lived in. It has no main-sleep flag, so of the sleeps ending
  on one local day the longest is the night's and the others are naps.
- fitbit.com's data export CSV: `Start Time,End Time,Minutes Asleep,...`, dated by its end time.

A folder is searched for the first two; where both tell of a wake day (a Takeout holds both
forms of the same nights), the JSON's is taken, so no night counts twice.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tracker.errors import InputError
from tracker.io.apps.mapping import Target
from tracker.io.apps.readings import (
    Parsed,
    Progress,
    Reading,
    counted_rows,
    csv_rows,
    header_of,
    open_text,
    parse_iso_date,
    parse_number,
)

APP = "fitbit"
SLEEP = "sleep"
CSV_COLUMNS = ["End Time", "Minutes Asleep"]
# Takeout's UserSleeps_*.csv (Google's readme for the Sleeps files names them all).
TAKEOUT_COLUMNS = ["sleep_id", "minutes_asleep", "end_utc_offset", "sleep_end"]
TAKEOUT_GLOB = "UserSleeps*.csv"
MINUTES_A_DAY = 24 * 60
MAX_JSON_BYTES = 64 * 1024 * 1024  # one year of sleep logs is a few MB
FOUND_IN_JSON = "nights the sleep-*.json files also give (counted once)"


def read(path: Path, sections: Mapping[str, Any], progress: Progress | None = None) -> Parsed:
    """Each main sleep, in hours, on its wake day."""
    parsed = Parsed(items={SLEEP: Target("factor", factor="sleep")})
    if path.is_dir():
        logs, tables = sorted(path.rglob("sleep-*.json")), sorted(path.rglob(TAKEOUT_GLOB))
        if not logs and not tables:
            wanted = "a folder with Fitbit's sleep-YYYY-MM-DD.json or UserSleeps_YYYY-MM-DD.csv files in it"
            raise InputError("FILE", path.name, wanted)
        _each_once(path, logs + tables)
        for file in logs:
            _read_json(file, parsed)
        nights = _takeout_nights(tables, parsed)
        _add_nights(parsed, nights, already={reading.day for reading in parsed.readings})
    elif zipfile.is_zipfile(path):
        raise InputError("FILE", path.name, "the Takeout unpacked: its folder or a sleep file in it (unzip it first)")
    elif path.suffix.lower() == ".json":
        _read_json(path, parsed)
    elif TAKEOUT_COLUMNS[0] in _header(path):
        _add_nights(parsed, _takeout_nights([path], parsed), already=set())
    else:
        _read_csv(path, parsed)
    return parsed


def _each_once(folder: Path, files: list[Path]) -> None:
    """InputError when a file name is in the folder twice (a Takeout unpacked twice in it): its
    nights would count twice, and which copy is the export cannot be told."""
    seen: dict[str, Path] = {}
    for file in files:
        if file.name in seen:
            twice = f"{seen[file.name].relative_to(folder)}, {file.relative_to(folder)}"
            raise InputError("FILE", folder.name, f"a folder with each of Fitbit's files once; this has {twice}")
        seen[file.name] = file


def _header(path: Path) -> list[str]:
    with open_text(path) as handle:
        return header_of(handle, path.name)


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


def _takeout_nights(paths: list[Path], parsed: Parsed) -> dict[dt.date, list[tuple[float, str]]]:
    """Takeout's UserSleeps rows by local wake day: (minutes asleep, where), every sleep of the day."""
    nights: dict[dt.date, list[tuple[float, str]]] = {}
    for path in paths:
        allowed = "Fitbit's UserSleeps columns (sleep_id,...,sleep_end)"
        with open_text(path) as handle:
            for where, cells in counted_rows(handle, path.name, TAKEOUT_COLUMNS, allowed, parsed):
                minutes = parse_number(cells["minutes_asleep"], where, "minutes_asleep")
                if not 0 <= minutes <= MINUTES_A_DAY:
                    raise InputError(f"{where}: minutes_asleep", cells["minutes_asleep"], "minutes asleep, 0 to 1440")
                day = _wake_day(cells["sleep_end"], cells["end_utc_offset"], where)
                nights.setdefault(day, []).append((minutes, where))
    return nights


def _add_nights(parsed: Parsed, nights: dict[dt.date, list[tuple[float, str]]], *, already: set[dt.date]) -> None:
    for day, sleeps in sorted(nights.items()):
        if day in already:
            for _, where in sleeps:
                parsed.skip(FOUND_IN_JSON, where)
            continue
        longest = max(sleeps, key=lambda sleep: sleep[0])
        for sleep in sleeps:
            if sleep is not longest:
                parsed.skip("naps (shorter sleeps ending the same day as the night's)", sleep[1])
        _add(parsed, day, longest[0], longest[1], "minutes_asleep")


def _wake_day(end: str, offset: str, where: str) -> dt.date:
    """The local day of a UTC end time ("2026-10-05 04:30:00+0000") in its offset ("+02:00")."""
    try:
        moment = dt.datetime.fromisoformat(end.strip())
    except ValueError:
        raise InputError(f"{where}: sleep_end", end, 'a UTC time like "2026-10-05 04:30:00+0000"') from None
    try:
        lived = dt.datetime.strptime(offset.strip() or "+00:00", "%z").tzinfo
    except ValueError:
        raise InputError(f"{where}: end_utc_offset", offset, 'an offset from UTC like "+02:00"') from None
    return moment.replace(tzinfo=moment.tzinfo or dt.UTC).astimezone(lived).date()


def _read_csv(path: Path, parsed: Parsed) -> None:
    with open_text(path) as handle:
        try:
            lines = handle.read(MAX_JSON_BYTES).splitlines(keepends=True)
        except UnicodeDecodeError as exc:
            raise InputError(path.name, str(exc)[:60], "a UTF-8 CSV file") from None
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
