"""Encrypting or decrypting a diary the tracker has open is refused in one line that says what to
do, before anything is written: no plain copy of the diary is left behind by the refusal."""

from __future__ import annotations

import pytest

from tracker.tui.diary import open_database_file


@pytest.mark.parametrize("action", ["encrypt", "decrypt"])
def test_a_diary_in_use_is_refused_with_nothing_left_behind(cli, db_path, action: str) -> None:
    assert cli("log", "twitch", "--note", "kept").code == 0
    if action == "decrypt":
        assert cli("db", "encrypt").code == 0
    before = {p.name: p.read_bytes() for p in db_path.parent.rglob("*") if p.is_file()}
    engine = open_database_file(db_path)  # as the app opens it
    try:
        refused = [cli("db", action) for _ in range(3)]
    finally:
        engine.dispose()
    for done in refused:
        assert done.code == 2 and done.err.count("\n") == 1, done.err
        assert f"close it (ctrl+q), then {action}." in done.err, done.err
    after = {p.name for p in db_path.parent.rglob("*") if p.is_file()}
    assert sorted(n for n in after if ".backup" in n) == sorted(n for n in before if ".backup" in n)
