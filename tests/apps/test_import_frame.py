"""What every import from another app promises: a dry run that writes nothing and prints the
mapping, one undoable action, a second import that changes nothing, the person's own entries
kept (or, asked, replaced), and every imported entry saying where it came from, through the
CSV export and back."""

from __future__ import annotations

import json
from pathlib import Path

from tests.apps.conftest import FIXTURES, diary
from tests.helpers.processes import select_rows

DAYLIO = FIXTURES / "daylio" / "staticf0x_test_data.csv"
OURA = FIXTURES / "oura" / "oura_trends.csv"


def test_a_dry_run_says_what_would_happen_and_writes_nothing(cli, db_path, frozen) -> None:
    result = cli("import", "daylio", str(DAYLIO), "--dry-run")
    assert result.code == 0, result.err
    assert not db_path.exists()  # not even an empty diary
    out = result.out
    assert "dates: 2020-05-25 to 2020-05-30, 5 days with entries" in out
    assert "mood 32" in out and "nap 4" in out  # entries per factor
    assert "factors to create: mood (scale 1–5)" in out
    assert "day notes to set: 3" in out
    assert "conflicts: 0" in out
    cli("log", "caffeine", "95")
    before = diary(db_path)
    assert cli("import", "daylio", str(DAYLIO), "--dry-run").code == 0
    assert diary(db_path) == before


def test_the_printed_mapping_saved_and_passed_back_imports_the_same(cli, daily, tmp_path, frozen) -> None:
    printed = cli("import", "daylio", str(DAYLIO), "--dry-run").out
    mapping = tmp_path / "map.toml"
    mapping.write_text(printed[printed.index("# the mapping used") :], encoding="utf-8")
    edited = mapping.read_text(encoding="utf-8").replace('factor = "nap"', 'factor = "napped"')
    mapping.write_text(edited, encoding="utf-8")
    assert cli("import", "daylio", str(DAYLIO), "--map", str(mapping)).code == 0
    days = daily("2020-05-25", "2020-05-30")
    assert days["2020-05-27"]["mood"] == "4.3"
    assert days["2020-05-25"]["napped"] == "1"
    assert "nap" not in days["2020-05-25"]


def test_importing_the_same_file_twice_changes_nothing_the_second_time(cli, db_path, frozen) -> None:
    assert cli("import", "daylio", str(DAYLIO)).code == 0
    once = diary(db_path)
    again = cli("import", "daylio", str(DAYLIO))
    assert again.code == 0
    assert "nothing new" in again.out
    assert diary(db_path) == once
    # ...and undo right after the second import reverses it (nothing), not the first import.
    cli("undo")
    assert diary(db_path) == once


def test_undo_removes_the_whole_import_and_the_factors_it_created(cli, db_path, frozen) -> None:
    cli("log", "caffeine", "95")
    before = diary(db_path)
    assert cli("import", "daylio", str(DAYLIO)).code == 0
    assert len(diary(db_path)["factor_entry"]) == 1 + 57
    assert cli("undo").code == 0
    assert diary(db_path) == before


def test_the_persons_own_value_is_kept_and_the_conflict_reported(cli, daily, db_path, frozen) -> None:
    cli("log", "sleep", "8", "--date", "2020-03-02")
    result = cli("import", "oura", str(OURA))
    assert result.code == 0, result.err
    assert "2020-03-02 sleep: yours 8 h, the file's 7 h 30 min — kept yours" in result.out
    days = daily("2020-03-02", "2020-03-04")
    assert (days["2020-03-02"]["sleep_h"], days["2020-03-04"]["sleep_h"]) == ("8", "6")
    assert days["2020-03-03"]["tracked"] == "0"  # the night the ring was not worn: not logged


def test_prefer_import_takes_the_files_value_and_undo_puts_the_persons_back(cli, daily, db_path, frozen) -> None:
    cli("log", "sleep", "8", "--date", "2020-03-02")
    before = diary(db_path)
    result = cli("import", "oura", str(OURA), "--prefer", "import")
    assert result.code == 0, result.err
    assert "took the file's" in result.out
    assert daily("2020-03-02", "2020-03-02")["2020-03-02"]["sleep_h"] == "7.5"
    cli("undo")
    assert diary(db_path) == before


