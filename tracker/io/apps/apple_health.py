"""Apple Health's export (`export.zip`, or the `export.xml` in it): sleep, caffeine and water.

The file can pass 1 GB, so it is streamed: each element is dropped once read, and what is
kept is only the few records the diary uses. defusedxml parses it, refusing entity
declarations (an "XML bomb" of nested entities would otherwise expand in memory); Apple's
own header declares elements and attributes only, which is allowed.

Sleep: HealthKit records asleep stages (core, deep, REM, or plain asleep) from each source
(a watch, a phone, a sleep app), often overlapping. Records closer than two hours make one
night; of each night one source is taken (the one named by `[apple-health] sleep_source`
in the mapping, else one that tells stages apart, else the one with most sleep that night),
its overlapping stages merged,
and the hours dated by the day the night ended. In bed and awake are not sleep.
Caffeine becomes mg and water ml, whatever unit they were logged in.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from tracker.errors import InputError
from tracker.io.apps.mapping import Target
from tracker.io.apps.readings import Parsed, Progress, Reading, checked_members, not_a_file, parse_number

APP = "apple-health"
SLEEP, CAFFEINE, WATER = "sleep", "caffeine", "water"
SLEEP_TYPE = "HKCategoryTypeIdentifierSleepAnalysis"
ASLEEP = {f"HKCategoryValueSleepAnalysis{stage}" for stage in ("Asleep", "AsleepUnspecified", "AsleepCore",
                                                               "AsleepDeep", "AsleepREM")}  # fmt: skip
STAGES = {f"HKCategoryValueSleepAnalysisAsleep{stage}" for stage in ("Core", "Deep", "REM")}
NOT_ASLEEP = {"HKCategoryValueSleepAnalysisInBed": "in-bed records (in bed is not asleep)",
              "HKCategoryValueSleepAnalysisAwake": "awake records (awake is not asleep)"}  # fmt: skip
AMOUNTS = {  # record type -> item, and what one of each unit is in the diary's unit
    "HKQuantityTypeIdentifierDietaryCaffeine": (CAFFEINE, {"mg": 1.0, "g": 1000.0, "mcg": 0.001}),
    "HKQuantityTypeIdentifierDietaryWater": (WATER, {
        "mL": 1.0, "L": 1000.0, "dL": 100.0, "cL": 10.0, "fl_oz_us": 29.5735295625, "fl_oz_imp": 28.4130625,
        "cup_us": 236.5882365, "cup_imp": 284.130625, "pt_us": 473.176473, "pt_imp": 568.26125,
    }),
}  # fmt: skip
NIGHT_GAP = dt.timedelta(hours=2)  # stages further apart than this are two sleeps
TIME_FORMAT = "%Y-%m-%d %H:%M:%S %z"
EXPORT_DATE = "ExportDate"
APPLE_PATH = "apple_health_export/export.xml"  # where Apple's export.zip keeps it
MOST_EXPORT_BYTES = 64 * 2**30  # years of a watch's records are a few GB; it is streamed, so only time is at stake


def read(path: Path, sections: Mapping[str, Any], progress: Progress | None = None) -> Parsed:
    """Sleep hours by wake day, and each caffeine and water record in mg and ml."""
    options = sections.get("apple-health", {})
    preferred = str(options.get("sleep_source", "")) if isinstance(options, dict) else ""
    parsed = Parsed(items={SLEEP: Target("factor", factor="sleep"), CAFFEINE: Target("factor", factor="caffeine"),
                           WATER: Target("factor", factor="water")})  # fmt: skip
    if preferred:
        parsed.sections["apple-health"] = {"sleep_source": preferred}
    stages: list[tuple[dt.datetime, dt.datetime, str]] = []
    stage_sources: set[str] = set()  # sources that tell core, deep and REM apart
    # One drink two apps both wrote to Health (a coffee app and a food diary) is one drink, as
    # Health itself counts it: the same amount at the same moment from another source is left out.
    amount_sources: dict[tuple[str, dt.datetime, float], str] = {}
    with _opened(path) as (handle, size):
        for where, record in _records(handle, path.name, size, progress):
            if where == EXPORT_DATE:  # when the export was made: an older one never replaces a newer
                parsed.exported = _moment(record.get("value", ""), f"{path.name} ExportDate").date()
                continue
            parsed.rows += 1
            kind = record.get("type", "")
            if kind == SLEEP_TYPE:
                value = record.get("value", "")
                if value in ASLEEP:
                    stages.append((*_span(record, where), record.get("sourceName", "")))
                    if value in STAGES:
                        stage_sources.add(record.get("sourceName", ""))
                elif value in NOT_ASLEEP:
                    parsed.skip(NOT_ASLEEP[value], where)
                else:
                    parsed.skip("sleep records of a kind the diary does not read", where)
            elif kind in AMOUNTS:
                item, units = AMOUNTS[kind]
                unit = record.get("unit", "")
                if unit not in units:
                    raise InputError(f"{where}: unit", unit, f"one of {', '.join(units)} for {item}")
                start, _ = _span(record, where)
                amount = parse_number(record.get("value", ""), where, "value") * units[unit]
                source = record.get("sourceName", "")
                first = amount_sources.setdefault((item, start, amount), source)
                if first != source:
                    parsed.skip(f"{item} records another source also wrote (counted once)", where)
                    continue
                parsed.readings.append(Reading(item, start.date(), where, amount, start))
            else:
                parsed.skip("records of other kinds (steps, heart rate, ...: not in the diary)", where)
    parsed.readings += _nights(stages, preferred, path.name, stage_sources)
    return parsed


class _opened:
    """export.xml itself, or the one inside export.zip, as a byte stream and its size."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.archive: zipfile.ZipFile | None = None
        self.handle: IO[bytes] | None = None

    def __enter__(self) -> tuple[IO[bytes], int]:
        path = self.path
        if not path.is_file():
            raise not_a_file(path, "Apple Health's export.zip or export.xml")
        if zipfile.is_zipfile(path):
            try:
                self.archive = zipfile.ZipFile(path)
                members = checked_members(self.archive, path.name, most_bytes=MOST_EXPORT_BYTES, read=_is_export)
                info = self.archive.getinfo(_export_member(members, path.name))
                self.handle = self.archive.open(info)
                return self.handle, info.file_size
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise InputError("FILE", path.name, f"a zip file that opens ({exc})") from None
        self.handle = path.open("rb")
        return self.handle, path.stat().st_size

    def __exit__(self, *exc: object) -> None:
        for thing in (self.handle, self.archive):
            if thing is not None:
                thing.close()


