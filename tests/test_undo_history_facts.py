"""`tracker undo` right after answering the checklist or giving the onset date undoes that, and
nothing logged before it: an undo that removed an earlier twitch instead lost an entry."""

from __future__ import annotations

import pytest

from tests.helpers.processes import select_rows

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


def test_undo_after_the_checklist_removes_the_answers_not_the_twitch_before(cli, db_path) -> None:
    assert cli("log", "twitch", "--location", "eyelid", "--note", "kept").code == 0
    assert cli("checklist", "--no", "weakness", "speech", "--date", "2026-11-23").code == 0

    undone = cli("undo")

    assert undone.code == 0, undone.err
    assert "kept" in cli("list").out
    assert "answers" in undone.out, undone.out
    assert select_rows(db_path, "SELECT count(*) FROM red_flag_no") == [(0,)]


def test_undo_after_the_onset_takes_the_onset_back_not_the_twitch_before(cli) -> None:
    assert cli("log", "twitch", "--location", "eyelid", "--note", "kept").code == 0
    assert cli("onset", "2026-11-14").code == 0
    assert cli("onset", "2026-11-10").code == 0

    assert cli("undo").code == 0
    assert "14 Nov 2026" in cli("onset").out  # the change undone, the first date back
    assert cli("undo").code == 0
    assert "not given" in cli("onset").out
    assert "kept" in cli("list").out  # the twitch logged before both is still there


def test_undoing_an_onset_change_says_the_date_as_every_other_reader_does(cli) -> None:
    assert cli("onset", "2026-11-14").code == 0
    assert cli("onset", "2026-11-10").code == 0

    undone = cli("undo").out

    assert "onset date back to 14 Nov 2026" in undone and "2026-11-14" not in undone, undone
