"""A day holding both a "no twitches" answer and a note: `tracker list` gives the id to the answer
alone and the note a line of its own with the command that clears it; `delete` of the id says it
removed the answer and kept the note, and `undo` puts the answer back."""

from __future__ import annotations

import pytest

from tests.helpers.processes import select_rows

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


def test_list_gives_the_id_to_the_answer_and_the_note_its_own_line(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "none", "--date", "2026-11-20").code == 0
    assert cli("log", "note", "quiet day, weekend mood", "--date", "2026-11-20").code == 0

    lines = cli("list", "--date", "2026-11-20").out.splitlines()

    assert lines[0].startswith("d2026-11-20") and lines[0].endswith("no twitches (the answer this id deletes)")
    assert not lines[1].startswith("d2026-11-20")
    assert lines[1].strip().startswith("2026-11-20")
    assert 'note: quiet day, weekend mood (`tracker log note "" --date 2026-11-20` clears it)' in lines[1]


def test_delete_says_the_note_was_kept_and_undo_restores_the_answer(cli, db_path) -> None:  # type: ignore[no-untyped-def]
    cli("log", "none", "--date", "2026-11-20")
    cli("log", "note", "quiet day", "--date", "2026-11-20")

    said = cli("delete", "d2026-11-20").out

    assert "deleted d2026-11-20 (the no-twitches check-in on Fri 20 Nov)" in said
    assert 'kept the note of 2026-11-20 (`tracker log note "" --date 2026-11-20` clears it)' in said
    assert select_rows(db_path, "SELECT checked_in, note FROM day") == [(0, "quiet day")]
    assert cli("undo").code == 0
    assert select_rows(db_path, "SELECT checked_in, note FROM day") == [(1, "quiet day")]


def test_the_command_named_clears_the_note(cli, db_path) -> None:  # type: ignore[no-untyped-def]
    cli("log", "none", "--date", "2026-11-20")
    cli("log", "note", "quiet day", "--date", "2026-11-20")

    assert cli("log", "note", "", "--date", "2026-11-20").code == 0

    assert select_rows(db_path, "SELECT checked_in, note FROM day") == [(1, "")]
