"""A restore names what differs by kind (twitches, day values, medications, onset, checklist
answers), not only how many entries: a medication that disappears is named."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("frozen")


def test_a_restore_names_a_medication_that_went_and_the_onset_it_changed(cli, tmp_path) -> None:
    assert cli("log", "twitch").code == 0
    assert cli("onset", "2026-11-01").code == 0
    copy = tmp_path / "before the new drug.db"
    assert cli("db", "backup", str(copy)).code == 0
    assert cli("med", "add", "prednisone", "--dose", "20 mg").code == 0
    assert cli("onset", "2026-10-01").code == 0
    restored = cli("db", "restore", str(copy))
    assert restored.code == 0, restored.err
    [differs] = [line for line in restored.out.splitlines() if line.startswith("what differs: ")]
    assert "medications: 1 gone (prednisone)" in differs, restored.out
    assert "onset: 2026-10-01, now 2026-11-01" in differs, restored.out
    assert "twitches" not in differs  # the same twitch in both


def test_a_restore_of_the_same_entries_says_nothing_differs(cli, tmp_path) -> None:
    assert cli("log", "twitch").code == 0
    copy = tmp_path / "same.db"
    assert cli("db", "backup", str(copy)).code == 0
    restored = cli("db", "restore", str(copy))
    assert "what differs: nothing: the copy holds what the diary held" in restored.out, restored.out
