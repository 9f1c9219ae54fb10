"""What the file commands say about what they wrote, and what they refuse."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("frozen")


def test_an_export_counts_twitches_not_lines(cli, tmp_path) -> None:
    assert cli("log", "twitch", "--at", "08:00", "--note", "two\nlines").code == 0
    assert cli("log", "twitch", "--at", "09:00").code == 0
    out = tmp_path / "episodes.csv"
    result = cli("export", "csv", "--episodes", "-o", str(out))
    assert f"wrote {out} (2 rows)" in result.err


def test_an_export_of_one_row_says_one_row(cli, tmp_path) -> None:
    assert cli("log", "twitch", "--at", "08:00").code == 0
    out = tmp_path / "episodes.csv"
    assert f"wrote {out} (1 row)" in cli("export", "csv", "--episodes", "-o", str(out)).err


def test_a_backup_to_an_empty_name_is_refused_and_writes_nothing(cli, db_path) -> None:
    assert cli("log", "twitch").code == 0
    before = sorted(path.name for path in db_path.parent.iterdir())
    result = cli("db", "backup", "")
    assert result.code == 2
    assert result.err.strip() == (
        "tracker: error: DEST: '' is not allowed; a file or folder to back up to; the path is empty"
    )
    assert sorted(path.name for path in db_path.parent.iterdir()) == before
