"""A diary's own factors travel with its CSV export: export, import into a fresh diary, export
again, and nothing is lost or changed (the factors file, README "CSV")."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.apps.conftest import diary, refused

pytestmark = pytest.mark.usefixtures("frozen")


def seed(cli) -> None:  # type: ignore[no-untyped-def]
    for args in (
        ("mood", "--kind", "scale", "--min", "1", "--max", "5"),
        ("alcohol", "--kind", "number", "--unit", "units", "--max", "30", "--daily", "sum", "--absent", "none"),
        ("nap", "--kind", "yes-no", "--absent", "unknown"),
        ("screen_time", "--kind", "number", "--unit", "h", "--min", "0", "--max", "24", "--daily", "max"),
    ):
        assert cli("factor", "add", *args).code == 0
    cli("log", "mood", "2", "--date", "2026-11-20")
    cli("log", "alcohol", "1.5", "--date", "2026-11-20")
    cli("log", "nap", "1", "--date", "2026-11-21")
    cli("log", "screen_time", "6.25", "--date", "2026-11-22")
    cli("log", "caffeine", "95", "--date", "2026-11-22")


def export(cli, folder: Path, db: Path) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    folder.mkdir()
    result = cli("export", "csv", "-o", str(folder / "daily.csv"), db=db)
    assert result.code == 0, result.err
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_export_then_import_into_a_fresh_diary_keeps_the_persons_factors(cli, db_path, tmp_path) -> None:
    seed(cli)
    first = export(cli, tmp_path / "one", db_path)
    assert set(first) == {"daily.csv", "daily.factors.csv"}
    fresh = tmp_path / "fresh.db"
    result = cli("import", "csv", str(tmp_path / "one" / "daily.csv"), db=fresh)
    assert result.code == 0, result.err
    assert export(cli, tmp_path / "two", fresh) == first
    listed = cli("factor", "list", db=fresh).out
    for words in ("mood", "alcohol", "nap", "screen_time"):
        assert words in listed


def test_the_factors_file_names_each_setting(cli, db_path, tmp_path) -> None:
    seed(cli)
    export(cli, tmp_path / "out", db_path)
    lines = (tmp_path / "out" / "daily.factors.csv").read_text(encoding="utf-8").splitlines()
    assert lines == [
        "name,column,kind,unit,min,max,daily,absent",
        "mood,mood,scale,,1,5,mean,unknown",
        "alcohol,alcohol_units,number,units,0,30,sum,none",
        "nap,nap,yes-no,,0,1,max,unknown",
        "screen_time,screen_time_h,number,h,0,24,max,unknown",
    ]


def test_the_factors_file_can_be_named_and_written_alone(cli, db_path, tmp_path) -> None:
    seed(cli)
    factors = cli("export", "csv", "--factors").out
    (tmp_path / "mine.csv").write_text(factors, encoding="utf-8")
    (tmp_path / "d.csv").write_text("date,screen_time_h\n2026-11-22,6.25\n", encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    result = cli("import", "csv", str(tmp_path / "d.csv"), str(tmp_path / "mine.csv"), db=fresh)
    assert result.code == 0, result.err
    made = sqlite3.connect(fresh).execute("SELECT max_value, daily_rule FROM factor WHERE name = 'screen_time'")
    assert made.fetchone() == (24.0, "max")


def test_undo_right_after_the_import_removes_the_factors_it_made(cli, db_path, tmp_path) -> None:
    seed(cli)
    export(cli, tmp_path / "one", db_path)
    fresh = tmp_path / "fresh.db"
    assert cli("import", "csv", str(tmp_path / "one" / "daily.csv"), db=fresh).code == 0
    assert cli("undo", db=fresh).code == 0
    names = {row[0] for row in sqlite3.connect(fresh).execute("SELECT name FROM factor WHERE NOT builtin")}
    assert names == set()


@pytest.mark.parametrize(
    ("row", "mentions"),
    [
        ("mood,mood,scale,,1,7,mean,unknown", "line 2: max"),  # the diary's mood is 1-5
        ("mood,mood,scale,,1,5,mean,none", "line 2: absent"),
        ("alcohol,alcohol_units,number,pints,0,30,sum,none", "line 2: unit"),
        ("gaming,gaming,number,,0,,sometimes,unknown", "line 2: daily"),
        ("gaming,gaming,colour,,0,,sum,unknown", "line 2: kind"),
        ("gaming,games,number,,0,,sum,unknown", "line 2: column"),
        ("Gaming!,gaming,number,,0,,sum,unknown", "line 2: name"),
        ("gaming,gaming,scale,,5,1,mean,unknown", "line 2"),
        ("date,date,number,,0,,sum,unknown", "line 2: name"),
    ],
    ids=["range-differs", "absent-differs", "unit-differs", "bad-rule", "bad-kind", "column-not-its-own",
         "bad-name", "min-above-max", "reserved-name"],
)  # fmt: skip
def test_a_factors_file_that_disagrees_is_refused_and_nothing_written(cli, db_path, tmp_path, row, mentions) -> None:
    seed(cli)
    before = diary(db_path)
    bad = tmp_path / "daily.factors.csv"
    bad.write_text(f"name,column,kind,unit,min,max,daily,absent\n{row}\n", encoding="utf-8")
    refused(cli("import", "csv", str(bad)), mentions=mentions)
    assert diary(db_path) == before


def test_a_daily_file_without_its_factors_file_says_how_to_bring_them(cli, db_path, tmp_path) -> None:
    seed(cli)
    assert cli("export", "csv", "-o", str(tmp_path / "daily.csv")).code == 0
    (tmp_path / "daily.factors.csv").unlink()
    fresh = tmp_path / "fresh.db"
    refused(cli("import", "csv", str(tmp_path / "daily.csv"), db=fresh), mentions="export csv --factors")
    assert not fresh.exists()


def test_a_diary_without_factors_of_its_own_exports_one_file_as_before(cli, tmp_path) -> None:
    cli("log", "caffeine", "95", "--date", "2026-11-22")
    assert cli("export", "csv", "-o", str(tmp_path / "daily.csv")).code == 0
    assert [path.name for path in tmp_path.iterdir() if path.suffix == ".csv"] == ["daily.csv"]
