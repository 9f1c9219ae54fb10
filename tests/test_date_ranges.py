"""--from, --to and --as-of: held to the diary's own span, said so, or refused with nothing written."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from tracker.io import export as export_module
from tracker.storage import history as history_module
from tracker.storage import queries as days_module

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London

TODAY = dt.date(2026, 11, 24)
FIRST = dt.date(2026, 10, 1)


@pytest.fixture
def eight_weeks_db(cli, db_path) -> Path:
    """Eight weeks of twitches and coffee, from 1 October to today."""
    day = FIRST
    while day <= TODAY:
        assert cli("log", "twitch", "--at", f"{day.isoformat()}T08:00", "--location", "eyelid").code == 0
        assert cli("log", "caffeine", "95", "--date", day.isoformat()).code == 0
        day += dt.timedelta(days=3)
    return db_path


@pytest.fixture
def days_built(monkeypatch) -> list[tuple[dt.date, dt.date]]:
    """Every range of daily rows built, whoever asks; a range outside the diary stops the command
    at once (before it would build millions of rows)."""
    ranges: list[tuple[dt.date, dt.date]] = []
    real = days_module.daily_rows

    def counted(*, session, start: dt.date, end: dt.date):  # type: ignore[no-untyped-def]
        ranges.append((start, end))
        assert start >= FIRST and end <= TODAY, f"daily rows built from {start} to {end}"
        return real(session=session, start=start, end=end)

    for module in (history_module, export_module):
        monkeypatch.setattr(module, "daily_rows", counted)
    return ranges


def snapshot(folder: Path, db_path: Path) -> tuple[list[str], list[str]]:
    """The files in `folder` (hidden ones too) and the database's contents."""
    with sqlite3.connect(db_path) as conn:
        dump = list(conn.iterdump())
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path != db_path), dump


# --- dates beyond the diary are brought to its edge, and said so ----------------------------------------


def test_analyze_as_of_the_far_future_is_as_of_today_and_says_so(cli, eight_weeks_db, days_built) -> None:
    result = cli("analyze", "--json", "--as-of", "9999-12-31")
    assert result.code == 0, result.err
    analysis = json.loads(result.out)
    assert analysis["as_of"] == "2026-11-24" and analysis["range"]["to"] == "2026-11-24"
    assert analysis["range"]["clamped"] == [
        {"option": "--as-of", "given": "9999-12-31", "used": "2026-11-24", "why": "after today"}
    ]
    text = cli("analyze", "--as-of", "9999-12-31").out
    assert "(--as-of 9999-12-31 is after today: using 2026-11-24)" in text.splitlines()[1]
    assert days_built and all(end == TODAY for _, end in days_built)


def test_analyze_from_long_ago_starts_at_the_first_logged_day(cli, eight_weeks_db, days_built) -> None:
    analysis = json.loads(cli("analyze", "--json", "--from", "1900-01-01").out)
    assert analysis["range"]["from"] == FIRST.isoformat()
    assert analysis["range"]["clamped"][0]["why"] == "before the first logged day"


@pytest.mark.parametrize(
    "argv,said",
    [
        (["report", "-o", "{tmp}/r.pdf", "--to", "2099-12-31"], "--to 2099-12-31 is after today: using 2026-11-24"),
        (["report", "-o", "{tmp}/r.pdf", "--from", "0001-01-01"], "--from 0001-01-01 is before the first logged day"),
        (["export", "visit", "{tmp}/v", "--from", "1950-01-01", "--to", "9999-12-31"], "--to 9999-12-31 is after"),
        (["export", "csv", "--from", "0001-01-01", "-o", "{tmp}/d.csv"], "using 2026-10-01"),
        (["export", "csv", "--episodes", "--to", "9999-12-31"], "--to 9999-12-31 is after today"),
    ],
    ids=lambda value: " ".join(value)[:50] if isinstance(value, list) else None,
)
def test_reports_and_exports_hold_their_range_to_the_diary(
    cli, eight_weeks_db, days_built, tmp_path, argv, said
) -> None:
    result = cli(*[arg.replace("{tmp}", str(tmp_path)) for arg in argv])
    assert result.code == 0, result.err
    assert said in result.err


