"""Apple Health's export: sleep merged across stages and sources, caffeine and water in the
diary's units, streamed from a zip or the XML, and hostile files (an XML bomb) refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.apps.conftest import FIXTURES, diary, refused

SAMPLE = FIXTURES / "apple_health" / "export6s3sample.xml"
# Apple's own header (the DTD every export starts with), taken from the real sample.
HEADER = SAMPLE.read_text(encoding="utf-8").split("<HealthData")[0]
ASLEEP = "HKCategoryValueSleepAnalysis"


def _sleep(source: str, value: str, start: str, end: str) -> str:
    return (f'<Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="{source}" sourceVersion="17.1" '
            f'creationDate="{end}" startDate="{start}" endDate="{end}" value="{ASLEEP}{value}"/>')  # fmt: skip


def _amount(kind: str, unit: str, value: str, at: str) -> str:
    return (f'<Record type="HKQuantityTypeIdentifierDietary{kind}" sourceName="WaterMinder" unit="{unit}" '
            f'creationDate="{at}" startDate="{at}" endDate="{at}" value="{value}">'
            '<MetadataEntry key="HKFoodType" value="Drink"/></Record>')  # fmt: skip


WATCH, PHONE = "Ann’s Apple Watch", "Ann’s iPhone"
RECORDS = [
    # Night ending Sat 2 Mar: the watch's stages, 2 + 1 + 1 + 3.5 h asleep, an awake quarter
    # hour not counted, and a core stage repeated inside another (overlap counted once)...
    _sleep(WATCH, "AsleepCore", "2024-03-01 23:00:00 +0100", "2024-03-02 01:00:00 +0100"),
    _sleep(WATCH, "AsleepDeep", "2024-03-02 01:00:00 +0100", "2024-03-02 02:00:00 +0100"),
    _sleep(WATCH, "AsleepREM", "2024-03-02 02:00:00 +0100", "2024-03-02 03:00:00 +0100"),
    _sleep(WATCH, "Awake", "2024-03-02 03:00:00 +0100", "2024-03-02 03:15:00 +0100"),
    _sleep(WATCH, "AsleepCore", "2024-03-02 03:15:00 +0100", "2024-03-02 06:45:00 +0100"),
    _sleep(WATCH, "AsleepCore", "2024-03-02 05:00:00 +0100", "2024-03-02 06:00:00 +0100"),
    # ...and the phone's own guess of the same night, 8.5 h "asleep", and 9.25 h in bed.
    _sleep(PHONE, "Asleep", "2024-03-01 22:30:00 +0100", "2024-03-02 07:00:00 +0100"),
    _sleep(PHONE, "InBed", "2024-03-01 22:00:00 +0100", "2024-03-02 07:15:00 +0100"),
    # Night ending Sun 3 Mar: only the phone, 7 h (in a zone an hour behind: the day lived).
    _sleep(PHONE, "AsleepUnspecified", "2024-03-02 23:30:00 +0000", "2024-03-03 06:30:00 +0000"),
    # Caffeine: 95 mg, and 0.08 g = 80 mg; 00:30 at +0100 is still Sat 2 Mar where it was drunk.
    _amount("Caffeine", "mg", "95", "2024-03-02 08:00:00 +0100"),
    _amount("Caffeine", "g", "0.08", "2024-03-02 00:30:00 +0100"),
    # Water: 500 mL + 1 L + 2 dL = 1700 ml; 16 US fl oz = 473.176473 ml.
    _amount("Water", "mL", "500", "2024-03-02 09:00:00 +0100"),
    _amount("Water", "L", "1", "2024-03-02 12:00:00 +0100"),
    _amount("Water", "dL", "2", "2024-03-02 18:00:00 +0100"),
    _amount("Water", "fl_oz_us", "16", "2024-03-03 10:00:00 +0000"),
    # A record inside a correlation is also written at the top level: read once.
    '<Correlation type="HKCorrelationTypeIdentifierFood" sourceName="WaterMinder" startDate="2024-03-02 09:00:00 '
    '+0100" endDate="2024-03-02 09:00:00 +0100">'
    + _amount("Water", "mL", "500", "2024-03-02 09:00:00 +0100")
    + "</Correlation>",
    '<Record type="HKQuantityTypeIdentifierStepCount" sourceName="x" unit="count" startDate="2024-03-02 09:00:00 '
    '+0100" endDate="2024-03-02 09:10:00 +0100" value="900"/>',
]


def _export(folder: Path, records: list[str] = RECORDS, *, header: str = HEADER) -> Path:
    path = folder / "export.xml"
    body = "\n ".join(records)
    path.write_text(f'{header}<HealthData locale="en_GB">\n <ExportDate value="2024-03-04 07:00:00 +0100"/>\n'
                    f" {body}\n</HealthData>\n", encoding="utf-8")  # fmt: skip
    return path


def _zipped(xml: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(xml, "apple_health_export/export.xml")
        archive.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    return target


@pytest.mark.parametrize("form", ["xml", "zip"])
def test_sleep_caffeine_and_water(cli, daily, tmp_path, frozen, form: str) -> None:
    xml = _export(tmp_path)
    path = xml if form == "xml" else _zipped(xml, tmp_path / "export.zip")
    result = cli("import", "apple-health", str(path))
    assert result.code == 0, result.err
    days = daily("2024-03-02", "2024-03-03")
    # The watch tells stages apart, so its night is taken over the phone's guess: 7.5 h, not 8.5.
    assert (days["2024-03-02"]["sleep_h"], days["2024-03-03"]["sleep_h"]) == ("7.5", "7")
    assert days["2024-03-02"]["caffeine_mg"] == "175"
    assert (days["2024-03-02"]["water_ml"], float(days["2024-03-03"]["water_ml"])) == (
        "1700", pytest.approx(473.176473),
    )  # fmt: skip
    assert "in-bed records (in bed is not asleep): 1 (" in result.out


def test_a_preferred_sleep_source_from_the_mapping(cli, daily, tmp_path, frozen) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text(f'["apple-health"]\nsleep_source = "{PHONE}"\n', encoding="utf-8")
    assert cli("import", "apple-health", str(_export(tmp_path)), "--map", str(mapping)).code == 0
    assert daily("2024-03-02", "2024-03-02")["2024-03-02"]["sleep_h"] == "8.5"


def test_the_real_sample_has_nothing_for_the_diary_and_says_so(cli, db_path, frozen) -> None:
    result = cli("import", "apple-health", str(SAMPLE), "--dry-run")
    assert result.code == 0, result.err
    assert "records of other kinds (steps, heart rate, ...: not in the diary): 15 (" in result.out
    assert not db_path.exists()


BOMB = """<?xml version="1.0"?>
<!DOCTYPE HealthData [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<HealthData locale="en"><Record type="&d;" sourceName="x" startDate="2024-03-02 09:00:00 +0100"
 endDate="2024-03-02 09:00:00 +0100"/></HealthData>
"""


def _write(folder: Path, name: str, text: str) -> Path:
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def _truncated_zip(folder: Path) -> Path:
    whole = _zipped(_export(folder), folder / "whole.zip").read_bytes()
    return _write_bytes(folder / "export.zip", whole[: len(whole) * 2 // 3])


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _no_export_inside(folder: Path) -> Path:
    with zipfile.ZipFile(folder / "export.zip", "w") as archive:
        archive.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    return folder / "export.zip"


@pytest.mark.parametrize(
    ("make", "mentions"),
    [
        (lambda folder: _write(folder, "export.xml", BOMB), "XML bombs are refused"),
        (
            lambda folder: _write(folder, "export.xml", _export(folder).read_text(encoding="utf-8")[:-40]),
            "a complete Apple Health export.xml",
        ),
        (_truncated_zip, "export.zip"),
        (_no_export_inside, "with export.xml in it"),
        (lambda folder: _write(folder, "export.xml", "<ClinicalDocument/>"), "<HealthData>"),
        (lambda folder: _write(folder, "export.xml", ""), "a complete Apple Health export.xml"),
        (
            lambda folder: _export(folder, [_amount("Water", "gallons", "1", "2024-03-02 09:00:00 +0100")]),
            "record 1: unit",
        ),
        (
            lambda folder: _export(folder, [_amount("Caffeine", "mg", "lots", "2024-03-02 09:00:00 +0100")]),
            "record 1: value",
        ),
        (
            lambda folder: _export(folder, [_sleep(PHONE, "Asleep", "yesterday", "2024-03-02 07:00:00 +0100")]),
            "record 1: startDate",
        ),
        (
            lambda folder: _export(
                folder, [_sleep(PHONE, "Asleep", "2024-03-02 07:00:00 +0100", "2024-03-01 23:00:00 +0100")]
            ),
            "record 1: endDate",
        ),
        (lambda folder: folder / "export.zip", "export.zip"),
    ],
    ids=[
        "xml-bomb",
        "truncated-xml",
        "truncated-zip",
        "zip-without-export",
        "not-health-data",
        "empty",
        "unknown-unit",
        "bad-value",
        "bad-date",
        "ends-before-it-starts",
        "no-such-file",
    ],
)
def test_hostile_exports_are_refused_in_one_line_and_nothing_is_written(cli, db_path, tmp_path, frozen, make,
                                                                         mentions: str) -> None:  # fmt: skip
    cli("log", "caffeine", "95")
    before = diary(db_path)
    folder = tmp_path / "in"
    folder.mkdir()
    refused(cli("import", "apple-health", str(make(folder))), mentions=mentions)
    assert diary(db_path) == before
