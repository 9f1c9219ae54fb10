"""An older export of an app never replaces what a newer export of the same app brought: its
differences are listed as conflicts and the newer values stay, unless --prefer import."""

from __future__ import annotations

from pathlib import Path

from tests.apps.test_apple_health import HEADER

ASLEEP = "HKCategoryValueSleepAnalysisAsleepCore"


def _apple(folder: Path, exported: str, hours: int) -> Path:
    """An export.xml made on `exported`, with the night ending 8 Nov `hours` long."""
    night = (f'<Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Watch" value="{ASLEEP}" '
             f'startDate="2026-11-07 23:00:00 +0000" endDate="2026-11-08 {hours - 1:02d}:00:00 +0000"/>')  # fmt: skip
    folder.mkdir()
    path = folder / "export.xml"
    path.write_text(f'{HEADER}<HealthData locale="en_GB">\n <ExportDate value="{exported} 07:27:26 +0000"/>\n'
                    f" {night}\n</HealthData>\n", encoding="utf-8")  # fmt: skip
    return path


def _oura(path: Path, nights: dict[str, int]) -> Path:
    rows = "".join(f"{day},{hours * 3600}\n" for day, hours in nights.items())
    path.write_text(f"date,Total Sleep Time\n{rows}", encoding="utf-8")
    return path


def test_an_older_apple_health_export_keeps_the_newer_ones_values(cli, daily, tmp_path, frozen) -> None:
    newer = _apple(tmp_path / "20nov", "2026-11-20", 8)
    older = _apple(tmp_path / "10nov", "2026-11-10", 6)
    assert cli("import", "apple-health", str(newer)).code == 0
    result = cli("import", "apple-health", str(older))
    assert result.code == 0, result.err
    assert "conflicts: 1" in result.out
    assert "2026-11-08 sleep: the newer export's 8 h, the file's 6 h — kept the newer export's" in result.out
    assert "replaced" not in result.out
    assert daily("2026-11-08", "2026-11-08")["2026-11-08"]["sleep_h"] == "8"
    forced = cli("import", "apple-health", str(older), "--prefer", "import")
    assert "took the file's" in forced.out
    assert daily("2026-11-08", "2026-11-08")["2026-11-08"]["sleep_h"] == "6"


def test_a_newer_apple_health_export_still_replaces_an_older_ones_values(cli, daily, tmp_path, frozen) -> None:
    assert cli("import", "apple-health", str(_apple(tmp_path / "10nov", "2026-11-10", 6))).code == 0
    result = cli("import", "apple-health", str(_apple(tmp_path / "20nov", "2026-11-20", 8)))
    assert "conflicts: 0" in result.out and "1 replaced" in result.out
    assert daily("2026-11-08", "2026-11-08")["2026-11-08"]["sleep_h"] == "8"


def test_an_oura_file_ending_earlier_is_the_older_export(cli, daily, tmp_path, frozen) -> None:
    newer = _oura(tmp_path / "trends-20nov.csv", {"2026-11-08": 8, "2026-11-19": 7})
    older = _oura(tmp_path / "trends-10nov.csv", {"2026-11-01": 7, "2026-11-08": 6, "2026-11-09": 5})
    assert cli("import", "oura", str(newer)).code == 0
    result = cli("import", "oura", str(older))
    assert result.code == 0, result.err
    assert "2026-11-08 sleep: the newer export's 8 h, the file's 6 h — kept the newer export's" in result.out
    # a night the newer export no longer has, inside what it covers, is not brought back...
    assert "2026-11-09 sleep: the newer export's none, the file's 5 h — kept the newer export's" in result.out
    days = daily("2026-11-01", "2026-11-09")
    assert (days["2026-11-08"]["sleep_h"], days["2026-11-09"]["sleep_h"]) == ("8", "")
    assert days["2026-11-01"]["sleep_h"] == "7"  # ...and one before it began is added


def test_a_conflict_with_another_apps_value_names_that_app(cli, tmp_path, frozen) -> None:
    assert cli("import", "oura", str(_oura(tmp_path / "trends.csv", {"2026-11-08": 8}))).code == 0
    result = cli("import", "apple-health", str(_apple(tmp_path / "20nov", "2026-11-20", 6)))
    assert "2026-11-08 sleep: oura's 8 h, the file's 6 h — kept oura's" in result.out