def test_a_value_the_person_already_logged_the_same_is_no_conflict(cli, frozen) -> None:
    cli("log", "sleep", "7.5", "--date", "2020-03-02")
    result = cli("import", "oura", str(OURA))
    assert "conflicts: 0" in result.out
    assert "already in the diary: 1" in result.out


def test_the_source_travels_through_the_csv_export_and_back(cli, tmp_path, frozen) -> None:
    assert cli("import", "oura", str(OURA)).code == 0
    exported = tmp_path / "daily.csv"
    assert cli("export", "csv", "-o", str(exported)).code == 0
    header, *rows = exported.read_text(encoding="utf-8").splitlines()
    assert header.endswith(",note,sources")
    assert rows[0].endswith(",sleep_h=oura:oura_trends.csv")
    other = tmp_path / "other.db"
    assert cli("import", "csv", str(exported), db=other).code == 0
    assert select_rows(other, "SELECT local_date, value, source FROM factor_entry") == [
        ("2020-03-02", 7.5, "oura:oura_trends.csv"), ("2020-03-04", 6.0, "oura:oura_trends.csv"),
    ]  # fmt: skip
    items = json.loads(cli("list", "--from", "2020-03-01", "--to", "2020-03-05", "--json", db=other).out)
    assert [item["source"] for item in items] == ["oura:oura_trends.csv"] * 2


def test_twitches_from_an_app_keep_their_source_in_the_episodes_export(cli, tmp_path, frozen) -> None:
    daylio = tmp_path / "daylio.csv"
    daylio.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\n"
        "2026-11-20,20 November,Friday,8:15 am,meh,twitch,,\n",
        encoding="utf-8",
    )
    assert cli("import", "daylio", str(daylio)).code == 0
    episodes = tmp_path / "episodes.csv"
    assert cli("export", "csv", "--episodes", "-o", str(episodes)).code == 0
    header, row = episodes.read_text(encoding="utf-8").splitlines()
    assert header.endswith(",note,source")
    assert row.startswith("2026-11-20T08:15:00+00:00,2026-11-20,unspecified,unspecified,,,")
    assert row.endswith(",daylio:daylio.csv")
    other = tmp_path / "other.db"
    assert cli("import", "csv", str(episodes), db=other).code == 0
    assert select_rows(other, "SELECT location, intensity, source FROM episode") == [
        ("unspecified", None, "daylio:daylio.csv")
    ]


def test_a_diary_without_imports_exports_as_it_always_did(cli, tmp_path, frozen) -> None:
    cli("log", "caffeine", "95")
    cli("log", "twitch", "--location", "eyelid", "--side", "left", "--intensity", "2")
    daily_text = cli("export", "csv").out
    episodes_text = cli("export", "csv", "--episodes").out
    assert daily_text.splitlines()[0].endswith(",red_flags,note")
    assert episodes_text.splitlines()[0] == "started_at,date,location,side,intensity,duration_s,context,relief,note"
    # Round trip, byte for byte.
    for name, text in (("daily.csv", daily_text), ("episodes.csv", episodes_text)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    other = tmp_path / "other.db"
    assert cli("import", "csv", str(tmp_path / "daily.csv"), str(tmp_path / "episodes.csv"), db=other).code == 0
    assert cli("export", "csv", db=other).out == daily_text
    assert cli("export", "csv", "--episodes", db=other).out == episodes_text


def test_tracker_csv_import_is_still_import_csv(cli, tmp_path: Path, frozen) -> None:
    daily_file = tmp_path / "daily.csv"
    daily_file.write_text("date,caffeine_mg\n2026-11-20,95\n", encoding="utf-8")
    result = cli("import", "csv", str(daily_file))
    assert result.code == 0, result.err
    assert "1 factor value" in result.out
