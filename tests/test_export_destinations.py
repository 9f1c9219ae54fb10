"""Where each export goes without a path, as the README says: `export csv` to standard output
(for a pipe or `> file`), the chart to the exports folder; nothing else is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.paths import exports_dir

pytestmark = pytest.mark.usefixtures("frozen")
README = Path(__file__).resolve().parent.parent / "README.md"


def test_export_csv_without_a_path_writes_to_standard_output_as_the_readme_says(cli) -> None:
    assert cli("log", "stress", "4").code == 0
    result = cli("export", "csv")
    assert result.code == 0 and result.out.startswith("date,") and "2026-11-24" in result.out
    assert not exports_dir().exists()
    exports_row = next(line for line in README.read_text().splitlines() if line.startswith("| exports |"))
    assert "writes to standard output without `-o`" in exports_row


def test_the_chart_without_a_path_goes_to_the_exports_folder_as_the_readme_says(cli) -> None:
    assert cli("log", "twitch").code == 0
    result = cli("chart")
    assert result.code == 0
    written = sorted(exports_dir().iterdir())
    assert [path.name for path in written] == ["twitch-weekly-2026-11-24.png"]
    assert str(written[0]) in result.out
    assert "`tracker chart`" in README.read_text()
