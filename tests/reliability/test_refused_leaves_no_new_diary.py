"""A refused command leaves no new diary behind: a mistyped --db with bad input must not
become an empty 126 KB database (with its -wal and -shm) the person never asked for. A diary
that existed before the command is kept, whatever happens."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.cli import main

pytestmark = pytest.mark.usefixtures("frozen")

REFUSED = [
    ["log", "stress", "99"],
    ["log", "twitch", "--intensity", "9"],
    ["log", "caffeine", "lots"],
    ["intervention", "start", "magnesium", "--date", "2026-12-25"],
    ["import", "csv", "BAD"],
]


def leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


@pytest.mark.parametrize("argv", REFUSED, ids=" ".join)
def test_a_refused_command_creates_no_database(capsys, tmp_path: Path, argv: list[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("date,stress\n2026-11-20,99\n", encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    code = main(["--db", str(fresh), *(str(bad) if arg == "BAD" else arg for arg in argv)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert leftovers(fresh) == []


def test_a_diary_that_existed_is_kept_when_a_command_is_refused(capsys, tmp_path: Path) -> None:
    diary = tmp_path / "diary.db"
    assert main(["--db", str(diary), "log", "note", "kept"]) == 0
    assert main(["--db", str(diary), "log", "stress", "99"]) == 2
    assert diary.exists()
    capsys.readouterr()
    assert main(["--db", str(diary), "list"]) == 0
    assert "kept" in capsys.readouterr().out


def test_a_command_that_succeeds_keeps_the_diary_it_created(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    assert main(["--db", str(fresh), "log", "stress", "4"]) == 0
    assert fresh.exists()
