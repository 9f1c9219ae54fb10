"""No CSV the tracker writes holds a cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London

# What spreadsheets (Excel, LibreOffice, Google Sheets) run as a formula when a cell starts with it,
# listed here on their own so the test does not trust the code's list.
RUNS_AS_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
HOSTILE = [
    "=1+1",
    "+SUM(1,1)",
    "-2+3",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.invalid","x")',
    "＝1+1",
    "'=1+1",
]
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def unguarded(text: str) -> list[tuple[int, int, str]]:
    """(row, column, cell) of every cell a spreadsheet would run."""
    return [
        (row_number, column, cell)
        for row_number, row in enumerate(csv.reader(io.StringIO(text, newline="")))
        for column, cell in enumerate(row)
        if cell.startswith(RUNS_AS_FORMULA) and not NUMBER.match(cell)
    ]


def read(path: Path) -> str:
    """The file's text as written (a line break inside a cell stays what it was)."""
    return path.read_bytes().decode("utf-8")


@pytest.fixture
def hostile_diary(cli, tmp_path) -> None:
    """Hostile text in every field a person can type: refused fields (tags, names) are fine too."""
    for number, text in enumerate(HOSTILE):
        # --note=TEXT: "-2+3" after a bare --note would be read as an option.
        assert cli("log", "twitch", "--at", f"2026-11-2{number % 4}T0{number % 9}:00", f"--note={text}").code == 0
        cli("log", "twitch", f"--context={text}", f"--relief={text}")
        cli("log", "caffeine", "95", f"--note={text}")
        cli("log", "redflag", "other", "--date", "2026-11-20", f"--note={text}")
        cli("intervention", "start", text, f"--note={text}", "--date", "2026-11-01")
        cli("preset", "set", text, "caffeine", "50")
        assert cli("factor", "add", f"dose{number}", "--kind", "number", f"--unit={text}").code == 0
        cli("factor", "add", text, "--kind", "yes-no")
    assert cli("factor", "add", "temperature", "--kind", "scale", "--min", "-10", "--max", "10").code == 0
    assert cli("log", "temperature", "-5").code == 0
    notes = tmp_path / "notes.csv"
    # A day note can only come from a file today; the file's own cells are as hostile as it gets.
    rows = "".join(
        f'2026-11-{10 + number},"{text.replace(chr(34), chr(34) * 2)}"\n' for number, text in enumerate(HOSTILE)
    )
    notes.write_text("date,note\n" + rows, encoding="utf-8", newline="")
    assert cli("import", "csv", str(notes)).code == 0


def test_no_csv_the_tracker_writes_has_a_formula_cell(cli, hostile_diary, tmp_path) -> None:
    daily, episodes, packet = tmp_path / "daily.csv", tmp_path / "episodes.csv", tmp_path / "packet"
    assert cli("export", "csv", "-o", str(daily)).code == 0
    assert cli("export", "csv", "--episodes", "-o", str(episodes)).code == 0
    assert cli("export", "visit", str(packet)).code == 0
    files = [daily, episodes, *sorted(packet.glob("*.csv"))]
    assert [path.name for path in files] == ["daily.csv", "episodes.csv", "daily.csv", "dictionary.csv", "episodes.csv"]
    for path in files:
        assert unguarded(read(path)) == [], path
    dictionary = read(packet / "dictionary.csv")
    assert "'=1+1" in dictionary and "'@SUM(1)" in dictionary  # the units, shown as text
    assert ",-5," in read(daily)  # a negative number stays a number


def test_the_guarded_text_comes_back_as_typed(cli, hostile_diary, tmp_path) -> None:
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    assert cli("export", "csv", "--episodes", "-o", str(first)).code == 0
    assert cli("import", "csv", str(first), db=tmp_path / "copy.db").code == 0
    assert cli("export", "csv", "--episodes", "-o", str(second), db=tmp_path / "copy.db").code == 0
    assert second.read_bytes() == first.read_bytes()
    from tracker.io.csv_cells import restore_text

    notes = [row["note"] for row in csv.DictReader(io.StringIO(read(first), newline=""))]
    assert {restore_text(note) for note in notes if note} == set(HOSTILE)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.text(max_size=20))
def test_guarding_is_undone_exactly_and_never_leaves_a_formula(text: str) -> None:
    from tracker.io.csv_cells import csv_text, neutralise, restore_text

    assert restore_text(neutralise(text)) == text
    assert unguarded(csv_text([[text]])) == []


def test_every_csv_is_written_by_the_one_guarded_writer() -> None:
    """A new CSV (a new export, a new packet file) goes through csv_cells.csv_text, not csv.writer."""
    root = Path(__file__).resolve().parents[1] / "tracker"
    writers = [path.name for path in root.rglob("*.py") if "csv.writer(" in path.read_text(encoding="utf-8")]
    assert writers == ["csv_cells.py"]
