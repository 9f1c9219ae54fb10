"""Two laptops' diaries merged into one (a file or a server diary): every twitch once, values added
where the target has none, conflicts listed or refused as an import lists or refuses them, and a
second merge of the same diary changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BACKENDS

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def everything(cli, db: str) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """What a person would compare: both CSV exports and the factors file."""
    return (
        cli("export", "csv", db=db).out,
        cli("export", "csv", "--episodes", db=db).out,
        cli("export", "csv", "--factors", db=db).out,
    )


@pytest.fixture
def laptops(cli, tmp_path: Path) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """Two diaries with a shared past: the second began as a copy of the first, then each went on."""
    first, second = str(tmp_path / "first.db"), str(tmp_path / "second.db")
    cli("log", "twitch", "--at", "2026-11-20T08:00", "--location", "eyelid", "--note", "shared past", db=first)
    cli("log", "twitch", "--at", "2026-11-20T08:00", "--location", "eyelid", "--note", "shared past", db=first)
    cli("log", "caffeine", "95", "--date", "2026-11-20", db=first)
    assert cli("db", "copy", first, second, db=None).code == 0
    cli("log", "twitch", "--at", "2026-11-22T21:00", "--location", "cheek", "--note", "first only", db=first)
    cli("log", "none", "--date", "2026-11-21", db=first)
    added = cli("factor", "add", "alcohol", "--kind", "number", "--unit", "units", "--max", "20", db=second)
    assert added.code == 0, added.err
    cli("log", "alcohol", "2", "--date", "2026-11-23", db=second)
    tokyo = "2026-11-23T10:00+09:00"
    cli("log", "twitch", "--at", tokyo, "--location", "upper-lip", "--note", "second only", db=second)
    return first, second


def test_two_laptops_merge_into_one_diary_without_duplicates(cli, db_target: str, laptops) -> None:
    first, second = laptops

    one = cli("db", "copy", first, db_target, "--merge", db=None)
    two = cli("db", "copy", second, db_target, "--merge", db=None)

    assert one.code == 0 and two.code == 0, one.err + two.err
    assert one.out.startswith("merged ") and "3 new episodes" in one.out
    assert "1 new episode," in two.out and "1 new factor" in two.out  # the shared twitches matched
    episodes = cli("export", "csv", "--episodes", db=db_target).out
    assert episodes.count("shared past") == 2  # two twitches in the same second stay two, not four
    assert episodes.count("first only") == 1 and episodes.count("second only") == 1
    assert "2026-11-23T10:00:00+09:00" in episodes  # each entry keeps the zone it was logged in
    daily = cli("export", "csv", "--from", "2026-11-20", "--to", "2026-11-23", db=db_target).out.splitlines()
    header = daily[0].split(",")
    rows = {row.split(",")[0]: dict(zip(header, row.split(","), strict=True)) for row in daily[1:]}
    assert rows["2026-11-20"]["caffeine_mg"] == "95" and rows["2026-11-23"]["alcohol_units"] == "2"
    assert rows["2026-11-21"]["episodes"] == "0"  # the "no twitches" answer came across


def test_merging_the_same_diary_again_changes_nothing(cli, db_target: str, laptops) -> None:
    first, second = laptops
    assert cli("db", "copy", first, db_target, "--merge", db=None).code == 0
    assert cli("db", "copy", second, db_target, "--merge", db=None).code == 0
    before = everything(cli, db_target)

    again = cli("db", "copy", second, db_target, "--merge", db=None)

    assert again.code == 0, again.err
    assert "0 new episodes, 0 days changed" in again.out
    assert everything(cli, db_target) == before


def test_a_day_answered_no_twitches_keeps_its_answer_and_the_twitches_are_listed(cli, db_target, tmp_path) -> None:
    laptop = str(tmp_path / "laptop.db")
    cli("log", "twitch", "--at", "2026-11-21T08:00", "--location", "eyelid", db=laptop)
    cli("log", "none", "--date", "2026-11-21")  # the server diary's own answer for that day

    merged = cli("db", "copy", laptop, db_target, "--merge", db=None)

    assert merged.code == 0, merged.err
    assert "conflicts: 1" in merged.out and "2026-11-21" in merged.out
    assert cli("export", "csv", "--episodes").out.count("\n") == 1  # the header only


def test_a_value_or_note_the_diaries_disagree_on_is_listed_and_the_rest_merged(cli, db_target, tmp_path) -> None:
    laptop = str(tmp_path / "laptop.db")
    cli("log", "twitch", "--at", "2026-11-22T08:00", "--location", "eyelid", db=laptop)
    cli("log", "stress", "7", "--date", "2026-11-22", db=laptop)
    cli("log", "note", "long shift", "--date", "2026-11-21", db=laptop)
    cli("log", "stress", "2", "--date", "2026-11-22")
    cli("log", "note", "quiet day", "--date", "2026-11-21")

    merged = cli("db", "copy", laptop, db_target, "--merge", db=None)

    assert merged.code == 0, merged.err
    assert "  2026-11-22 stress: yours 2, the file's 7 — kept yours" in merged.out.splitlines()
    assert "  2026-11-21 note: yours 'quiet day', the file's 'long shift' — kept yours" in merged.out.splitlines()
    daily = cli("export", "csv", "--from", "2026-11-21", "--to", "2026-11-22").out.splitlines()
    header = daily[0].split(",")
    rows = {row.split(",")[0]: dict(zip(header, row.split(","), strict=True)) for row in daily[1:]}
    assert rows["2026-11-21"]["note"] == "quiet day" and rows["2026-11-22"]["stress"] == "2"
    assert rows["2026-11-22"]["episodes"] == "1"  # the laptop's twitch came across all the same


def test_a_merge_into_a_new_file_is_a_whole_copy(cli, laptops, tmp_path: Path) -> None:
    first, _second = laptops
    new = str(tmp_path / "new.db")
    assert cli("db", "copy", first, new, "--merge", db=None).code == 0
    assert everything(cli, new)[:2] == everything(cli, first)[:2]


def test_a_day_answered_no_twitches_in_the_source_is_a_listed_conflict_as_the_other_way(
    cli, db_target, tmp_path
) -> None:
    laptop = str(tmp_path / "laptop.db")
    cli("log", "none", "--date", "2026-11-21", db=laptop)
    cli("log", "caffeine", "95", "--date", "2026-11-22", db=laptop)
    cli("log", "twitch", "--at", "2026-11-21T08:00", "--location", "eyelid")  # the server diary's twitch

    merged = cli("db", "copy", laptop, db_target, "--merge", db=None)

    assert merged.code == 0, merged.err
    assert "2026-11-21 twitches: yours 1 twitch, the file's no twitches — kept yours" in merged.out
    daily = cli("export", "csv", "--from", "2026-11-21", "--to", "2026-11-22").out
    assert "2026-11-21,1,1," in daily  # the twitch stays, with no "no twitches" answer beside it
    assert "\n2026-11-22,1,,,,,95," in daily  # the rest of the diary came across


def test_two_diaries_with_other_twitches_on_the_same_day_merge_into_both(cli, db_target, tmp_path) -> None:
    laptop = str(tmp_path / "laptop.db")
    cli("log", "twitch", "--at", "2026-11-20T08:00", "--location", "eyelid", "--note", "laptop", db=laptop)
    cli("log", "twitch", "--at", "2026-11-20T09:00", "--location", "cheek", "--note", "server")

    merged = cli("db", "copy", laptop, db_target, "--merge", db=None)

    assert merged.code == 0, merged.err
    assert "1 new episode," in merged.out
    episodes = cli("export", "csv", "--episodes").out
    assert "laptop" in episodes and "server" in episodes
    assert cli("db", "copy", laptop, db_target, "--merge", db=None).out.startswith("merged ")  # again: nothing new
