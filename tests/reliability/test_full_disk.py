"""A diary on a full disk is said to be on a full disk, never called corrupt."""

from __future__ import annotations

from tests.conftest import fill_disk


def test_a_full_disk_is_not_called_a_corrupt_database(cli, small_disk) -> None:
    db = small_disk / "tracker.db"
    assert cli("log", "none", "--date", "yesterday", db=db).code == 0
    before = db.read_bytes()
    (small_disk / "tracker.db-shm").unlink(missing_ok=True)  # as after the last writer closed
    fill_disk(small_disk)
    for command in (["list"], ["log", "note", "hi"], ["db", "check"]):
        result = cli(*command, db=db)
        assert result.code != 0 and result.err.count("\n") == 1, (command, result.err)
        assert "corrupt" not in result.err, (command, result.err)
        assert "disk" in result.err, (command, result.err)
    assert db.read_bytes() == before
