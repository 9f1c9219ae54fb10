"""A zip holding the export's file twice: Apple's own path is read, and where the zip does not
say which one is the export, it is refused in one line naming them."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.apps.conftest import FIXTURES, diary, refused
from tests.apps.test_apple_health import HEADER

LOOP = FIXTURES / "loop"


def _health(hours: int) -> str:
    night = ('<Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Watch" '
             'value="HKCategoryValueSleepAnalysisAsleepCore" startDate="2026-11-07 23:00:00 +0000" '
             f'endDate="2026-11-08 {hours - 1:02d}:00:00 +0000"/>')  # fmt: skip
    return f'{HEADER}<HealthData locale="en_GB">\n {night}\n</HealthData>\n'


def test_apples_own_export_xml_is_read_over_another(cli, daily, tmp_path, frozen) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("apple_health_export/export.xml", _health(8))
        archive.writestr("other/export.xml", _health(5))
    assert cli("import", "apple-health", str(path)).code == 0
    assert daily("2026-11-08", "2026-11-08")["2026-11-08"]["sleep_h"] == "8"


def test_two_export_xml_neither_at_apples_path_are_refused(cli, db_path, tmp_path, frozen) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mine/export.xml", _health(8))
        archive.writestr("other/export.xml", _health(5))
    result = cli("import", "apple-health", str(path))
    refused(result, mentions="mine/export.xml, other/export.xml")
    assert diary(db_path) == {}


def test_a_loop_zip_with_two_habit_lists_side_by_side_is_refused(cli, db_path, tmp_path: Path, frozen) -> None:
    path = tmp_path / "loop.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for copy in ("a", "b"):
            for file in LOOP.rglob("*.csv"):
                archive.write(file, f"{copy}/{file.relative_to(LOOP).as_posix()}")
    refused(cli("import", "loop", str(path)), mentions="a/Habits.csv, b/Habits.csv")
    assert diary(db_path) == {}


def test_a_fitbit_folder_holding_the_takeout_twice_is_refused(cli, db_path, tmp_path: Path, frozen) -> None:
    sleeps = FIXTURES / "fitbit" / "UserSleeps_2026-10-01.csv"
    folder = tmp_path / "Takeout"
    for copy in ("Fitbit", "Fitbit (1)"):
        (folder / copy).mkdir(parents=True)
        (folder / copy / sleeps.name).write_bytes(sleeps.read_bytes())
    refused(cli("import", "fitbit", str(folder)), mentions="Fitbit/UserSleeps_2026-10-01.csv, Fitbit (1)/")
    assert diary(db_path) == {}
