"""Import a large synthetic Apple Health export: wall time and peak memory, at two sizes.

    python bench/bench_apple_health.py [--megabytes 1024] [--small 100] [--zip] [--write]

Writes an export.xml with Apple's header and mostly step and heart-rate records (what fills
a real export), with a night of watch sleep stages, the phone's guess of it, in-bed records
and a few caffeine and water records every day; imports it with `tracker import apple-health`
as a child process into a fresh database, and reports its wall time and peak resident memory
(the child's maximum RSS). The small size is run in the same way, so the ratios (time per MB,
memory at 1 GB over memory at 100 MB) come from one run on one machine. --write saves the
table to bench/APPLE_HEALTH_RESULTS.md. Not a test: nothing here fails on a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "tests" / "fixtures" / "apps" / "apple_health" / "export6s3sample.xml"
HEADER = SAMPLE.read_text(encoding="utf-8").split("<HealthData")[0]
SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
STAGES = [("AsleepCore", 120), ("AsleepDeep", 60), ("AsleepREM", 45), ("Awake", 10), ("AsleepCore", 150)]


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S +0000")


def _day(day: dt.date) -> list[str]:
    """One day's records: the night before, drinks, and steps and heart rate every few minutes."""
    lines = []
    start = dt.datetime.combine(day - dt.timedelta(days=1), dt.time(23, 0))
    moment = start
    for stage, minutes in STAGES:
        end = moment + dt.timedelta(minutes=minutes)
        lines.append(f'<Record type="{SLEEP}" sourceName="Watch" startDate="{_stamp(moment)}" '
                     f'endDate="{_stamp(end)}" value="HKCategoryValueSleepAnalysis{stage}"/>')  # fmt: skip
        moment = end
    for value, shift in (("Asleep", 0), ("InBed", -20)):
        begun = _stamp(start + dt.timedelta(minutes=shift))
        lines.append(f'<Record type="{SLEEP}" sourceName="Phone" startDate="{begun}" '
                     f'endDate="{_stamp(moment)}" value="HKCategoryValueSleepAnalysis{value}"/>')  # fmt: skip
    for hour, kind, unit, value in ((8, "Caffeine", "mg", "95"), (9, "Water", "mL", "250"), (15, "Water", "L", "0.5")):
        at = _stamp(dt.datetime.combine(day, dt.time(hour)))
        lines.append(f'<Record type="HKQuantityTypeIdentifierDietary{kind}" sourceName="App" unit="{unit}" '
                     f'startDate="{at}" endDate="{at}" value="{value}"/>')  # fmt: skip
    for minute in range(7 * 60, 23 * 60, 2):
        at = _stamp(dt.datetime.combine(day, dt.time(minute // 60, minute % 60)))
        lines.append(
            f'<Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" sourceVersion="17.1" '
            f'device="&lt;&lt;HKDevice: 0x283b2c8c0&gt;, name:iPhone, manufacturer:Apple Inc.&gt;" '
            f'unit="count" creationDate="{at}" startDate="{at}" endDate="{at}" value="{minute % 97}"/>'
        )
        lines.append(
            f'<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" '
            f'creationDate="{at}" startDate="{at}" endDate="{at}" value="{60 + minute % 40}">'
            '<MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/></Record>'
        )
    return lines


def write_export(path: Path, megabytes: int) -> int:
    """An export.xml of about `megabytes`; returns how many days it covers."""
    target = megabytes * 2**20
    day = dt.date(2015, 1, 1)
    days = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(f'{HEADER}<HealthData locale="en_GB">\n <ExportDate value="2026-11-30 07:00:00 +0000"/>\n')
        while out.tell() < target:
            out.write(" " + "\n ".join(_day(day)) + "\n")
            day += dt.timedelta(days=1)
            days += 1
        out.write("</HealthData>\n")
    return days


def run_import(path: Path, folder: Path) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB, and the import's first line (each file into a fresh diary)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(folder / f"{path.name}.db"), "import", "apple-health", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest of them all: run the small size first.
    return seconds, max(peak, before) // 1024, done.stdout.splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=1024)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--zip", action="store_true", help="also import the large export zipped")
    parser.add_argument("--write", action="store_true")
    opts = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for size in (opts.small, opts.megabytes):
            path = folder / f"export-{size}mb.xml"
            days = write_export(path, size)
            seconds, peak, said = run_import(path, folder)
            rows.append((f"{path.stat().st_size / 2**20:,.0f} MB xml", days, seconds, peak, said))
            if opts.zip and size == opts.megabytes:
                zipped = folder / f"export-{size}mb.zip"
                with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
                    archive.write(path, "apple_health_export/export.xml")
                path.unlink()
                seconds, peak, said = run_import(zipped, folder)
                rows.append((f"the same, zipped ({zipped.stat().st_size / 2**20:,.0f} MB)", days, seconds, peak, said))
            path.unlink(missing_ok=True)
    lines = [
        f"Apple Health import, {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, one run on {dt.date.today()}",
        "",
        "| export | days | wall time | peak memory (RSS) | result |",
        "| --- | ---: | ---: | ---: | --- |",
        *(f"| {what} | {days:,} | {secs:,.1f} s | {peak:,} MB | {said} |" for what, days, secs, peak, said in rows),
        "",
        f"Time per MB, large / small: {(rows[1][2] / opts.megabytes) / (rows[0][2] / opts.small):.2f}; "
        f"peak memory, large / small: {rows[1][3] / rows[0][3]:.2f}.",
    ]
    print("\n".join(lines))
    if opts.write:
        (HERE / "APPLE_HEALTH_RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
