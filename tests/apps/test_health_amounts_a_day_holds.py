"""Caffeine and water from Apple Health keep the rules `log` keeps: a day over what a day holds
is not imported (and is listed with its values), and one drink two apps both wrote is one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.apps.conftest import diary
from tests.apps.test_apple_health import _export

pytestmark = pytest.mark.usefixtures("frozen")


def _record(kind: str, unit: str, value: str, at: str, source: str = "x") -> str:
    return (f'<Record type="HKQuantityTypeIdentifierDietary{kind}" sourceName="{source}" unit="{unit}" '
            f'creationDate="{at}" startDate="{at}" endDate="{at}" value="{value}"/>')  # fmt: skip


def test_a_day_over_the_cap_is_listed_not_imported_and_the_export_imports_back(cli, daily, tmp_path) -> None:
    xml = _export(tmp_path, [
        _record("Caffeine", "mg", "1500", "2026-11-20 10:00:00 +0000"),
        _record("Caffeine", "mg", "1500", "2026-11-20 11:00:00 +0000"),
        _record("Water", "L", "9", "2026-11-21 10:00:00 +0000"),
        _record("Water", "L", "9", "2026-11-21 12:00:00 +0000"),
        _record("Caffeine", "mg", "95", "2026-11-21 08:00:00 +0000"),
    ])  # fmt: skip
    result = cli("import", "apple-health", str(xml))
    assert result.code == 0, result.err
    listed = "days over what a day of {} holds ({}; not imported): 1 ({})"
    assert listed.format("caffeine", "2000 mg", "2026-11-20: 1500 mg + 1500 mg") in result.out
    assert listed.format("water", "10000 ml", "2026-11-21: 9000 ml + 9000 ml") in result.out
    assert "entries per factor: caffeine 1" in result.out
    days = daily("2026-11-20", "2026-11-21")
    assert "2026-11-20" not in days and days["2026-11-21"]["water_ml"] == ""
    assert days["2026-11-21"]["caffeine_mg"] == "95"
    # the diary's own export imports back into a fresh diary, and the day still takes a coffee
    assert cli("export", "csv", "-o", str(tmp_path / "out.csv")).code == 0
    assert cli("import", "csv", str(tmp_path / "out.csv"), db=tmp_path / "fresh.db").code == 0
    assert cli("log", "caffeine", "95", "--date", "2026-11-20").code == 0


def test_one_drink_two_apps_wrote_at_the_same_moment_counts_once(cli, daily, tmp_path: Path, db_path) -> None:
    at = "2026-11-20 08:00:00 +0000"
    xml = _export(tmp_path, [
        _record("Caffeine", "mg", "95", at, "MyFitnessPal"),
        _record("Caffeine", "mg", "95", at, "Caffeine Tracker"),
        _record("Caffeine", "mg", "63", "2026-11-20 15:00:00 +0000", "Caffeine Tracker"),
        _record("Caffeine", "mg", "63", "2026-11-20 15:00:00 +0000", "Caffeine Tracker"),  # the same app twice: two
    ])  # fmt: skip
    result = cli("import", "apple-health", str(xml))
    assert result.code == 0, result.err
    assert "caffeine records another source also wrote (counted once): 1 (export.xml record 2)" in result.out
    assert daily("2026-11-20", "2026-11-20")["2026-11-20"]["caffeine_mg"] == str(95 + 63 + 63)
    before = diary(db_path)
    assert cli("import", "apple-health", str(xml)).code == 0  # again: nothing new
    assert diary(db_path) == before
