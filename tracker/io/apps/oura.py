"""Oura's sleep exports: sleep hours, dated by the day the person woke up.

The older trends CSV (one row a day) names its columns in words ("date", "Total Sleep Time" in
seconds, "Bedtime End"); the newer ones in snake case ("day", "total_sleep_duration",
"bedtime_end"), and the membership hub's data export (`App Data/sleepmodel.csv`) separates
them with ';' and has a row per sleep period, its `type` saying which was the night
(long_sleep) and which a nap or a rest (left out, as the diary's sleep is the night before the
day). The day is the wake day, taken from the bedtime end when the row has one, else from the
date column.
"""

from __future__ import annotations

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

APP = "oura"
SLEEP = "sleep"
FORMS = (  # date column, seconds asleep, bedtime end
    ("date", "Total Sleep Time", "Bedtime End"),
    ("day", "total_sleep_duration", "bedtime_end"),
)
SECONDS_A_DAY = 24 * 3600
NIGHT = "long_sleep"  # sleepmodel.csv's type of the night's sleep


def read(path: Path, sections: Mapping[str, Any], progress: Progress | None = None) -> Parsed:
    """Each night's sleep, in hours, on its wake day; rows without a sleep time are left out."""
    parsed = Parsed(items={SLEEP: Target("factor", factor="sleep")})
    with open_text(path) as handle:
        try:
            first = handle.readline()
        except UnicodeDecodeError as exc:
            raise InputError(f"{path.name} line 1", str(exc)[:60], "a UTF-8 CSV file") from None
        delimiter = ";" if all(name in first.split(";") for name in ("day", "total_sleep_duration")) else ","
        handle.seek(0)
        header = header_of(handle, path.name, delimiter=delimiter)
        form = next((columns for columns in FORMS if columns[0] in header and columns[1] in header), None)
        if form is None:
            raise InputError(
                f"{path.name} header", ",".join(header)[:60] or "(empty)",
                "Oura's trends columns: date and Total Sleep Time (or day and total_sleep_duration)",
            )  # fmt: skip
        date_column, asleep_column, end_column = form
        handle.seek(0)
        for line, cells in csv_rows(handle, path.name, delimiter=delimiter):
            parsed.rows += 1
            where = f"{path.name} line {line}"
            if cells.get("type", NIGHT).strip() != NIGHT:
                parsed.skip("naps and rests (not the night's sleep)", where)
                continue
            asleep = cells[asleep_column].strip()
            if not asleep:
                parsed.skip("nights without a sleep time (not logged)", where)
                continue
            seconds = parse_number(asleep, where, asleep_column)
            if not 0 <= seconds <= SECONDS_A_DAY:
                raise InputError(f"{where}: {asleep_column}", asleep, "seconds asleep, from 0 to 86400")
            # The date column is checked even when the bedtime end dates the night: a row whose
            # date is no date (a spreadsheet's 02.03.2020) is a file read wrongly, not a detail.
            day = parse_iso_date(cells[date_column], where, date_column)
            end = cells.get(end_column, "").strip()
            day = parse_iso_date(end, where, end_column) if end else day
            parsed.readings.append(Reading(SLEEP, day, where, seconds / 3600))
    return parsed
