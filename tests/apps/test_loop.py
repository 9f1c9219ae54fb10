"""Loop Habit Tracker's export (a zip or its folder) into the diary."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from tests.apps.conftest import FIXTURES, diary, refused

# An export in Loop's own layout and headers, its days made up (fixtures/apps/loop/SOURCE.txt).
LOOP = FIXTURES / "loop"


def _zip(folder: Path, target: Path, *, inside: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, inside + path.relative_to(folder).as_posix())
    return target


def _habit_export(folder: Path, habits: str, days: dict[str, str]) -> Path:
    folder.mkdir()
    (folder / "Habits.csv").write_text(habits, encoding="utf-8")
    for name, text in days.items():
        (folder / name).mkdir()
        (folder / name / "Checkmarks.csv").write_text(text, encoding="utf-8")
    return folder


HABITS = (
    "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,"
    "Target Type,Target Value,Archived?\n"
)


@pytest.mark.parametrize("form", ["folder", "zip", "zip with a folder inside"])
def test_the_real_export_gives_yes_no_and_leaves_unknown_and_auto_days_out(cli, daily, tmp_path, frozen, form) -> None:
    path = {
        "folder": lambda: LOOP,
        "zip": lambda: _zip(LOOP, tmp_path / "Loop Habits CSV 2023-06-10.zip"),
        "zip with a folder inside": lambda: _zip(LOOP, tmp_path / "loop.zip", inside="Loop Habits CSV/"),
    }[form]()
    result = cli("import", "loop", str(path))
    assert result.code == 0, result.err
    # 002 Walk after lunch: YES_MANUAL on 3, 5, 7, 10 Jun; NO on 9 Jun ("Rain all day"); UNKNOWN
    # on 4 Jun; YES_AUTO on 6 and 8 Jun is Loop's fill-in (8 Jun's note: "Tired, stayed in").
    days = daily("2023-06-03", "2023-06-10")
    assert {day: row["walk_after_lunch"] for day, row in days.items()} == {
        "2023-06-03": "1", "2023-06-04": "", "2023-06-05": "1", "2023-06-06": "", "2023-06-07": "1",
        "2023-06-08": "", "2023-06-09": "0", "2023-06-10": "1",
    }  # fmt: skip
    # 001 Journal has no days at all: no factor is made for it.
    assert "journal" not in days["2023-06-03"]
    assert "days Loop filled in from the habit's frequency (YES_AUTO: not done that day): 2 (" in result.out
    assert "days with nothing entered (UNKNOWN: not logged): 1 (" in result.out
    assert "notes on those days (not kept: the day is not logged): 2 (" in result.out
    assert "'Tired, stayed in'" in result.out  # the note typed on a YES_AUTO day is named, not dropped unsaid
    assert "walk after lunch no — Rain all day (from loop:" in cli("list", "--date", "2023-06-09").out


def test_unknown_is_not_logged_and_numbers_keep_their_unit(cli, daily, tmp_path, frozen) -> None:
    export = _habit_export(
        tmp_path / "loop",
        HABITS + "001,Water,NUMERICAL,How many glasses?,,1,1,#FF8F00,glasses,AT_LEAST,8,false\n"
        "002,Stretch,YES_NO,,,1,1,#FF8F00,,,,false\n",
        {
            "001 Water": "Date,Value,Notes\n2024-03-03,6.5,\n2024-03-02,UNKNOWN,\n2024-03-01,8,\n",
            "002 Stretch": "Date,Value,Notes\n2024-03-03,NO,\n2024-03-02,UNKNOWN,\n2024-03-01,SKIP,\n",
        },
    )
    result = cli("import", "loop", str(export))
    assert result.code == 0, result.err
    days = daily("2024-03-01", "2024-03-03")
    # "water" is the built-in water in ml: a habit counted in glasses becomes a factor of its own.
    assert [days[d]["water_habit_glasses"] for d in sorted(days)] == ["8", "", "6.5"]
    assert [days[d]["stretch"] for d in sorted(days)] == ["", "", "0"]
    assert days["2024-03-02"]["tracked"] == "0"  # UNKNOWN twice: nothing logged that day
    assert [days[d]["water_ml"] for d in sorted(days)] == ["", "", ""]


@pytest.mark.parametrize(
    ("make", "mentions"),
    [
        (lambda tmp: _truncated(tmp), "FILE"),
        (lambda tmp: _zip(_habit_export(tmp / "x", "", {}), tmp / "empty.zip").with_name("empty.zip"), "missing"),
        (lambda tmp: _no_habits_file(tmp), "Habits.csv"),
        (lambda tmp: _habit_export(tmp / "x", HABITS + "001,Run,YES_NO,,,1,1,#FF8F00,,,,false\n", {}), "001 Run/"),
        (lambda tmp: _habit_export(tmp / "x", "Name\nRun\n", {}), "missing Position"),
        (lambda tmp: _one_day(tmp, "2024-02-30,YES_MANUAL,"), "line 2: Date"),
        (lambda tmp: _one_day(tmp, "2024-02-03,MAYBE,"), "line 2: Value"),
        (
            lambda tmp: _habit_export(
                tmp / "x", HABITS + "001,Run,YES_NO,,,1,1,#FF8F00,,,,false\n", {"001 Run": "Day,Value\n2024-01-01,NO\n"}
            ),
            "missing Date",
        ),
        (lambda tmp: tmp / "nothing-here.zip", "nothing-here.zip"),
    ],
    ids=[
        "truncated-zip",
        "empty-habits",
        "no-habits-file",
        "no-habit-folder",
        "missing-columns",
        "bad-date",
        "bad-value",
        "bad-checkmarks-header",
        "no-such-file",
    ],
)
def test_hostile_exports_are_refused_in_one_line_and_nothing_is_written(cli, db_path, tmp_path, frozen, make,
                                                                         mentions) -> None:  # fmt: skip
    cli("log", "caffeine", "95")
    before = diary(db_path)
    refused(cli("import", "loop", str(make(tmp_path))), mentions=mentions)
    assert diary(db_path) == before


def _truncated(tmp: Path) -> Path:
    whole = _zip(LOOP, tmp / "whole.zip").read_bytes()
    cut = tmp / "Loop Habits CSV.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    return cut


def _no_habits_file(tmp: Path) -> Path:
    folder = tmp / "x"
    shutil.copytree(LOOP, folder)
    (folder / "Habits.csv").unlink()
    return folder


def _one_day(tmp: Path, row: str) -> Path:
    return _habit_export(
        tmp / "x", HABITS + "001,Run,YES_NO,,,1,1,#FF8F00,,,,false\n", {"001 Run": f"Date,Value,Notes\n{row}\n"}
    )


def test_habits_whose_names_loop_strips_from_their_folder_are_found(cli, daily, tmp_path, frozen) -> None:
    # Loop keeps only ASCII letters, digits, space, '.', '_' and '-' of a name in its folder's name.
    export = _habit_export(
        tmp_path / "loop",
        HABITS + "001,Don't smoke 🚭,YES_NO,,,1,1,#FF8F00,,,,false\n002,Café/tea < 2,YES_NO,,,1,1,#FF8F00,,,,false\n",
        {
            "001 Dont smoke": "Date,Value,Notes\n2024-03-02,YES_MANUAL,\n",
            "002 Caftea  2": "Date,Value,Notes\n2024-03-02,NO,\n",
        },
    )
    result = cli("import", "loop", str(export))
    assert result.code == 0, result.err
    day = daily("2024-03-02", "2024-03-02")["2024-03-02"]
    assert (day["don_t_smoke"], day["caf_tea_2"]) == ("1", "0")
