"""The onset date, red flags' notes and the checklist's "no" answers travel with the diary: in the
diary file an export writes beside the daily file, back through `import csv`, and through
`db copy --merge` into a diary that has entries of its own; a merge says in one line what it
still leaves behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import BACKENDS

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def laptop(cli, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """A diary with an onset, a red flag with a note, and questions answered "no" on two days."""
    path = str(tmp_path / "laptop.db")
    for args in (
        ("onset", "2026-03-01"),
        ("log", "redflag", "weakness", "--date", "2026-11-20", "--note", "saw my GP, she said wait"),
        ("checklist", "--no", "spreading", "drooping", "--date", "2026-11-20"),
        ("checklist", "--no", "all", "--date", "2026-11-22"),
        ("log", "twitch", "--at", "2026-11-20T08:00", "--location", "eyelid"),
    ):
        assert cli(*args, db=path).code == 0
    return path


def facts(cli, db: str) -> str:  # type: ignore[no-untyped-def]
    return str(cli("export", "csv", "--diary", db=db).out)


def test_the_diary_file_reads_as_a_person_writes_it(cli, laptop) -> None:
    lines = facts(cli, laptop).splitlines()

    assert lines[:5] == [
        "fact,date,sign,note",
        "onset,2026-03-01,,",
        'red flag,2026-11-20,weakness,"saw my GP, she said wait"',
        "answered no,2026-11-20,drooping,",
        "answered no,2026-11-20,spreading,",
    ]
    assert "answered no,2026-11-22,weakness," in lines and len(lines) == 18  # all 13 questions on the 22nd


def test_an_export_imports_back_one_for_one_into_a_fresh_diary(cli, laptop, tmp_path: Path) -> None:
    daily = tmp_path / "daily.csv"
    assert cli("export", "csv", "-o", str(daily), db=laptop).code == 0
    assert cli("export", "csv", "--episodes", "-o", str(tmp_path / "episodes.csv"), db=laptop).code == 0
    assert daily.with_name("daily.diary.csv").is_file()
    fresh = str(tmp_path / "fresh.db")

    done = cli("import", "csv", str(daily), str(tmp_path / "episodes.csv"), db=fresh)

    assert done.code == 0, done.err
    assert "1 onset date, 1 red-flag note, 15 'no' answers" in done.out
    assert facts(cli, fresh) == facts(cli, laptop)
    assert "1 Mar 2026" in cli("onset", db=fresh).out
    assert cli("undo", db=fresh).code == 0
    assert facts(cli, fresh).splitlines() == ["fact,date,sign,note"]  # undo takes the facts back with the rest


def test_a_merge_keeps_the_onset_notes_and_no_answers(cli, db_target, laptop) -> None:
    cli("log", "twitch", "--at", "2026-11-21T08:00", "--location", "cheek")  # the server diary's own entry

    merged = cli("db", "copy", laptop, db_target, "--merge", db=None)

    assert merged.code == 0, merged.err
    assert "1 onset date, 1 red-flag note, 15 'no' answers" in merged.out
    assert facts(cli, db_target) == facts(cli, laptop)
    again = cli("db", "copy", laptop, db_target, "--merge", db=None)
    assert "conflicts" not in again.out and facts(cli, db_target) == facts(cli, laptop)


def test_facts_the_diaries_disagree_on_are_listed_and_the_targets_kept(cli, db_target, laptop) -> None:
    cli("onset", "2026-02-10")
    cli("log", "redflag", "weakness", "--date", "2026-11-20", "--note", "only on the left")
    cli("log", "redflag", "spreading", "--date", "2026-11-22")  # the laptop answered "no" to it that day
    before = facts(cli, db_target)

    merged = cli("db", "copy", laptop, db_target, "--merge", db=None)

    assert merged.code == 0, merged.err
    lines = merged.out.splitlines()
    assert "conflicts: 2" in lines
    assert "  2026-02-10 onset date: yours 2026-02-10, the file's 2026-03-01 — kept yours" in lines
    assert any("2026-11-20 weakness note: yours 'only on the left'" in line for line in lines)
    # A red flag stands in place of that day's "no" for its sign, whichever diary holds which: said, not a conflict.
    assert "1 'no' answer of the file's left out for that day's red flag" in lines[0]
    after = facts(cli, db_target)
    assert "onset,2026-02-10" in after and "only on the left" in after and "saw my GP" not in after
    assert "answered no,2026-11-22,spreading" not in after
    assert "answered no,2026-11-22,weakness" in after  # the questions not in dispute came across
    assert len(after.splitlines()) > len(before.splitlines())


def test_a_merge_says_in_one_line_what_no_file_carries(cli, db_target, laptop) -> None:
    cli("log", "caffeine", "95", "--at", "2026-11-20T08:15", db=laptop)
    cli("preset", "set", "double-shot", "caffeine", "150", db=laptop)
    cli("intervention", "start", "magnesium", "--date", "2026-11-01", db=laptop)

    merged = cli("db", "copy", laptop, db_target, "--merge", db=None)

    assert merged.code == 0, merged.err
    [left] = [line for line in merged.out.splitlines() if line.startswith("not merged")]
    assert "1 intervention" in left and "1 preset" in left and "times and notes of 1 factor entry" in left