def _export_member(members: list[str], name: str) -> str:
    """The zip's export.xml: at Apple's own path, else the only one there is. InputError for
    none, and for several where none is at Apple's path (which one is the export cannot be told)."""
    found = [member for member in members if _is_export(member)]
    if APPLE_PATH in found or len(found) == 1:
        return APPLE_PATH if APPLE_PATH in found else found[0]
    if not found:
        raise InputError("FILE", name, "Apple Health's export.zip, with export.xml in it")
    shown = ", ".join(found[:3]) + (" ..." if len(found) > 3 else "")
    raise InputError("FILE", name, f"a zip with one export.xml (or Apple's {APPLE_PATH}); this one has {shown}")


def _is_export(member: str) -> bool:
    """The export itself, of the zip's members (the ECGs and workout routes beside it are not read)."""
    return member.rsplit("/", 1)[-1] == "export.xml"


class _Counted:
    """A byte stream that counts what was read, for the progress bar."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle, self.done = handle, 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size)
        self.done += len(chunk)
        return chunk


def _records(
    handle: IO[bytes], name: str, size: int, progress: Progress | None
) -> Iterator[tuple[str, dict[str, str]]]:
    """Each top-level Record's attributes, in bounded memory: once a child of the root is read,
    the root lets go of it, so a 1 GB file costs what one record does."""
    # deferred: only this import reads XML
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException  # type: ignore[import-untyped]  # the package ships no hints
    from defusedxml.ElementTree import iterparse  # type: ignore[import-untyped]  # as above

    counted = _Counted(handle)
    root = None
    depth = count = 0
    try:
        for event, element in iterparse(counted, events=("start", "end"), forbid_dtd=False, forbid_entities=True):
            if event == "start":
                depth += 1
                if root is None:
                    root = element
                    if element.tag != "HealthData":
                        raise InputError(f"{name} root", element.tag, "Apple Health's export (<HealthData>)")
                continue
            depth -= 1
            if depth != 1:
                continue  # a record inside a correlation is also at the top: read there, once
            if element.tag == EXPORT_DATE:
                yield EXPORT_DATE, dict(element.attrib)
            elif element.tag == "Record":
                count += 1
                yield f"{name} record {count}", dict(element.attrib)
                if progress and count % 50_000 == 0:
                    progress(f"reading {name}", counted.done, size)
            root.clear()  # type: ignore[union-attr]  # set by the first start event, before any end
    except DefusedXmlException as exc:
        refusal = "an export with no entity declarations (XML bombs are refused)"
        raise InputError(name, type(exc).__name__, refusal) from None
    except ParseError as exc:
        raise InputError(name, str(exc)[:60], "a complete Apple Health export.xml") from None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError("FILE", name, f"a zip file that reads to its end ({exc})") from None
    if progress:
        progress(f"reading {name}", size, size)


def _span(record: dict[str, str], where: str) -> tuple[dt.datetime, dt.datetime]:
    start, end = (_moment(record.get(key, ""), f"{where}: {key}") for key in ("startDate", "endDate"))
    if end < start:
        raise InputError(f"{where}: endDate", record["endDate"], f"a time after its startDate {record['startDate']}")
    return start, end


def _moment(text: str, field: str) -> dt.datetime:
    """An export's time ("2024-03-01 23:10:00 +0100"), aware; InputError naming `field`."""
    try:
        return dt.datetime.strptime(text, TIME_FORMAT)
    except ValueError:
        raise InputError(field, text, 'a time like "2024-03-01 23:10:00 +0100"') from None


