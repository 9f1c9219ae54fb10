"""The CSV contract: formats, formula safety, all-or-nothing import, byte-identical round trip."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("frozen")


def seed(cli) -> None:
    cli(
        "log",
        "twitch",
        "--at",
        "2026-11-20T08:15",
        "--location",
        "eyelid",
        "--side",
        "left",
        "--intensity",
        "2",
        "--duration",
        "45",
        "--context",
        "screen",
        "--note",
        '=HYPERLINK("http://x")',
    )
    cli("log", "twitch", "--at", "2026-11-20T21:00+02:00", "--relief", "pressed", "--note", '-ish, "quoted"\nnew line')
    cli("log", "caffeine", "95", "--at", "2026-11-20T08:00")
    cli("log", "stress", "7", "--at", "2026-11-20T09:00")
    cli("log", "stress", "8", "--at", "2026-11-20T10:00")
    cli("log", "stress", "8", "--at", "2026-11-20T11:00")
    cli("log", "none", "--date", "2026-11-22")
    cli("log", "redflag", "spreading", "--date", "2026-11-23")
    cli("log", "sleep", "7", "--date", "2026-11-24")


def export_both(cli, folder: Path) -> tuple[bytes, bytes]:
    folder.mkdir(exist_ok=True)
    assert cli("export", "csv", "-o", str(folder / "daily.csv")).code == 0
    assert cli("export", "csv", "--episodes", "-o", str(folder / "episodes.csv")).code == 0
    return (folder / "daily.csv").read_bytes(), (folder / "episodes.csv").read_bytes()


def test_daily_format(cli) -> None:
    seed(cli)
    lines = cli("export", "csv").out.split("\r\n")
    assert lines[0] == (
        "date,tracked,episodes,total_duration_s,max_intensity,locations,caffeine_mg,sleep_h,"
        "water_ml,stress,magnesium_mg,red_flags,note"
    )
    assert lines[1] == "2026-11-20,1,2,45,2,eyelid,95,,,7.666667,,,"
    assert lines[2] == "2026-11-21,0,,,,,,,,,,,"  # untracked: unknown, not zero
    assert lines[3] == "2026-11-22,1,0,0,,,,,,,,,"  # checked in: zero twitches
    assert lines[4] == "2026-11-23,1,,,,,,,,,,spreading,"  # a red flag alone: twitches not answered, not 0
    assert lines[5] == "2026-11-24,1,,,,,,7,,,,,"  # sleep alone: the same


def test_episodes_format_and_formula_injection(cli) -> None:
    seed(cli)
    text = cli("export", "csv", "--episodes").out
    lines = text.split("\r\n")
    assert lines[0] == "started_at,date,location,side,intensity,duration_s,context,relief,note"
    assert lines[1].startswith("2026-11-20T08:15:00+00:00,2026-11-20,eyelid,left,2,45,screen,,")
    assert "'=HYPERLINK" in lines[1]  # neutralised for spreadsheets
    assert text.count("'-ish") == 1
    assert "2026-11-20T21:00:00+02:00,2026-11-20" in text  # the local date lived, with its offset


def test_round_trip_is_byte_identical(cli, tmp_path) -> None:
    seed(cli)
    daily, episodes = export_both(cli, tmp_path / "one")
    fresh = tmp_path / "fresh.db"
    result = cli("import", "csv", str(tmp_path / "one" / "daily.csv"), str(tmp_path / "one" / "episodes.csv"), db=fresh)
    assert result.code == 0, result.err
    again = tmp_path / "two"
    again.mkdir()
    assert cli("export", "csv", "-o", str(again / "daily.csv"), db=fresh).code == 0
    assert cli("export", "csv", "--episodes", "-o", str(again / "episodes.csv"), db=fresh).code == 0
    assert (again / "daily.csv").read_bytes() == daily
    assert (again / "episodes.csv").read_bytes() == episodes
    notes = [row[0] for row in sqlite3.connect(fresh).execute("SELECT note FROM episode ORDER BY started_at")]
    assert notes == ['=HYPERLINK("http://x")', '-ish, "quoted"\nnew line']  # original text back


def test_reimport_changes_nothing(cli, tmp_path, db_path) -> None:
    seed(cli)
    daily, episodes = export_both(cli, tmp_path / "out")
    before = sqlite3.connect(db_path).execute("SELECT count(*) FROM episode").fetchone()[0]
    result = cli("import", "csv", str(tmp_path / "out" / "daily.csv"), str(tmp_path / "out" / "episodes.csv"))
    assert result.code == 0 and "0 new episodes, 0 days changed" in result.out
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM episode").fetchone()[0] == before
    assert export_both(cli, tmp_path / "again") == (daily, episodes)


def test_import_subset_of_columns_and_offsetless_times_are_local(cli, tmp_path) -> None:
    (tmp_path / "e.csv").write_text("started_at,location\n2026-07-01T12:00,cheek\n", encoding="utf-8")
    (tmp_path / "d.csv").write_text("date,caffeine_mg,note\n2026-07-02,200,busy day\n", encoding="utf-8")
    assert cli("import", "csv", str(tmp_path / "e.csv"), str(tmp_path / "d.csv")).code == 0
    episodes = cli("export", "csv", "--episodes").out
    assert "2026-07-01T12:00:00+01:00,2026-07-01,cheek" in episodes  # London summer time
    daily = cli("export", "csv", "--from", "2026-07-02", "--to", "2026-07-02").out.splitlines()
    assert daily[1] == "2026-07-02,1,,,,,200,,,,,,busy day"  # twitches not answered that day


@pytest.mark.parametrize(
    "content,message",
    [
        ("date,coffee_cups\n2026-11-01,2\n", "coffee_cups"),
        ("date,caffeine_mg\n2026-11-01,95\n2026-11-02,lots\n", "line 3"),
        ("started_at,intensity\n2026-11-01T10:00,3\n2026-11-01T11:00,9\n", "line 3"),
        ("when,what\n2026-11-01,x\n", "started_at"),
        ("date,tracked\n2026-11-01,yes\n", "tracked"),
        ("date,caffeine_mg\n2026-11-01,1e308\n", "caffeine_mg: '1e308' is not allowed; allowed 0–2,000 mg"),
        ("started_at,duration_s\n2026-11-01T10:00:00+00:00,1.5\n", "duration_s: '1.5' is not allowed; whole seconds"),
        ("started_at\n2026-11-01T10:00:00.5+00:00\n", "started_at: '2026-11-01T10:00:00.5+00:00' is not allowed"),
    ],
)
def test_bad_import_reports_and_writes_nothing(cli, tmp_path, db_path, content: str, message: str) -> None:
    good = tmp_path / "good.csv"
    good.write_text("date,caffeine_mg\n2026-10-01,95\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    result = cli("import", "csv", str(good), str(bad))
    assert result.code == 2 and message in result.err and len(result.err.strip().splitlines()) == 1
    assert not db_path.exists()  # the good file was not half-imported, and no new diary is left behind


def test_import_of_directory_missing_file_and_non_utf8(cli, tmp_path) -> None:
    assert "directory" in cli("import", "csv", str(tmp_path)).err
    assert "exists" in cli("import", "csv", str(tmp_path / "missing.csv")).err
    (tmp_path / "latin.csv").write_bytes("date,note\n2026-11-01,caf\xe9\n".encode("latin-1"))
    result = cli("import", "csv", str(tmp_path / "latin.csv"))
    assert result.code == 2 and "UTF-8" in result.err


def test_bom_and_crlf_are_accepted(cli, tmp_path) -> None:
    (tmp_path / "bom.csv").write_bytes("\ufeffdate,caffeine_mg\r\n2026-11-01,95\r\n2026-11-02,63\n".encode())
    assert cli("import", "csv", str(tmp_path / "bom.csv")).code == 0
    assert "2026-11-02,1,,,,,63" in cli("export", "csv").out


def test_identical_twitches_in_the_same_second_are_both_kept(cli, tmp_path) -> None:
    cli("log", "twitch")
    cli("log", "twitch")  # the clock is frozen: the same second, the same details
    cli("log", "twitch", "--at", "08:00", "--note", "a")
    _, episodes = export_both(cli, tmp_path / "out")
    fresh = tmp_path / "fresh.db"
    assert cli("import", "csv", str(tmp_path / "out" / "episodes.csv"), db=fresh).code == 0
    assert "0 new episodes" in cli("import", "csv", str(tmp_path / "out" / "episodes.csv"), db=fresh).out
    assert cli("export", "csv", "--episodes", db=fresh).out.encode() == episodes
    assert episodes.count(b"\r\n") == 4  # header and three episodes
