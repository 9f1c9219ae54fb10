"""Importing CSV files behaves the same whether the diary is a SQLite file or on a PostgreSQL
server: twitches matched one for one, a re-import adds nothing, conflicts are listed or refused
as on a file, and `undo` removes exactly what the import added."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BACKENDS

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


EPISODES = (
    "started_at,location,side,intensity,note\n"
    "2026-11-20T08:15:00+01:00,eyelid,left,3,on the train\n"
    "2026-11-20T08:15:00+01:00,eyelid,left,3,on the train\n"  # two twitches in one second: both kept
    "2026-11-21 21:00,cheek,,,wall clock only\n"
)


def test_an_episodes_file_imports_once_and_a_second_import_adds_nothing(cli, tmp_path) -> None:
    episodes = write(tmp_path / "episodes.csv", EPISODES)
    cli("log", "twitch", "--at", "2026-11-21T21:00", "--location", "cheek", "--note", "wall clock only")

    first = cli("import", "csv", str(episodes))

    assert first.code == 0, first.err
    assert "2 new episodes" in first.out  # the 21:00 twitch was already logged: matched, not doubled
    listed = cli("export", "csv", "--episodes").out
    assert listed.count("on the train") == 2 and listed.count("wall clock only") == 1
    assert "2026-11-20T08:15:00+01:00,2026-11-20" in listed  # its own offset and local date kept
    again = cli("import", "csv", str(episodes))
    assert again.code == 0 and "0 new episodes" in again.out
    assert cli("export", "csv", "--episodes").out == listed


def test_a_daily_file_adds_values_and_a_different_one_is_refused_naming_the_value(cli, tmp_path) -> None:
    cli("log", "stress", "3", "--date", "2026-11-22")
    daily = write(tmp_path / "daily.csv", "date,stress,caffeine_mg\n2026-11-22,3,95\n2026-11-23,7,\n")
    added = cli("import", "csv", str(daily))
    assert added.code == 0, added.err
    before = cli("export", "csv").out
    assert "2026-11-22" in before and "95" in before

    clash = write(tmp_path / "clash.csv", "date,stress\n2026-11-23,2\n")
    refused = cli("import", "csv", str(clash))

    assert refused.code == 2 and len(refused.err.strip().splitlines()) == 1
    assert "clash.csv line 2" in refused.err and "stress" in refused.err
    assert cli("export", "csv").out == before


def test_twitches_on_a_no_twitches_day_are_listed_as_a_conflict_and_undo_removes_the_import(cli, tmp_path) -> None:
    cli("log", "none", "--date", "2026-11-20")
    before = cli("export", "csv", "--episodes").out
    episodes = write(tmp_path / "episodes.csv", EPISODES)

    imported = cli("import", "csv", str(episodes))

    assert imported.code == 0, imported.err
    assert "conflicts: 1" in imported.out and "2026-11-20" in imported.out
    assert "1 new episode" in imported.out  # only the 21st's
    assert cli("undo").code == 0
    assert cli("export", "csv", "--episodes").out == before


def test_a_whole_diary_exported_imports_into_a_new_one_with_the_same_exports(cli, tmp_path, db_path) -> None:
    laptop = tmp_path / "laptop.db"
    assert cli("demo", "--days", "20", "--seed", "5", db=laptop).code == 0
    daily, episodes = tmp_path / "daily.csv", tmp_path / "episodes.csv"
    assert cli("export", "csv", "-o", str(daily), db=laptop).code == 0
    assert cli("export", "csv", "--episodes", "-o", str(episodes), db=laptop).code == 0

    imported = cli("import", "csv", str(daily), str(episodes))

    assert imported.code == 0, imported.err
    assert cli("export", "csv").out == cli("export", "csv", db=laptop).out
    assert cli("export", "csv", "--episodes").out == cli("export", "csv", "--episodes", db=laptop).out


def test_a_daily_and_episodes_file_on_a_no_twitches_day_list_the_conflict_once(cli, tmp_path) -> None:
    laptop = tmp_path / "laptop.db"
    cli("log", "twitch", "--at", "2026-11-21T08:00", "--location", "eyelid", db=laptop)
    daily, episodes = tmp_path / "daily.csv", tmp_path / "episodes.csv"
    assert cli("export", "csv", "-o", str(daily), db=laptop).code == 0
    assert cli("export", "csv", "--episodes", "-o", str(episodes), db=laptop).code == 0
    cli("log", "none", "--date", "2026-11-21")

    imported = cli("import", "csv", str(daily), str(episodes))

    assert imported.code == 0, imported.err  # the file's count of 1 is its own twitch, held back
    assert "conflicts: 1" in imported.out and "2026-11-21" in imported.out
    assert cli("export", "csv", "--episodes").out.count("\n") == 1  # the header only: the answer kept