def _nights(
    stages: list[tuple[dt.datetime, dt.datetime, str]], preferred: str, name: str, stage_sources: set[str]
) -> list[Reading]:
    """One sleep reading per night: one source's stages, merged, dated by the night's end."""
    readings = []
    for night in _clusters(sorted(stages)):
        by_source: dict[str, list[tuple[dt.datetime, dt.datetime]]] = defaultdict(list)
        for start, end, source in night:
            by_source[source].append((start, end))
        totals = {source: _merged_seconds(spans) for source, spans in by_source.items()}
        staged = {source for start, end, source in night if source in stage_sources}
        # A source that tells sleep stages (a watch) over one that only guesses "asleep" (a
        # phone on the night stand); among equals, the one that saw most sleep.
        chosen = preferred if preferred in totals else max(sorted(totals), key=lambda s: (s in staged, totals[s]))
        woke = max(end for _, end in by_source[chosen])
        where = f"{name} night ending {woke:%Y-%m-%d %H:%M} ({chosen})"
        readings.append(Reading(SLEEP, woke.date(), where, totals[chosen] / 3600))
    return readings


def _clusters(
    stages: list[tuple[dt.datetime, dt.datetime, str]],
) -> Iterator[list[tuple[dt.datetime, dt.datetime, str]]]:
    """Stages in time order, grouped into nights: a gap of more than NIGHT_GAP starts another."""
    night: list[tuple[dt.datetime, dt.datetime, str]] = []
    until = dt.datetime.min.replace(tzinfo=dt.UTC)
    for start, end, source in stages:
        if night and start - until > NIGHT_GAP:
            yield night
            night = []
        until = end if not night else max(until, end)
        night.append((start, end, source))
    if night:
        yield night


def _merged_seconds(spans: list[tuple[dt.datetime, dt.datetime]]) -> float:
    """Time covered by the spans, overlaps counted once."""
    total = 0.0
    current: tuple[dt.datetime, dt.datetime] | None = None
    for start, end in sorted(spans):
        if current is None or start > current[1]:
            if current is not None:
                total += (current[1] - current[0]).total_seconds()
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    if current is not None:
        total += (current[1] - current[0]).total_seconds()
    return total