def test_an_export_from_long_ago_starts_at_the_first_logged_day(cli, eight_weeks_db, days_built, tmp_path) -> None:
    out = tmp_path / "d.csv"
    assert cli("export", "csv", "--from", "0001-01-01", "-o", str(out)).code == 0
    lines = out.read_text().splitlines()
    assert lines[1].startswith("2026-10-01,1,1,") and lines[-1].startswith("2026-11-24,")


# --- a range with no day of the diary in it: one line, exit 2, nothing written ------------------------------


@pytest.mark.parametrize(
    "argv,names",
    [
        (["analyze", "--as-of", "0001-01-01"], "--as-of"),
        (["analyze", "--as-of", "2026-09-30"], "--as-of"),
        (["analyze", "--from", "2030-01-01"], "--from"),
        (["analyze", "--from", "2026-11-20", "--as-of", "2026-11-10"], "--from"),
        (["report", "--to", "0001-01-01", "-o", "{tmp}/r.pdf"], "--to"),
        (["report", "--from", "2099-01-01", "-o", "{tmp}/r.pdf"], "--from"),
        (["export", "visit", "{tmp}/packet", "--to", "0001-01-01"], "--to"),
        (["export", "visit", "{tmp}/packet", "--from", "2027-01-01"], "--from"),
        (["export", "csv", "--to", "1999-12-31", "-o", "{tmp}/d.csv"], "--to"),
        (["export", "csv", "--episodes", "--from", "2027-01-01", "-o", "{tmp}/e.csv"], "--from"),
        (["list", "--from", "2027-01-01"], "--from"),
        (["chart", "--factor", "caffeine", "--factor", "caffeine", "-o", "{tmp}/c.png"], "--factor"),
        (["chart", "--factor", "caffeine", "--factor", "caffeine_mg", "-o", "{tmp}/c.png"], "--factor"),
    ],
    ids=lambda value: " ".join(value)[:60] if isinstance(value, list) else None,
)
def test_bad_values_are_one_line_exit_2_and_nothing_written(cli, eight_weeks_db, tmp_path, argv, names) -> None:
    before = snapshot(tmp_path, eight_weeks_db)
    result = cli(*[arg.replace("{tmp}", str(tmp_path)) for arg in argv])
    lines = result.err.strip().splitlines()
    assert result.code == 2 and len(lines) == 1 and lines[0].startswith(f"tracker: error: {names}:"), result.err
    assert snapshot(tmp_path, eight_weeks_db) == before


def test_the_reason_names_the_first_logged_day(cli, eight_weeks_db) -> None:
    err = cli("analyze", "--as-of", "0001-01-01").err
    assert "a date from the first logged day, 2026-10-01, on" in err


# --- the visit packet is all six files or nothing -----------------------------------------------------------


@pytest.mark.parametrize("existing", [False, True])
def test_a_packet_that_fails_half_way_leaves_nothing(
    cli, eight_weeks_db, tmp_path, monkeypatch, existing: bool
) -> None:
    from tracker.report import outputs as insights

    folder = tmp_path / "packet"
    if existing:
        folder.mkdir(parents=True)
        (folder / "notes.txt").write_text("mine")
    before = snapshot(tmp_path, eight_weeks_db)

    def full_disk(*args: object, **kwargs: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(insights, "draw_site_chart", full_disk)  # the last of the six files
    result = cli("export", "visit", str(folder))
    assert result.code == 2 and "no space left" in result.err.lower()
    assert snapshot(tmp_path, eight_weeks_db) == before


def test_a_packet_into_an_existing_folder_replaces_the_six_files(cli, eight_weeks_db, tmp_path) -> None:
    folder = tmp_path / "packet"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    (folder / "daily.csv").write_text("old")
    assert cli("export", "visit", str(folder)).code == 0
    names = sorted(path.name for path in folder.iterdir())
    assert names == ["chart.png", "daily.csv", "dictionary.csv", "episodes.csv", "notes.txt", "report.pdf", "sites.png"]
    assert (folder / "daily.csv").read_text().startswith("date,tracked,")
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]
